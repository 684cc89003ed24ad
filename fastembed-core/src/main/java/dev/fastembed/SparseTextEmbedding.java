package dev.fastembed;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.engine.SharedResource;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelFileSet;
import dev.fastembed.model.SparseModelDescription;
import dev.fastembed.model.SparseModelDescription.SparseKind;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;
import dev.fastembed.sparse.Bm25;
import dev.fastembed.sparse.Bm25Model;
import dev.fastembed.sparse.Bm42Model;
import dev.fastembed.sparse.MiniCoilModel;
import dev.fastembed.sparse.SparseTextModel;
import dev.fastembed.sparse.SpladeModel;
import dev.fastembed.sparse.Stemmers;
import dev.fastembed.sparse.StopWords;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Sparse text vectors for keyword and hybrid search: BM25 (identical to fastembed's, no model file needed),
 * SPLADE++, inference-free SPLADE, BM42 and miniCOIL (see {@link #listSupportedModels()}). Thread-safe; close it to
 * free the ONNX sessions.
 *
 * <pre>{@code
 * try (SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").build()) {
 *     SparseEmbedding doc = bm25.embed("The quick brown fox");
 *     SparseEmbedding query = bm25.queryEmbed("fox");
 * }
 * }</pre>
 */
public final class SparseTextEmbedding implements AutoCloseable {

    public static final int DEFAULT_BATCH_SIZE = 256;

    private final SparseModelDescription description;
    private final String origin;
    private final SharedResource<SparseTextModel> kind;
    private final Path modelFile;
    private final SessionSettings sessionSettings;
    private final RunOptions<String> options;
    private final RunSettings runSettings;
    private final BatchEngine<Worker> engine;
    private final List<Integer> deviceIds;

    /** A worker's ONNX session, or none for models without a graph. */
    private record Worker(OnnxSession session) implements AutoCloseable {
        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    private SparseTextEmbedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, String::length, "texts");
        TokenBudget maxBatchTokens = TokenBudget.of(b.maxBatchTokens);
        this.sessionSettings = b.sessionSettings();
        this.deviceIds = b.deviceIds;
        if (b.model == null || b.model.isBlank()) {
            throw new IllegalArgumentException("SparseTextEmbedding has no default model; choose one of "
                    + ModelCatalog.sparseTextModels().stream().map(SparseModelDescription::id).toList());
        }
        this.description = ModelCatalog.sparseTextModel(b.model);
        if (description.kind() != SparseKind.BM25 && b.bm25Options) {
            throw new IllegalArgumentException("language, k, b, avgLen, tokenMaxLength, disableStemmer, tokenizer, "
                    + "stemmer and stopWords are BM25 options; " + description.id() + " is " + description.kind());
        }
        if (description.kind() == SparseKind.BM25) {
            Bm25Model bm25 = new Bm25Model(bm25(b)); // no natives: made now, so a bad BM25 option fails here
            this.kind = new SharedResource<>(description.id(), () -> bm25);
            this.modelFile = null;
            this.origin = b.stopWords != null || b.disableStemmer ? "BM25 (no stop-word file needed)"
                    : "BM25 with stop words for " + b.language;
        } else {
            ModelFiles files = b.resolve(description.fileSet());
            this.modelFile = files.model();
            this.origin = files.origin();
            double alpha = b.alpha; // read now: the builder may change after build()
            this.kind = new SharedResource<>(description.id(), () -> kind(description, alpha, files,
                    TextTokenizer.load(files, description.maxLength(), true), maxBatchTokens));
        }
        Integer parallelism = b.effectiveParallelism(modelFile); // BM25: no file, no workers
        this.runSettings = b.runSettings(parallelism);
        this.engine = new BatchEngine<>(description.id(), this::openWorker, b.threads, parallelism, b.threads);
        if (description.kind().hasGraph()) {
            b.warmUpUnlessLazy(engine, this, kind);
        }
    }

    /** The kind's pre- and post-processing; the tokenizer is closed if the kind cannot be made. */
    private static SparseTextModel kind(SparseModelDescription description, double alpha, ModelFiles files,
            TextTokenizer tokenizer, TokenBudget maxBatchTokens) {
        return TextTokenizer.<SparseTextModel>handTo(tokenizer, t -> switch (description.kind()) {
            case SPLADE -> SpladeModel.splade(t, maxBatchTokens);
            case INFERENCE_FREE_SPLADE -> SpladeModel.inferenceFree(t, maxBatchTokens, files.tokenizer(),
                    idf(files.file("idf.json").orElseThrow()));
            case BM42 -> new Bm42Model(t, maxBatchTokens, files.tokenizer(),
                    StopWords.read(files.file("stopwords.txt").orElseThrow()), alpha);
            case MINICOIL -> new MiniCoilModel(t, maxBatchTokens, files.tokenizer(),
                    StopWords.read(files.file("stopwords.txt").orElseThrow()),
                    files.file("minicoil.triplet.model.vocab").orElseThrow(),
                    files.file("minicoil.triplet.model.npy").orElseThrow());
            default -> throw new IllegalStateException("unexpected kind " + description.kind());
        });
    }

    private Worker openWorker(int index, Integer threads) {
        return new Worker(modelFile == null ? null : OnnxSession.open(modelFile, sessionSettings.withThreads(threads)
                .withDeviceId(FacadeBuilder.deviceId(deviceIds, index))));
    }

    private static Bm25 bm25(Builder b) {
        String language = b.language.toLowerCase(Locale.ROOT);
        UnaryOperator<String> stemmer = b.disableStemmer ? null
                : b.stemmer != null ? b.stemmer : Stemmers.forLanguage(language);
        Set<String> stopWords;
        if (b.stopWords != null) {
            stopWords = b.stopWords;
        } else if (b.disableStemmer) {
            stopWords = Set.of(); // fastembed: no stemmer means no stop words either
        } else {
            stopWords = StopWords.bundled(language).orElseGet(() -> {
                // Not in the jar (arabic, greek, romanian, tamil): the list comes with Qdrant/bm25's files.
                String file = language + ".txt";
                ModelFileSet only = ModelCatalog.sparseTextModel("Qdrant/bm25").fileSet(List.of(file));
                ModelFiles files = b.resolve(only);
                return StopWords.read(files.file(file).orElseThrow());
            });
        }
        return new Bm25(b.tokenizer != null ? b.tokenizer : Bm25::pythonTokens, stemmer, stopWords, b.k, b.b,
                b.avgLen, b.tokenMaxLength);
    }

    private static Map<String, Float> idf(Path file) {
        try {
            Map<String, Float> table = new HashMap<>();
            for (Map.Entry<String, JsonElement> entry : JsonParser.parseString(Files.readString(file,
                    StandardCharsets.UTF_8)).getAsJsonObject().entrySet()) {
                table.put(entry.getKey(), entry.getValue().getAsFloat());
            }
            return table;
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Could not read the IDF table " + file + ": " + e.getMessage()
                    + ". Delete it and fetch the model again.", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The sparse models of the catalog, in fastembed's order. */
    public static List<SparseModelDescription> listSupportedModels() {
        return ModelCatalog.sparseTextModels();
    }

    public SparseModelDescription description() {
        return description;
    }

    /** Where the model's files were found. */
    public String modelSource() {
        return origin;
    }

    /** Document vectors, one per text, in input order. */
    public List<SparseEmbedding> embed(List<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        return engine.runAll(texts, options, (batch, worker) -> kind.get().documents(batch, worker.session()));
    }

    public SparseEmbedding embed(String text) {
        return embed(List.of(Texts.requireText(text))).get(0);
    }

    /** Document vectors of a stream, lazily and in order, in bounded memory. */
    public Stream<SparseEmbedding> embed(Stream<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        return engine.stream(texts, options, (batch, worker) -> kind.get().documents(batch, worker.session()));
    }

    /** Same as {@link #embed(List)}: fastembed's {@code passage_embed}. */
    public List<SparseEmbedding> passageEmbed(List<String> texts) {
        return embed(texts);
    }

    /**
     * Query vectors. BM25 and BM42 give each distinct stem weight 1, inference-free SPLADE looks up IDFs:
     * none of them runs the model (nor loads it, when lazy). SPLADE queries are embedded like documents.
     */
    public List<SparseEmbedding> queryEmbed(List<String> queries) {
        Objects.requireNonNull(queries, "queries must not be null");
        if (!description.kind().queriesRunGraph()) {
            return withoutSession(queries);
        }
        return engine.runAll(queries, options, (batch, worker) -> kind.get().queries(batch, worker.session()));
    }

    public SparseEmbedding queryEmbed(String query) {
        return queryEmbed(List.of(Texts.requireText(query))).get(0);
    }

    private List<SparseEmbedding> withoutSession(List<String> queries) {
        // Under the engine's guard: the tokenizer (BM42, inference-free SPLADE) is never freed under it, and a
        // closed instance says so before anything else, as the engine's paths do.
        return engine.guarded(() -> {
            for (int i = 0; i < queries.size(); i++) {
                if (queries.get(i) == null) {
                    throw new IllegalArgumentException("queries[" + i + "] is null; pass an empty string to embed "
                            + "nothing, or filter nulls out first");
                }
            }
            try {
                return kind.get().queries(queries, null);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new EmbeddingException(0, "Query embedding failed for " + description.id() + ": "
                        + e.getMessage(), e);
            }
        });
    }

    /** fastembed's {@code token_count}: BM25 counts its word tokens, neural models their tokenizer's tokens. */
    public int tokenCount(List<String> texts) {
        return engine.sum(texts, String::length, "texts", (batch, worker) -> kind.get().tokenCounts(batch));
    }

    public int tokenCount(String text) {
        return tokenCount(List.of(Texts.requireText(text)));
    }

    /**
     * Where this model runs: the device its loaded session was built on (CUDA only when ONNX Runtime loaded the
     * CUDA provider for it), else where its first session will run ({@code AUTO} resolved: with the CPU jar the
     * CPU, found without loading ONNX Runtime; with the GPU jar, ONNX Runtime is loaded once to probe CUDA).
     */
    public Device device() {
        return engine.fromCallerWorker(worker -> worker.session() == null ? Device.CPU : worker.session().device(), () -> FacadeBuilder.resolved(sessionSettings.device()));
    }

    /** Whether an ONNX session has been created (false until first use with {@code lazyLoad}); no loading. */
    public boolean isLoaded() {
        return !description.kind().hasGraph() || engine.hasWorkers();
    }

    /** How this instance runs: batch size, threads, parallelism, device, lazy load, as built. */
    public RunSettings runSettings() {
        return runSettings;
    }

    /** Whether {@link #close()} has been called; later calls throw {@link IllegalStateException}. */
    public boolean isClosed() {
        return engine.isClosed();
    }

    /** Frees the sessions and tokenizer. Later calls throw IllegalStateException. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        kind.close();
    }

    @Override
    public String toString() {
        return "SparseTextEmbedding[" + description.id() + ", from " + origin + "]";
    }

    /** Builder for {@link SparseTextEmbedding}; the shared options are in {@link FacadeBuilder}. No default model. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private double alpha = 0.5;
        private boolean bm25Options;
        private String language = "english";
        private double k = Bm25.DEFAULT_K;
        private double b = Bm25.DEFAULT_B;
        private double avgLen = Bm25.DEFAULT_AVG_LEN;
        private int tokenMaxLength = Bm25.DEFAULT_TOKEN_MAX_LENGTH;
        private boolean disableStemmer;
        private Function<String, List<String>> tokenizer;
        private UnaryOperator<String> stemmer;
        private Set<String> stopWords;

        private Builder() {
            super(null, DEFAULT_BATCH_SIZE);
        }

        /**
         * {@inheritDoc} Default: {@value TokenBudget#TOKENS_PER_THREAD} per intra-op thread of the session running
         * the batch (512 for a one-thread worker, 1024 in the caller on 2 cores), as the dense models measured
         * fastest. SPLADE's output is tokens x 30,522 floats, so this also bounds its memory (512 tokens: 62 MB per
         * run; the earlier fixed default of 4096 took 500 MB and was slower on the benchmark's SPLADE graph).
         */
        @Override
        public Builder maxBatchTokens(int maxBatchTokens) {
            return super.maxBatchTokens(maxBatchTokens);
        }

        /** BM42: the exponent on {@code ln(1 + weight)}; default 0.5. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** BM25: one of fastembed's 18 languages (stop words and stemmer); default english. */
        public Builder language(String language) {
            Objects.requireNonNull(language, "language");
            if (!Stemmers.languages().contains(language.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("BM25 language '" + language + "' is not one of "
                        + Stemmers.languages() + "; for another language pass tokenizer(...), stemmer(...) and "
                        + "stopWords(...)");
            }
            this.language = language;
            return bm25();
        }

        /** BM25 term-frequency saturation; default 1.2. */
        public Builder k(double k) {
            this.k = k;
            return bm25();
        }

        /** BM25 length normalization; default 0.75. */
        public Builder b(double b) {
            this.b = b;
            return bm25();
        }

        /** BM25 average document length in tokens; default 256. */
        public Builder avgLen(double avgLen) {
            this.avgLen = avgLen;
            return bm25();
        }

        /** BM25 drops tokens longer than this many code points; default 40. */
        public Builder tokenMaxLength(int tokenMaxLength) {
            this.tokenMaxLength = tokenMaxLength;
            return bm25();
        }

        /** BM25 without stemming, and then (as fastembed) without stop words too. */
        public Builder disableStemmer(boolean disableStemmer) {
            this.disableStemmer = disableStemmer;
            return bm25();
        }

        /** BM25: your own tokenizer (lower-case tokens), for languages fastembed's word rules do not suit. */
        public Builder tokenizer(Function<String, List<String>> tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return bm25();
        }

        /** BM25: your own stemmer (called from many threads: make it thread-safe). */
        public Builder stemmer(UnaryOperator<String> stemmer) {
            this.stemmer = Objects.requireNonNull(stemmer, "stemmer");
            return bm25();
        }

        /** BM25: your own stop words instead of NLTK's list for the language. */
        public Builder stopWords(Set<String> stopWords) {
            this.stopWords = Set.copyOf(stopWords);
            return bm25();
        }

        private Builder bm25() {
            this.bm25Options = true;
            return this;
        }

        /**
         * @throws UnknownModelException for an id not in the catalog
         * @throws ModelNotFoundException when a model's files (or a BM25 stop-word list not in the jar) are
         *     nowhere to be found
         */
        public SparseTextEmbedding build() {
            return new SparseTextEmbedding(this);
        }
    }
}
