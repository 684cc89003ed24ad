package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.engine.SharedResource;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.image.ImagePreprocessor;
import dev.fastembed.late.TokenVectors;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.MultimodalModelDescription;
import dev.fastembed.multimodal.ColModernVbertModel;
import dev.fastembed.multimodal.ColPaliModel;
import dev.fastembed.multimodal.MultimodalModel;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;
import dev.fastembed.text.TextTokenizer;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Late-interaction retrieval over page images (ColPali, ColModernVBERT): {@link #embedText} encodes queries, {@link #embedImage}
 * page images, both as matrices of 128-dimensional rows compared with {@link MultiVectorEmbedding#maxSim}.
 * The ONNX file may carry external data ({@code model.onnx_data}, 6.5 GB for ColPali): it loads from its path.
 * ColModernVBERT pages go through Idefics3's resizing and splitting. Thread-safe; close it to free the sessions.
 */
public final class LateInteractionMultimodalEmbedding implements AutoCloseable {

    public static final int DEFAULT_TEXT_BATCH_SIZE = 256;
    public static final int DEFAULT_IMAGE_BATCH_SIZE = 16;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 4096;

    private final MultimodalModelDescription description;
    private final String origin;
    private final SharedResource<MultimodalModel> kind;
    private final RunSettings runSettings;
    private final Device requestedDevice;
    private final BatchEngine<OnnxSession> engine;
    private final RunOptions<String> textOptions;
    private final RunOptions<ImageInput> imageOptions;

    private LateInteractionMultimodalEmbedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        if (b.imageBatchSize <= 0) {
            throw new IllegalArgumentException("imageBatchSize must be > 0, was " + b.imageBatchSize);
        }
        this.textOptions = new RunOptions<>(b.batchSize, String::length, "texts");
        this.imageOptions = new RunOptions<>(b.imageBatchSize, image -> 1, "images");
        int maxBatchTokens = b.maxBatchTokens != null ? b.maxBatchTokens : DEFAULT_MAX_BATCH_TOKENS;
        SessionSettings settings = b.sessionSettings();
        this.requestedDevice = settings.device();
        this.description = ModelCatalog.multimodalModel(b.model);
        ModelFiles files = b.resolve(description.fileSet());
        this.origin = files.origin();
        ImagePreprocessor pages = description.colPali()
                ? ImagePreprocessor.fromFile(files.file("preprocessor_config.json").orElseThrow()) : null;
        this.kind = new SharedResource<>(description.id(), () -> TextTokenizer.handTo(
                TextTokenizer.load(files, description.maxLength(), true),
                tokenizer -> description.colPali() ? new ColPaliModel(description, tokenizer, pages, maxBatchTokens)
                        : new ColModernVbertModel(description, tokenizer, files, maxBatchTokens)));
        Integer parallelism = b.effectiveParallelism(files.model());
        this.runSettings = b.runSettings(parallelism);
        this.engine = b.sessionEngine(description.id(), files.model(), settings, parallelism);
        b.warmUpUnlessLazy(engine, this, kind);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static List<MultimodalModelDescription> listSupportedModels() {
        return ModelCatalog.multimodalModels();
    }

    public MultimodalModelDescription description() {
        return description;
    }

    /** Where the model files were found. */
    public String modelSource() {
        return origin;
    }

    public int dimension() {
        return description.dimension();
    }

    /** One matrix per query text, every row kept (the query template's padding included, as fastembed). */
    public List<MultiVectorEmbedding> embedText(List<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        return wrap(engine.runAll(texts, textOptions, (batch, session) -> kind.get().texts(batch, session)));
    }

    /** The matrix of one query text. */
    public MultiVectorEmbedding embedText(String text) {
        return embedText(List.of(Texts.requireText(text))).get(0);
    }

    /**
     * One matrix per page image (1030 rows for ColPali; prompt plus image tokens for ColModernVBERT); images as {@code Path}, path {@code String},
     * {@code byte[]}, {@code InputStream} or {@code BufferedImage}.
     */
    public List<MultiVectorEmbedding> embedImage(List<?> images) {
        Objects.requireNonNull(images, "images must not be null");
        return wrap(engine.runAll(ImageInput.of(images), imageOptions,
                (batch, session) -> kind.get().images(ImageInput.decode(batch), session)));
    }

    /** The matrix of one page image file. */
    public MultiVectorEmbedding embedImage(Path image) {
        return embedImage(Collections.singletonList(image)).get(0);
    }

    /** The matrix of one decoded page image. */
    public MultiVectorEmbedding embedImage(BufferedImage image) {
        return embedImage(Collections.singletonList(image)).get(0);
    }

    /** The matrix of one encoded page image (JPEG, PNG, WebP, ...). */
    public MultiVectorEmbedding embedImage(byte[] encodedImage) {
        return embedImage(Collections.<Object>singletonList(encodedImage)).get(0);
    }

    /** Page images of a stream, lazily and in order, holding a few batches at most. */
    public Stream<MultiVectorEmbedding> embedImage(Stream<?> images) {
        Objects.requireNonNull(images, "images must not be null");
        return engine.stream(ImageInput.of(images), imageOptions,
                (batch, session) -> kind.get().images(ImageInput.decode(batch), session))
                .map(this::wrap);
    }

    /** Query texts of a stream, lazily and in order, holding a few batches at most. */
    public Stream<MultiVectorEmbedding> embedText(Stream<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        return engine.stream(texts, textOptions, (batch, session) -> kind.get().texts(batch, session))
                .map(this::wrap);
    }

    /** Tokens of the texts, summed; with the extension, the query template (ColPali) or suffix counted too. */
    public int tokenCount(List<String> texts, boolean includeExtension) {
        Objects.requireNonNull(texts, "texts must not be null");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null; pass an empty string instead, or "
                        + "filter it out");
            }
        }
        // Under the engine's guard: close() never frees the tokenizer while it counts.
        int[] counts = engine.guarded(() -> kind.get().tokenCounts(texts, includeExtension));
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    /** Tokens of the texts, summed, without the extension (fastembed's default). */
    public int tokenCount(List<String> texts) {
        return tokenCount(texts, false);
    }

    /** Tokens of one text, without the extension. */
    public int tokenCount(String text) {
        return tokenCount(List.of(Texts.requireText(text)), false);
    }

    private List<MultiVectorEmbedding> wrap(List<TokenVectors> vectors) {
        return MultiVectorEmbedding.wrap(vectors, description.dimension());
    }

    private MultiVectorEmbedding wrap(TokenVectors vectors) {
        return MultiVectorEmbedding.wrap(vectors, description.dimension());
    }

    /**
     * Where this model runs: the device its loaded session was built on (CUDA only when ONNX Runtime loaded the
     * CUDA provider for it), else where its first session will run ({@code AUTO} resolved: with the CPU jar the
     * CPU, found without loading ONNX Runtime; with the GPU jar, ONNX Runtime is loaded once to probe CUDA).
     */
    public Device device() {
        return engine.fromCallerWorker(OnnxSession::device, () -> FacadeBuilder.resolved(requestedDevice));
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

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        kind.close();
    }

    @Override
    public String toString() {
        return "LateInteractionMultimodalEmbedding[" + description.id() + ", from " + origin + "]";
    }

    /** Builder for {@link LateInteractionMultimodalEmbedding}; the shared options are in {@link FacadeBuilder}. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private int imageBatchSize = DEFAULT_IMAGE_BATCH_SIZE;

        private Builder() {
            super(null, DEFAULT_TEXT_BATCH_SIZE);
        }

        /** Images per ONNX run; default 16. */
        public Builder imageBatchSize(int imageBatchSize) {
            this.imageBatchSize = imageBatchSize;
            return this;
        }

        /** {@inheritDoc} Default {@value #DEFAULT_MAX_BATCH_TOKENS}. */
        @Override
        public Builder maxBatchTokens(int maxBatchTokens) {
            return super.maxBatchTokens(maxBatchTokens);
        }

        public LateInteractionMultimodalEmbedding build() {
            return new LateInteractionMultimodalEmbedding(this);
        }
    }
}
