package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.engine.SharedResource;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.m3.BgeM3Model;
import dev.fastembed.model.BgeM3ModelDescription;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.text.TextTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * BGE-M3 (BAAI/bge-m3): dense, sparse and multi-vector embeddings of a text from one forward pass, so hybrid
 * retrieval pays one inference instead of three. Multilingual (XLM-RoBERTa, 100+ languages), 8192 tokens.
 * Python fastembed has no BGE-M3; fastembed-rs has it, and the post-processing follows BGE-M3's own code
 * ({@link BgeM3Output}). Thread-safe; close it to free the sessions.
 *
 * <pre>{@code
 * try (BgeM3Embedding m3 = BgeM3Embedding.builder().build()) {
 *     BgeM3Output doc = m3.embed("BGE-M3 is a multilingual embedding model.");
 *     float[] dense = doc.dense();            // 1024 floats
 *     SparseEmbedding lexical = doc.sparse();  // token id -> weight
 *     MultiVectorEmbedding tokens = doc.multiVector();
 * }
 * }</pre>
 */
public final class BgeM3Embedding implements AutoCloseable {

    public static final String DEFAULT_MODEL = "BAAI/bge-m3";
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 4096;

    private final BgeM3ModelDescription description;
    private final ModelFiles files;
    private final RunOptions<String> options;
    private final SharedResource<BgeM3Model> kind;
    private final RunSettings runSettings;
    private final Device requestedDevice;
    private final BatchEngine<OnnxSession> engine;

    private BgeM3Embedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, String::length, "texts");
        this.requestedDevice = b.device;
        int maxBatchTokens = b.maxBatchTokens != null ? b.maxBatchTokens : DEFAULT_MAX_BATCH_TOKENS;
        this.description = ModelCatalog.bgeM3Model(b.model);
        this.files = b.resolve(description.fileSet());
        this.kind = new SharedResource<>(description.id(), () -> TextTokenizer.handTo(
                TextTokenizer.load(files, description.maxLength(), true),
                tokenizer -> new BgeM3Model(description, tokenizer, maxBatchTokens)));
        Integer parallelism = b.effectiveParallelism(files.model());
        this.runSettings = b.runSettings(parallelism);
        this.engine = b.sessionEngine(description.id(), files.model(), b.sessionSettings(), parallelism);
        b.warmUpUnlessLazy(engine, this, kind);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static List<BgeM3ModelDescription> listSupportedModels() {
        return ModelCatalog.bgeM3Models();
    }

    public BgeM3ModelDescription description() {
        return description;
    }

    /** Where the model files were found. */
    public String modelSource() {
        return files.origin();
    }

    /** The dense vector's length, and each multi-vector row's; no inference. */
    public int dimension() {
        return description.dimension();
    }

    /**
     * The three representations of each text, in input order, one forward pass per batch.
     *
     * @throws IllegalArgumentException naming the index of a null text
     */
    public List<BgeM3Output> embed(List<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        List<BgeM3Model.Vectors> vectors = engine.runAll(texts, options,
                (batch, session) -> kind.get().embed(batch, session));
        List<BgeM3Output> out = new ArrayList<>(vectors.size());
        for (BgeM3Model.Vectors v : vectors) {
            out.add(output(v));
        }
        return out;
    }

    public BgeM3Output embed(String text) {
        return embed(List.of(Texts.requireText(text))).get(0);
    }

    /** The representations of a stream of texts, lazily and in order. */
    public Stream<BgeM3Output> embed(Stream<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        return engine.stream(texts, options, (batch, session) -> kind.get().embed(batch, session))
                .map(this::output);
    }

    /** Tokens the model sees per text, summed, special tokens included (after truncation). */
    public int tokenCount(List<String> texts) {
        return engine.sum(texts, String::length, "texts", (batch, session) -> kind.get().tokenCounts(batch));
    }

    public int tokenCount(String text) {
        return tokenCount(List.of(Texts.requireText(text)));
    }

    private BgeM3Output output(BgeM3Model.Vectors v) {
        return new BgeM3Output(v.dense(), v.sparse(),
                MultiVectorEmbedding.wrap(v.multiVector(), v.rows(), description.dimension()));
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
        return "BgeM3Embedding[" + description.id() + ", from " + files.origin() + "]";
    }

    /** Builder for {@link BgeM3Embedding}; the shared options are in {@link FacadeBuilder}. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private Builder() {
            super(DEFAULT_MODEL, DEFAULT_BATCH_SIZE);
        }

        /** {@inheritDoc} Default {@value #DEFAULT_MAX_BATCH_TOKENS}. */
        @Override
        public Builder maxBatchTokens(int maxBatchTokens) {
            return super.maxBatchTokens(maxBatchTokens);
        }

        public BgeM3Embedding build() {
            return new BgeM3Embedding(this);
        }
    }
}
