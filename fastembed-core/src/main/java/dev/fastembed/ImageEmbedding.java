package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.image.ImageEmbeddingModel;
import dev.fastembed.image.ImagePreprocessor;
import dev.fastembed.model.ImageModelDescription;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
    private final RunOptions<ImageInput> options;
    private final ImageEmbeddingModel kind;
    private final RunSettings runSettings;
    private final BatchEngine<OnnxSession> engine;

    private ImageEmbedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, image -> 1, "images");
        this.sessionSettings = b.sessionSettings();
        this.description = ModelCatalog.imageModel(b.model);
        this.files = b.resolve(description.fileSet());
        this.kind = new ImageEmbeddingModel(description,
                ImagePreprocessor.fromFile(files.file("preprocessor_config.json").orElseThrow()));
        Integer parallelism = b.effectiveParallelism(files.model());
        this.runSettings = b.runSettings(parallelism);
        this.engine = b.sessionEngine(description.id(), files.model(), sessionSettings, parallelism);
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
        return engine.runAll(ImageInput.of(images), options, this::embedBatch);
    }

    public float[] embed(Path image) {
        return embed(Collections.singletonList(image)).get(0);
    }

    public float[] embed(BufferedImage image) {
        return embed(Collections.singletonList(image)).get(0);
    }

    public float[] embed(byte[] encodedImage) {
        return embed(Collections.<Object>singletonList(encodedImage)).get(0);
    }

    /** Embeds a stream lazily and in order, holding a few batches of images at most. */
    public Stream<float[]> embed(Stream<?> images) {
        Objects.requireNonNull(images, "images must not be null");
        return engine.stream(ImageInput.of(images), options, this::embedBatch);
    }

    private List<float[]> embedBatch(List<ImageInput> batch, OnnxSession session) throws Exception {
        return kind.embed(ImageInput.decode(batch), session);
    }

    /**
     * Where this model runs: the device its loaded session was built on (CUDA only when ONNX Runtime loaded the
     * CUDA provider for it), else where its first session will run ({@code AUTO} resolved: with the CPU jar the
     * CPU, found without loading ONNX Runtime; with the GPU jar, ONNX Runtime is loaded once to probe CUDA).
     */
    public Device device() {
        return engine.fromCallerWorker(OnnxSession::device, () -> FacadeBuilder.resolved(sessionSettings.device()));
    }

    /** Whether an ONNX session has been created (false until first use with {@code lazyLoad}); no loading. */
    public boolean isLoaded() {
        return engine.hasWorkers();
    }

    /** How this instance runs: batch size, threads, parallelism, device, lazy load, as built. */
    public RunSettings runSettings() {
        return runSettings;
    }

    /** Whether {@link #close()} has been called; later calls throw {@link IllegalStateException}. */
    public boolean isClosed() {
        return engine.isClosed();
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
