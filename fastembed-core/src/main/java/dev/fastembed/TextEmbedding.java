package dev.fastembed;

import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.RunOptions;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;
import dev.fastembed.text.DensePooling;
import dev.fastembed.text.DenseTextModel;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Dense text embeddings: one vector per text, from any model of {@link #listSupportedModels()}.
 *
 * <pre>{@code
 * try (TextEmbedding model = TextEmbedding.builder().build()) {   // BAAI/bge-small-en-v1.5
 *     List<float[]> vectors = model.embed(List.of("first doc", "second doc"));
 * }
 * }</pre>
 *
 * <p>Texts longer than the model's max length are truncated (see {@link #tokenCount(String)}). Query and
 * passage prefixes are never added for you, as in Python fastembed; {@link #description()} documents the
 * ones each model card recommends. Instances are thread-safe; close them to free native memory.
 */
public final class TextEmbedding implements AutoCloseable {

    /** The model used when none is named. */
    public static final String DEFAULT_MODEL = "BAAI/bge-small-en-v1.5";
    /** Texts per ONNX run unless {@link Builder#batchSize(int)} says otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private static final String QUERY_TASK = "retrieval.query";
    private static final String PASSAGE_TASK = "retrieval.passage";

    private final ModelDescription description;
    private final ModelFiles files;
    private final RunOptions<String> options;
    private final TokenBudget budget;
    private final SessionSettings sessionSettings;
    private final List<Integer> deviceIds;
    private final String task;
    private final boolean prefixes;
    private final int outputDimension;
    private final RunSettings runSettings;
    private final BatchEngine<OnnxSession> engine;
    private volatile DenseTextModel kind;
    private volatile TextTokenizer tokenizer;

    private TextEmbedding(Builder b) {
        b.validate(); // every option is checked before any file is touched or native loaded
        this.options = new RunOptions<>(b.batchSize, String::length, "texts");
        this.budget = TokenBudget.of(b.maxBatchTokens);
        this.sessionSettings = b.sessionSettings();
        this.deviceIds = b.deviceIds;
        this.description = ModelCatalog.denseTextModel(b.model);
        this.task = b.task != null ? b.task : description.defaultTask();
        if (b.task != null && !description.tasks().containsKey(b.task)) {
            throw new IllegalArgumentException("task '" + b.task + "' is not a task of " + description.id()
                    + (description.tasks().isEmpty() ? " (it has none)" : "; choose one of "
                    + description.tasks().keySet()));
        }
        this.prefixes = b.prefixes;
        this.outputDimension = b.dimension == null ? description.dimension() : checkDimension(b.dimension);
        this.files = b.resolve(description.fileSet());
        Integer parallelism = b.effectiveParallelism(files.model());
        this.runSettings = b.runSettings(parallelism);
        this.engine = new BatchEngine<>(description.id(), this::openSession, b.threads, parallelism, b.threads);
        if (!b.lazyLoad) {
            try {
                engine.warmUp();
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
        }
    }

    /** A session for the in-caller worker (index -1) or parallel worker {@code index}, on its device. */
    private OnnxSession openSession(int index, Integer threads) {
        Integer deviceId = FacadeBuilder.deviceId(deviceIds, index);
        OnnxSession session = OnnxSession.open(files.model(), sessionSettings.withThreads(threads)
                .withDeviceId(deviceId));
        try {
            kind(session);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** The tokenizer and post-processing, made once from the first session's graph inputs. */
    private DenseTextModel kind(OnnxSession session) {
        DenseTextModel current = kind;
        if (current == null) {
            synchronized (this) {
                current = kind;
                if (current == null) {
                    tokenizer = TextTokenizer.load(files, description, session.hasInput("attention_mask"));
                    current = new DenseTextModel(description, tokenizer, budget);
                    kind = current;
                }
            }
        }
        return current;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every model this facade can load: the built-in catalog, then custom models. */
    public static List<ModelDescription> listSupportedModels() {
        return ModelCatalog.denseTextModels();
    }

    /**
     * Registers a model of your own (any ONNX file with a known pooling), loadable by its id like a catalog
     * model; give its files with {@code modelPath(...)} or a classpath bundle.
     *
     * @throws IllegalArgumentException if the id is taken (compared case-insensitively)
     */
    public static void addCustomModel(ModelDescription model) {
        ModelCatalog.addDenseTextModel(Objects.requireNonNull(model, "model"));
    }

    /** The vector length of a model, without loading it. */
    public static int dimensionOf(String modelId) {
        return ModelCatalog.denseTextModel(modelId).dimension();
    }

    /** This model's catalog entry. */
    public ModelDescription description() {
        return description;
    }

    /**
     * The length of the vectors this instance returns ({@link Builder#dimension}, else the model's); no inference
     * is run. The model's own length is {@code description().dimension()}.
     */
    public int dimension() {
        return outputDimension;
    }

    /** Where the model files were found. */
    public String modelSource() {
        return files.origin();
    }

    /** Where the model runs: CPU or CUDA ({@code AUTO} resolved the way sessions resolve it). */
    public Device device() {
        return engine.fromCallerWorker(OnnxSession::device, () -> FacadeBuilder.resolved(sessionSettings.device()));
    }

    /** Whether an ONNX session has been created (false until first use with {@code lazyLoad}); no loading. */
    public boolean isLoaded() {
        return kind != null;
    }

    /** How this instance runs: batch size, threads, parallelism, device, lazy load, as built. */
    public RunSettings runSettings() {
        return runSettings;
    }

    /** Whether {@link #close()} has been called; later calls throw {@link IllegalStateException}. */
    public boolean isClosed() {
        return engine.isClosed();
    }

    /** Embeds texts, returning one vector per text in input order. */
    public List<float[]> embed(List<String> texts) {
        return run(texts, InputType.TEXT);
    }

    /** Embeds one text. */
    public float[] embed(String text) {
        return run(List.of(Texts.requireText(text)), InputType.TEXT).get(0);
    }

    /**
     * Embeds a stream lazily and in order: texts are read and embedded as the result is consumed, holding at
     * most a few batches in memory whatever the stream's length. Close the result to close the source.
     */
    public Stream<float[]> embed(Stream<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        Integer taskId = taskId(task);
        return engine.stream(texts, options, (batch, session) -> kind(session).embed(batch, session, taskId))
                .map(vector -> shorten(vector, outputDimension));
    }

    /**
     * Embeds queries: with {@link Builder#prefixes(boolean)} on, each gets the model's documented query prefix
     * ({@link ModelDescription#queryPrefix()}, e.g. e5's {@code "query: "}); models with tasks (Jina v3) use
     * retrieval.query. Otherwise the same as {@link #embed(List)}.
     */
    public List<float[]> queryEmbed(List<String> queries) {
        return run(queries, InputType.QUERY);
    }

    /** Embeds one query. */
    public float[] queryEmbed(String query) {
        return queryEmbed(List.of(Texts.requireText(query))).get(0);
    }

    /**
     * Embeds passages: with {@link Builder#prefixes(boolean)} on, each gets the model's documented passage
     * prefix; models with tasks (Jina v3) use retrieval.passage. Otherwise the same as {@link #embed(List)}.
     */
    public List<float[]> passageEmbed(List<String> passages) {
        return run(passages, InputType.PASSAGE);
    }

    /**
     * Embeds texts as {@code inputType} and reports the tokens each took, from one tokenization: what framework
     * adapters need for their usage figures without tokenizing twice.
     *
     * @param dimensions the vectors' length: 0 for the builder's ({@link Builder#dimension}), else the model's
     *     full dimension or one of its {@link ModelDescription#matryoshkaDimensions()}
     * @throws IllegalArgumentException for a null text (naming its index) or a dimension the model was not
     *     trained for
     */
    public List<EmbeddedText> embedWithTokenCounts(List<String> texts, InputType inputType, int dimensions) {
        Objects.requireNonNull(texts, "texts must not be null");
        Objects.requireNonNull(inputType, "inputType must not be null");
        int length = dimensions == 0 ? outputDimension : checkDimension(dimensions);
        Integer taskId = taskId(taskOf(inputType));
        String prefix = prefixOf(inputType);
        List<DenseTextModel.Counted> counted = engine.runAll(prefixed(texts, prefix), options,
                (batch, session) -> kind(session).embedCounted(batch, session, taskId));
        List<EmbeddedText> out = new ArrayList<>(counted.size());
        for (DenseTextModel.Counted c : counted) {
            out.add(new EmbeddedText(shorten(c.vector(), length), c.tokens(), c.textTokens()));
        }
        return out;
    }

    /**
     * The prefix {@code inputType} adds: the model's documented query or passage prefix when
     * {@link Builder#prefixes(boolean)} is on, else none.
     */
    public String prefixOf(InputType inputType) {
        if (!prefixes || inputType == InputType.TEXT) {
            return "";
        }
        return inputType == InputType.QUERY ? description.queryPrefix() : description.passagePrefix();
    }

    /**
     * Checks that {@code images} is an image tower of this text model, so that their vectors share a space
     * (CLIP, SigLIP, nomic, Jina CLIP): the catalog's {@link ModelDescription#imageModels()}.
     *
     * @throws IllegalArgumentException naming both models when they are not a pair, or when this text model is cut
     *     to fewer dimensions than the image model gives
     */
    public void requireImageTower(ImageEmbedding images) {
        Objects.requireNonNull(images, "images must not be null");
        String image = images.description().id();
        if (description.imageModels().stream().anyMatch(id -> id.equalsIgnoreCase(image))) {
            if (outputDimension != images.dimension()) {
                throw new IllegalArgumentException("the text model " + description.id() + " is cut to "
                        + outputDimension + " dimensions and its image tower " + image + " gives "
                        + images.dimension() + ": their vectors would not share a space; build the text model "
                        + "without dimension(...)");
            }
            return;
        }
        throw new IllegalArgumentException("the image model " + image + " and the text model " + description.id()
                + " are not two towers of one model, so their vectors do not share a space"
                + (description.imageModels().isEmpty() ? "; " + description.id() + " has no image tower"
                        : "; " + description.id() + " pairs with " + description.imageModels()));
    }

    /**
     * Tokens the model sees for these texts, summed: special tokens counted, padding not, truncation applied.
     */
    public int tokenCount(List<String> texts) {
        // Through the engine like inference: the same null checks, and close() never frees a tokenizer in use.
        return engine.sum(texts, String::length, "texts", (batch, session) -> kind(session).tokenCounts(batch));
    }

    /**
     * Tokens the model sees for each text, in input order (special tokens counted, padding not, truncation
     * applied): one call for a whole list, as a batching strategy needs.
     */
    public int[] tokenCounts(List<String> texts) {
        Objects.requireNonNull(texts, "texts must not be null");
        List<Integer> counts = engine.runInCaller(texts, options, (batch, session) -> {
            int[] perText = kind(session).tokenCounts(batch);
            List<Integer> boxed = new ArrayList<>(perText.length);
            for (int count : perText) {
                boxed.add(count);
            }
            return boxed;
        });
        int[] out = new int[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    /** Tokens the model sees for one text (at most its max length). */
    public int tokenCount(String text) {
        return tokenCount(List.of(Texts.requireText(text)));
    }

    private List<float[]> run(List<String> texts, InputType inputType) {
        Objects.requireNonNull(texts, "texts must not be null");
        Integer taskId = taskId(taskOf(inputType));
        List<float[]> vectors = engine.runAll(prefixed(texts, prefixOf(inputType)), options,
                (batch, session) -> kind(session).embed(batch, session, taskId));
        if (outputDimension == description.dimension()) {
            return vectors;
        }
        List<float[]> shortened = new ArrayList<>(vectors.size());
        for (float[] vector : vectors) {
            shortened.add(shorten(vector, outputDimension));
        }
        return shortened;
    }

    private String taskOf(InputType inputType) {
        if (description.tasks().isEmpty() || inputType == InputType.TEXT) {
            return task;
        }
        return inputType == InputType.QUERY ? QUERY_TASK : PASSAGE_TASK;
    }

    /** The texts with {@code prefix} in front; nulls stay (the engine names their index). */
    private static List<String> prefixed(List<String> texts, String prefix) {
        if (prefix.isEmpty() || texts == null) {
            return texts;
        }
        List<String> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(text == null ? null : prefix + text);
        }
        return out;
    }

    /** {@code dimensions} if the model was trained for it (its full length or a Matryoshka one). */
    private int checkDimension(int dimensions) {
        if (dimensions == description.dimension() || description.matryoshkaDimensions().contains(dimensions)) {
            return dimensions;
        }
        throw new IllegalArgumentException(description.matryoshkaDimensions().isEmpty()
                ? description.id() + " gives " + description.dimension() + " dimensions and was not trained to be "
                        + "cut shorter; " + dimensions + " dimensions need a Matryoshka model such as "
                        + "nomic-ai/nomic-embed-text-v1.5"
                : description.id() + " was trained for " + description.dimension() + " or "
                        + description.matryoshkaDimensions() + " dimensions, not " + dimensions);
    }

    /**
     * The first {@code dimensions} values, renormalised to unit length (Matryoshka truncation: the model card's
     * recipe, also for models whose full vectors are not normalised).
     */
    private static float[] shorten(float[] vector, int dimensions) {
        if (dimensions == vector.length) {
            return vector;
        }
        float[] cut = Arrays.copyOf(vector, dimensions);
        return DensePooling.normalize(cut);
    }

    private Integer taskId(String taskName) {
        return taskName == null ? null : description.tasks().get(taskName);
    }

    /** Releases the ONNX sessions, worker threads and tokenizer. Later calls throw IllegalStateException. */
    @Override
    public void close() {
        engine.close();
        TextTokenizer loaded = tokenizer;
        if (loaded != null) {
            loaded.close();
        }
    }

    @Override
    public String toString() {
        return "TextEmbedding[" + description.id() + ", from " + files.origin() + "]";
    }

    /** Builder for {@link TextEmbedding}; the shared options are in {@link FacadeBuilder}. */
    public static final class Builder extends FacadeBuilder<Builder> {
        private String task;
        private boolean prefixes;
        private Integer dimension;

        private Builder() {
            super(DEFAULT_MODEL, DEFAULT_BATCH_SIZE);
        }

        /**
         * {@inheritDoc} Default: {@value TokenBudget#TOKENS_PER_THREAD} per intra-op thread of the session
         * running the batch (1024 in the caller on 2 cores, 512 for a one-thread parallel worker), at most 8192.
         */
        @Override
        public Builder maxBatchTokens(int maxBatchTokens) {
            return super.maxBatchTokens(maxBatchTokens);
        }

        /** For models with tasks (Jina v3): the task {@code embed} uses; default retrieval.passage. */
        public Builder task(String task) {
            this.task = task;
            return this;
        }

        /**
         * Whether {@link TextEmbedding#queryEmbed} and {@link TextEmbedding#passageEmbed} add the model's
         * documented query and passage prefixes ({@link ModelDescription#queryPrefix()}). Default false, as
         * Python fastembed, which never adds them; {@link TextEmbedding#embed} never does.
         */
        public Builder prefixes(boolean prefixes) {
            this.prefixes = prefixes;
            return this;
        }

        /**
         * The length of the vectors returned: the model's full dimension (default) or one of its
         * {@link ModelDescription#matryoshkaDimensions()}; vectors are cut to it and renormalised. Checked by
         * {@link #build()} with an {@link IllegalArgumentException} listing the lengths the model allows.
         */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /**
         * Resolves the model files and, unless lazy, loads the session and tokenizer.
         *
         * @throws UnknownModelException for an id not in the catalog
         * @throws ModelNotFoundException when no files were found
         * @throws ModelLoadException when the files are corrupt or the device is unavailable
         */
        public TextEmbedding build() {
            return new TextEmbedding(this);
        }
    }
}
