package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.engine.SharedResource;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.late.ColbertModel;
import dev.fastembed.late.TokenVectors;
import dev.fastembed.model.LateInteractionModelDescription;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;
import dev.fastembed.text.TextTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * ColBERT-family embeddings: one unit vector per kept token of a document, and a matrix per query, compared with
 * {@link MultiVectorEmbedding#maxSim}. Models: colbert-ir/colbertv2.0, answerdotai/answerai-colbert-small-v1,
 * jinaai/jina-colbert-v2, lightonai/LateOn, lightonai/mLateOn; each follows its
 * {@link LateInteractionModelDescription.Family}'s rules. Thread-safe; close it to free the sessions.
 */
public final class LateInteractionTextEmbedding implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 4096;

    private final LateInteractionModelDescription description;
    private final ModelFiles files;
    private final SessionSettings sessionSettings;
    private final RunOptions<String> options;
    private final RunOptions<String> queryOptions;
    private final SharedResource<ColbertModel> kind;
    private final RunSettings runSettings;
    private final BatchEngine<OnnxSession> engine;

    private LateInteractionTextEmbedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, String::length, "texts");
        this.queryOptions = new RunOptions<>(b.batchSize, String::length, "queries");
        int maxBatchTokens = b.maxBatchTokens != null ? b.maxBatchTokens : DEFAULT_MAX_BATCH_TOKENS;
        this.sessionSettings = b.sessionSettings();
        this.description = ModelCatalog.lateInteractionModel(b.model);
        this.files = b.resolve(description.fileSet());
        // ColBERT truncates one token short of the model's limit, leaving room for the marker inserted after
        // tokenization; LateOn's tokenizer_config.json already leaves that room
        int reserved = description.family().reservedMarkerTokens();
        this.kind = new SharedResource<>(description.id(), () -> TextTokenizer.handTo(
                TextTokenizer.load(files, description.maxLength(), true, reserved),
                tokenizer -> new ColbertModel(description, tokenizer, maxBatchTokens)));
        Integer parallelism = b.effectiveParallelism(files.model());
        this.runSettings = b.runSettings(parallelism);
        this.engine = b.sessionEngine(description.id(), files.model(), sessionSettings, parallelism);
        b.warmUpUnlessLazy(engine, this, kind);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static List<LateInteractionModelDescription> listSupportedModels() {
        return ModelCatalog.lateInteractionModels();
    }

    public LateInteractionModelDescription description() {
        return description;
    }

    /** Where the model files were found. */
    public String modelSource() {
        return files.origin();
    }

    /** The length of each token vector; no inference. */
    public int dimension() {
        return description.dimension();
    }

    /** One matrix per document, in input order; rows are the kept tokens (marker and [CLS]/[SEP] included). */
    public List<MultiVectorEmbedding> embed(List<String> documents) {
        Objects.requireNonNull(documents, "documents must not be null");
        return wrap(engine.runAll(documents, options, (batch, session) -> kind.get().documents(batch, session)));
    }

    public MultiVectorEmbedding embed(String document) {
        return embed(List.of(Texts.requireText(document))).get(0);
    }

    /** Document matrices of a stream, lazily and in order. */
    public Stream<MultiVectorEmbedding> embed(Stream<String> documents) {
        Objects.requireNonNull(documents, "documents must not be null");
        return engine.stream(documents, options, (batch, session) -> kind.get().documents(batch, session))
                .map(this::wrap);
    }

    public List<MultiVectorEmbedding> passageEmbed(List<String> documents) {
        return embed(documents);
    }

    /**
     * One matrix per query. ColBERT and Jina-ColBERT: at least 32 rows (mask padding), each query run alone as
     * fastembed does. LateOn and mLateOn: one unit row per token and the marker, no expansion.
     */
    public List<MultiVectorEmbedding> queryEmbed(List<String> queries) {
        Objects.requireNonNull(queries, "queries must not be null");
        // an expanded query's rows depend on its padding, so fastembed runs each alone, here in the caller (queries
        // are few: no worker sessions for them); LateOn's do not depend on it and batch like documents
        if (description.family().expandsQueries()) {
            return wrap(engine.runInCaller(queries, new RunOptions<>(1, String::length, "queries"),
                    (batch, session) -> kind.get().queries(batch, session)));
        }
        return wrap(engine.runAll(queries, queryOptions, (batch, session) -> kind.get().queries(batch, session)));
    }

    public MultiVectorEmbedding queryEmbed(String query) {
        return queryEmbed(List.of(Texts.requireText(query))).get(0);
    }

    /**
     * Tokens the model sees, summed: documents their tokens; queries their tokens; with the extension each text
     * also counts its marker, and ColBERT and Jina-ColBERT queries at least 31 tokens (fastembed's
     * {@code token_count(is_doc, include_extension)}).
     */
    public int tokenCount(List<String> texts, boolean isDocument, boolean includeExtension) {
        return engine.sum(texts, String::length, "texts",
                (batch, session) -> kind.get().tokenCounts(batch, isDocument, includeExtension));
    }

    /** Tokens of the texts as documents, summed, without the extension (fastembed's defaults). */
    public int tokenCount(List<String> texts) {
        return tokenCount(texts, true, false);
    }

    /** Tokens of one document. */
    public int tokenCount(String text) {
        return tokenCount(List.of(Texts.requireText(text)), true, false);
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

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        kind.close();
    }

    @Override
    public String toString() {
        return "LateInteractionTextEmbedding[" + description.id() + ", from " + files.origin() + "]";
    }

    /** Builder for {@link LateInteractionTextEmbedding}; the shared options are in {@link FacadeBuilder}. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private Builder() {
            super(null, DEFAULT_BATCH_SIZE);
        }

        /** {@inheritDoc} Default {@value #DEFAULT_MAX_BATCH_TOKENS}. */
        @Override
        public Builder maxBatchTokens(int maxBatchTokens) {
            return super.maxBatchTokens(maxBatchTokens);
        }

        public LateInteractionTextEmbedding build() {
            return new LateInteractionTextEmbedding(this);
        }
    }
}
