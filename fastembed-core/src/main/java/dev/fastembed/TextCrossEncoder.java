package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.engine.SharedResource;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.RerankerModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;
import dev.fastembed.rerank.CrossEncoderModel;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reranks documents against a query with a cross-encoder (fastembed's rerankers, or your own ONNX model).
 * Scores come back in input order; {@link #rank} sorts them. Thread-safe; close it to free the sessions.
 *
 * <pre>{@code
 * try (TextCrossEncoder reranker = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2").build()) {
 *     List<Double> scores = reranker.rerank("capital of France?", List.of("Paris is...", "Berlin is..."));
 *     List<RankedDocument> top = reranker.rank("capital of France?", documents, 3);
 * }
 * }</pre>
 */
public final class TextCrossEncoder implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 64;

    private final RerankerModelDescription description;
    private final ModelFiles files;
    private final SessionSettings sessionSettings;
    private final RunOptions<TextPair> options;
    private final ScoreScale scale;
    private final SharedResource<CrossEncoderModel> kind;
    private final RunSettings runSettings;
    private final BatchEngine<OnnxSession> engine;

    private TextCrossEncoder(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, p -> p.query().length() + p.document().length(), "pairs");
        TokenBudget budget = TokenBudget.of(b.maxBatchTokens);
        this.sessionSettings = b.sessionSettings();
        this.scale = Objects.requireNonNull(b.scale, "scale");
        this.description = ModelCatalog.rerankerModel(b.model);
        this.files = b.resolve(description.fileSet());
        this.kind = new SharedResource<>(description.id(), () -> TextTokenizer.handTo(
                TextTokenizer.load(files, description.maxLength(), true),
                tokenizer -> new CrossEncoderModel(tokenizer, budget)));
        Integer parallelism = b.effectiveParallelism(files.model());
        this.runSettings = b.runSettings(parallelism);
        this.engine = b.sessionEngine(description.id(), files.model(), sessionSettings, parallelism);
        b.warmUpUnlessLazy(engine, this, kind);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cross-encoders of the catalog, then custom ones. */
    public static List<RerankerModelDescription> listSupportedModels() {
        return ModelCatalog.rerankerModels();
    }

    /**
     * Registers a cross-encoder of your own; give its files with {@code modelPath(...)}.
     *
     * @throws IllegalArgumentException if the id is taken
     */
    public static void addCustomModel(RerankerModelDescription model) {
        ModelCatalog.addRerankerModel(Objects.requireNonNull(model, "model"));
    }

    public RerankerModelDescription description() {
        return description;
    }

    /** Where the model's files were found. */
    public String modelSource() {
        return files.origin();
    }

    /** One score per document, in input order (not sorted). An empty list gives an empty result. */
    public List<Double> rerank(String query, List<String> documents) {
        requireText(query, "query");
        Objects.requireNonNull(documents, "documents must not be null");
        List<TextPair> pairs = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            pairs.add(new TextPair(query, requireText(documents.get(i), "documents[" + i + "]")));
        }
        return rerankPairs(pairs);
    }

    /** The score of one document for the query. */
    public double rerank(String query, String document) {
        return rerankPairs(List.of(new TextPair(requireText(query, "query"), requireText(document, "document"))))
                .get(0);
    }

    /** One score per (query, document) pair, in input order. */
    public List<Double> rerankPairs(List<TextPair> pairs) {
        Objects.requireNonNull(pairs, "pairs must not be null");
        for (int i = 0; i < pairs.size(); i++) {
            requirePair(pairs.get(i), i);
        }
        return engine.runAll(pairs, options, this::scoreBatch);
    }

    /**
     * Scores a stream of pairs lazily and in order, holding a few batches at most whatever the stream's length;
     * a bad pair fails the stream when it is reached, naming its position. Close the result to close the source.
     */
    public Stream<Double> rerankPairs(Stream<TextPair> pairs) {
        Objects.requireNonNull(pairs, "pairs must not be null");
        AtomicLong position = new AtomicLong();
        return engine.stream(pairs.map(pair -> requirePair(pair, position.getAndIncrement())), options,
                this::scoreBatch);
    }

    private List<Double> scoreBatch(List<TextPair> batch, OnnxSession session) throws Exception {
        List<Float> logits = kind.get().scores(batch.stream().map(TextPair::query).toList(),
                batch.stream().map(TextPair::document).toList(), session);
        List<Double> scores = new ArrayList<>(logits.size());
        for (float logit : logits) {
            scores.add(scale.apply(logit));
        }
        return scores;
    }

    private static TextPair requirePair(TextPair pair, long index) {
        if (pair == null) {
            throw new IllegalArgumentException("pairs[" + index + "] is null");
        }
        requireText(pair.query(), "pairs[" + index + "].query");
        requireText(pair.document(), "pairs[" + index + "].document");
        return pair;
    }

    /** The documents sorted by score, best first, at most {@code topK} of them (ties keep input order). */
    public List<RankedDocument> rank(String query, List<String> documents, int topK) {
        return rank(query, documents, topK, Double.NEGATIVE_INFINITY);
    }

    /**
     * The documents scoring at least {@code minScore}, sorted by score, best first, at most {@code topK} of them
     * (ties keep input order). Scores are on this encoder's {@link ScoreScale}.
     *
     * @throws IllegalArgumentException if {@code topK} is negative, {@code minScore} is NaN, or a document is null
     */
    public List<RankedDocument> rank(String query, List<String> documents, int topK, double minScore) {
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, was " + topK);
        }
        if (Double.isNaN(minScore)) {
            throw new IllegalArgumentException("minScore must be a number (Double.NEGATIVE_INFINITY keeps all)");
        }
        List<Double> scores = rerank(query, documents);
        List<RankedDocument> ranked = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            if (scores.get(i) >= minScore) {
                ranked.add(new RankedDocument(i, scores.get(i), documents.get(i)));
            }
        }
        ranked.sort(Comparator.comparingDouble(RankedDocument::score).reversed());
        return List.copyOf(ranked.subList(0, Math.min(topK, ranked.size())));
    }

    /** Tokens of every pair after truncation, summed (special tokens counted, padding not). */
    public int tokenCount(List<TextPair> pairs) {
        return engine.sum(pairs, options.sizeHint(), "pairs", (batch, session) -> kind.get().tokenCounts(
                batch.stream().map(TextPair::query).toList(), batch.stream().map(TextPair::document).toList()));
    }

    /** Tokens of one pair after truncation (special tokens counted). */
    public int tokenCount(TextPair pair) {
        return tokenCount(List.of(requirePair(pair, 0)));
    }

    private static String requireText(String text, String name) {
        if (text == null) {
            throw new IllegalArgumentException(name + " is null; pass an empty string instead, or filter it out");
        }
        return text;
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

    /** Frees the sessions, threads and tokenizer. Later calls throw IllegalStateException. */
    @Override
    public void close() {
        engine.close();
        kind.close();
    }

    @Override
    public String toString() {
        return "TextCrossEncoder[" + description.id() + ", from " + files.origin() + "]";
    }

    /** Builder for {@link TextCrossEncoder}; the shared options are in {@link FacadeBuilder}. No default model. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private ScoreScale scale = ScoreScale.RAW;

        private Builder() {
            super(null, DEFAULT_BATCH_SIZE);
        }

        /**
         * One CUDA device for every session: the same as {@code deviceIds(List.of(deviceId))}, or the default
         * device when null. Kept from earlier releases; {@link #deviceIds(List)} is the shared option.
         */
        public Builder deviceId(Integer deviceId) {
            return deviceIds(deviceId == null ? List.of() : List.of(deviceId));
        }

        /**
         * {@inheritDoc} Default {@value TokenBudget#TOKENS_PER_THREAD} per intra-op thread of the session (1024
         * in the caller on 2 cores, 512 for a one-thread parallel worker).
         */
        @Override
        public Builder maxBatchTokens(int maxBatchTokens) {
            return super.maxBatchTokens(maxBatchTokens);
        }

        /** Raw logits (default, as fastembed) or sigmoid-scaled scores in (0, 1). */
        public Builder scale(ScoreScale scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /**
         * @throws UnknownModelException for an id not in the catalog
         * @throws ModelNotFoundException when the files are nowhere to be found
         */
        public TextCrossEncoder build() {
            return new TextCrossEncoder(this);
        }
    }
}
