package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.hub.ModelFiles;
import dev.fastembed.image.ImageDecoder;
import dev.fastembed.image.ImageEmbeddingModel;
import dev.fastembed.image.ImagePreprocessor;
import dev.fastembed.image.RgbImage;
import dev.fastembed.model.ImageModelDescription;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Image vectors (CLIP, SigLIP 2, nomic vision, Jina CLIP, ResNet-50, Unicom; see
 * {@link #listSupportedModels()}). Images are decoded with ImageIO and preprocessed exactly as Pillow does in
 * Python fastembed. CLIP-style models pair with the text tower of the same name in {@link TextEmbedding}:
 * text-to-image search is the dot product of the two unit vectors. Thread-safe; close it to free the sessions.
 *
 * <p>An image is a {@link Path}, {@link File}, path {@link String}, {@code byte[]} of an encoded file,
 * {@link InputStream} (read to its end) or {@link BufferedImage}.
 */
public final class ImageEmbedding implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 16;

    private final ImageModelDescription description;
    private final ModelFiles files;
    private final SessionSettings sessionSettings;
    private final RunOptions<Indexed> options;
    private final ImageEmbeddingModel kind;
    private final BatchEngine<OnnxSession> engine;

    /** An input with its position, so that a bad image is reported by index. */
    private record Indexed(long index, Object image) {
    }

    private ImageEmbedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, image -> 1, "images");
        this.sessionSettings = b.sessionSettings();
        this.description = ModelCatalog.imageModel(b.model);
        this.files = b.resolve(description.fileSet());
        this.kind = new ImageEmbeddingModel(description,
                ImagePreprocessor.fromFile(files.file("preprocessor_config.json").orElseThrow()));
        this.engine = b.sessionEngine(description.id(), files.model(), sessionSettings);
        b.warmUpUnlessLazy(engine, this);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static List<ImageModelDescription> listSupportedModels() {
        return ModelCatalog.imageModels();
    }

    public ImageModelDescription description() {
        return description;
    }

    /** The vector length; no inference is run. */
    public int dimension() {
        return description.dimension();
    }

    public String modelSource() {
        return files.origin();
    }

    /** One unit vector per image, in input order. */
    public List<float[]> embed(List<?> images) {
        Objects.requireNonNull(images, "images must not be null");
        List<Indexed> indexed = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            indexed.add(new Indexed(i, requireImage(images.get(i), i)));
        }
        return engine.runAll(indexed, options, this::embedBatch);
    }

    public float[] embed(Path image) {
        return embed(List.of(image)).get(0);
    }

    public float[] embed(BufferedImage image) {
        return embed(List.of(image)).get(0);
    }

    public float[] embed(byte[] encodedImage) {
        return embed(List.<Object>of(encodedImage)).get(0);
    }

    /** Embeds a stream lazily and in order, holding a few batches of images at most. */
    public Stream<float[]> embed(Stream<?> images) {
        Objects.requireNonNull(images, "images must not be null");
        AtomicLong position = new AtomicLong();
        Stream<Indexed> indexed = images.map(image -> {
            long index = position.getAndIncrement();
            return new Indexed(index, requireImage(image, index));
        });
        return engine.stream(indexed, options, this::embedBatch);
    }

    private List<float[]> embedBatch(List<Indexed> batch, OnnxSession session) throws Exception {
        List<RgbImage> decoded = new ArrayList<>(batch.size());
        for (Indexed item : batch) {
            decoded.add(decode(item));
        }
        return kind.embed(decoded, session);
    }

    private static Object requireImage(Object image, long index) {
        if (image == null) {
            throw new IllegalArgumentException("images[" + index + "] is null; filter missing images out first");
        }
        if (!(image instanceof Path || image instanceof File || image instanceof String || image instanceof byte[]
                || image instanceof InputStream || image instanceof BufferedImage)) {
            throw new IllegalArgumentException("images[" + index + "] is a " + image.getClass().getName()
                    + "; pass a Path, File, path String, byte[], InputStream or BufferedImage");
        }
        return image;
    }

    private static RgbImage decode(Indexed item) {
        Object image = item.image();
        try {
            return ImageDecoder.read(image);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("images[" + item.index() + "] (" + describe(image) + ") could not be "
                    + "read as an image: " + e.getMessage(), e);
        }
    }

    private static String describe(Object image) {
        if (image instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        if (image instanceof BufferedImage buffered) {
            return "BufferedImage " + buffered.getWidth() + "x" + buffered.getHeight();
        }
        return image instanceof InputStream ? "an InputStream" : image.toString();
    }

    /** Frees the sessions and worker threads. Later calls throw IllegalStateException. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "ImageEmbedding[" + description.id() + ", from " + files.origin() + "]";
    }

    /** Builder for {@link ImageEmbedding}; the shared options are in {@link FacadeBuilder}. No default model. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private Builder() {
            super(null, DEFAULT_BATCH_SIZE);
        }

        public ImageEmbedding build() {
            return new ImageEmbedding(this);
        }
    }
}
