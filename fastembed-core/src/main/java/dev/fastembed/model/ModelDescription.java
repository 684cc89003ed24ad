package dev.fastembed.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything this library needs to know about one dense text model: where its files come from and how
 * its ONNX output becomes a vector. Immutable; build one with {@link #builder(String)}.
 */
public final class ModelDescription {

    private final String id;
    private final int dimension;
    private final Pooling pooling;
    private final boolean normalize;
    private final String outputName;
    private final int outputIndex;
    private final String modelFile;
    private final List<String> additionalFiles;
    private final ModelSource source;
    private final List<ClasspathBundle> bundles;
    private final int maxLength;
    private final boolean padToMaxLength;
    private final String queryPrefix;
    private final String passagePrefix;
    private final Map<String, Integer> tasks;
    private final String defaultTask;
    private final String license;
    private final double sizeGb;
    private final String description;
    private final List<Integer> matryoshkaDimensions;
    private final List<String> imageModels;

    private ModelDescription(Builder b) {
        this.id = requireText(b.id, "id");
        if (b.dimension <= 0) {
            throw new IllegalArgumentException("dimension of model '" + b.id + "' must be > 0, was " + b.dimension);
        }
        if (b.maxLength <= 0) {
            throw new IllegalArgumentException("maxLength of model '" + b.id + "' must be > 0, was " + b.maxLength);
        }
        if (b.outputIndex < 0) {
            throw new IllegalArgumentException("outputIndex of model '" + b.id + "' must be >= 0");
        }
        this.dimension = b.dimension;
        this.pooling = Objects.requireNonNull(b.pooling, "pooling");
        this.normalize = b.normalize;
        this.outputName = b.outputName;
        this.outputIndex = b.outputIndex;
        this.modelFile = requireText(b.modelFile, "modelFile");
        this.additionalFiles = List.copyOf(b.additionalFiles);
        this.source = Objects.requireNonNull(b.source, "source");
        this.bundles = List.copyOf(b.bundles);
        this.maxLength = b.maxLength;
        this.padToMaxLength = b.padToMaxLength;
        this.queryPrefix = b.queryPrefix == null ? "" : b.queryPrefix;
        this.passagePrefix = b.passagePrefix == null ? "" : b.passagePrefix;
        this.tasks = Map.copyOf(b.tasks);
        this.defaultTask = b.defaultTask;
        if (defaultTask != null && !tasks.containsKey(defaultTask)) {
            throw new IllegalArgumentException("defaultTask '" + defaultTask + "' is not one of " + tasks.keySet());
        }
        this.license = b.license == null ? "" : b.license;
        this.sizeGb = b.sizeGb;
        this.description = b.description == null ? "" : b.description;
        for (int d : b.matryoshkaDimensions) {
            if (d <= 0 || d > b.dimension) {
                throw new IllegalArgumentException("a Matryoshka dimension of model '" + b.id + "' must be in 1.."
                        + b.dimension + ", was " + d);
            }
        }
        this.matryoshkaDimensions = b.matryoshkaDimensions.stream().distinct().sorted(
                java.util.Comparator.reverseOrder()).toList();
        this.imageModels = List.copyOf(b.imageModels);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder holding this description's values, for a variant of it. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.dimension = dimension;
        b.pooling = pooling;
        b.normalize = normalize;
        b.outputName = outputName;
        b.outputIndex = outputIndex;
        b.modelFile = modelFile;
        b.additionalFiles = additionalFiles;
        b.source = source;
        b.bundles = bundles;
        b.maxLength = maxLength;
        b.padToMaxLength = padToMaxLength;
        b.queryPrefix = queryPrefix;
        b.passagePrefix = passagePrefix;
        b.tasks = new LinkedHashMap<>(tasks);
        b.defaultTask = defaultTask;
        b.license = license;
        b.sizeGb = sizeGb;
        b.description = description;
        b.matryoshkaDimensions = matryoshkaDimensions;
        b.imageModels = imageModels;
        return b;
    }

    /** The model id users pass to {@code model(...)}, e.g. {@code BAAI/bge-small-en-v1.5}. */
    public String id() {
        return id;
    }

    /** The length of the vectors this model produces. */
    public int dimension() {
        return dimension;
    }

    public Pooling pooling() {
        return pooling;
    }

    /**
     * The shorter lengths the model was trained to keep working at (Matryoshka representation learning), as its
     * model card documents them, longest first; empty when it was not. Vectors cut to one of these and
     * renormalised keep their meaning; see {@code TextEmbedding.Builder#dimension}.
     */
    public List<Integer> matryoshkaDimensions() {
        return matryoshkaDimensions;
    }

    /**
     * For the text tower of a text-image model (CLIP, SigLIP, nomic, Jina CLIP): the image models whose vectors
     * share its space; empty for text-only models.
     */
    public List<String> imageModels() {
        return imageModels;
    }

    /** Whether vectors are L2-normalized after pooling. */
    public boolean normalize() {
        return normalize;
    }

    /** The ONNX output read by name (e.g. {@code pooler_output}), or null to read {@link #outputIndex()}. */
    public String outputName() {
        return outputName;
    }

    /** The position of the ONNX output read when {@link #outputName()} is null. */
    public int outputIndex() {
        return outputIndex;
    }

    /** The ONNX file's path inside the model directory, e.g. {@code onnx/model.onnx}. */
    /** The files this model needs and where they come from. */
    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, additionalFiles, bundles);
    }

    public String modelFile() {
        return modelFile;
    }

    /** Files the ONNX file needs beside it, e.g. {@code onnx/model.onnx_data}. */
    public List<String> additionalFiles() {
        return additionalFiles;
    }

    public ModelSource source() {
        return source;
    }

    /** Jars on Maven Central that carry this model, in order of preference. */
    public List<ClasspathBundle> bundles() {
        return bundles;
    }

    /** Texts are truncated to this many tokens, special tokens included. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether every text is padded to {@link #maxLength()} because the model's output depends on it. */
    public boolean padToMaxLength() {
        return padToMaxLength;
    }

    /** The query prefix the model card documents (not applied by {@code embed}; empty if none). */
    public String queryPrefix() {
        return queryPrefix;
    }

    /** The passage prefix the model card documents (not applied by {@code embed}; empty if none). */
    public String passagePrefix() {
        return passagePrefix;
    }

    /** Task names and the ids fed to the model's scalar {@code task_id} input (Jina v3); empty otherwise. */
    public Map<String, Integer> tasks() {
        return tasks;
    }

    /** The task used by {@code embed} when the model has tasks, or null. */
    public String defaultTask() {
        return defaultTask;
    }

    public String license() {
        return license;
    }

    /** Approximate download size in gigabytes. */
    public double sizeGb() {
        return sizeGb;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "ModelDescription[" + id + ", dim=" + dimension + ", pooling=" + pooling + ", normalize=" + normalize
                + ", file=" + modelFile + ", maxLength=" + maxLength + "]";
    }

    /** Builder for {@link ModelDescription}. */
    public static final class Builder {
        private final String id;
        private int dimension;
        private Pooling pooling = Pooling.MEAN;
        private boolean normalize = true;
        private String outputName;
        private int outputIndex;
        private String modelFile = "onnx/model.onnx";
        private List<String> additionalFiles = List.of();
        private ModelSource source = ModelSource.none();
        private List<ClasspathBundle> bundles = List.of();
        private int maxLength = 512;
        private boolean padToMaxLength;
        private String queryPrefix;
        private String passagePrefix;
        private Map<String, Integer> tasks = new LinkedHashMap<>();
        private String defaultTask;
        private String license;
        private double sizeGb;
        private String description;
        private List<Integer> matryoshkaDimensions = List.of();
        private List<String> imageModels = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        public Builder pooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Read the ONNX output with this name instead of the first one. */
        public Builder outputName(String outputName) {
            this.outputName = outputName;
            return this;
        }

        /** Read the ONNX output at this position (default 0). */
        public Builder outputIndex(int outputIndex) {
            this.outputIndex = outputIndex;
            return this;
        }

        public Builder modelFile(String modelFile) {
            this.modelFile = modelFile;
            return this;
        }

        public Builder additionalFiles(List<String> additionalFiles) {
            this.additionalFiles = List.copyOf(additionalFiles);
            return this;
        }

        public Builder source(ModelSource source) {
            this.source = source;
            return this;
        }

        public Builder bundles(List<ClasspathBundle> bundles) {
            this.bundles = List.copyOf(bundles);
            return this;
        }

        public Builder maxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        public Builder padToMaxLength(boolean padToMaxLength) {
            this.padToMaxLength = padToMaxLength;
            return this;
        }

        public Builder prefixes(String queryPrefix, String passagePrefix) {
            this.queryPrefix = queryPrefix;
            this.passagePrefix = passagePrefix;
            return this;
        }

        public Builder task(String name, int id) {
            this.tasks.put(name, id);
            return this;
        }

        public Builder defaultTask(String defaultTask) {
            this.defaultTask = defaultTask;
            return this;
        }

        public Builder license(String license) {
            this.license = license;
            return this;
        }

        public Builder sizeGb(double sizeGb) {
            this.sizeGb = sizeGb;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The shorter lengths the model card says the model was trained for (Matryoshka). */
        public Builder matryoshkaDimensions(List<Integer> dimensions) {
            this.matryoshkaDimensions = List.copyOf(dimensions);
            return this;
        }

        /** The image models whose vectors share this text tower's space. */
        public Builder imageModels(List<String> imageModels) {
            this.imageModels = List.copyOf(imageModels);
            return this;
        }

        public ModelDescription build() {
            return new ModelDescription(this);
        }
    }
}
