package dev.fastembed.spring.boot;

/** The model kinds the starter configures, with their property groups (and their deprecated old names). */
public enum ModelKind {
    TEXT("text", "embedding"),
    SPARSE("sparse", null),
    RERANK("rerank", "reranker"),
    IMAGE("image", null),
    LATE_INTERACTION("late-interaction", null),
    MULTIMODAL("multimodal", null),
    /** BGE-M3: off unless {@code fastembed.bge-m3.enabled=true} or a model is set (it has a default model). */
    BGE_M3("bge-m3", null);

    private final String group;
    private final String deprecatedGroup;

    ModelKind(String group, String deprecatedGroup) {
        this.group = group;
        this.deprecatedGroup = deprecatedGroup;
    }

    /** The property group under {@code fastembed.}, e.g. {@code late-interaction}. */
    public String group() {
        return group;
    }

    /** The group's old name, still read (deprecated), or null. */
    public String deprecatedGroup() {
        return deprecatedGroup;
    }

    /** Whether a bean needs a model id or path (every kind but text, which has a default model). */
    boolean needsModel() {
        return this != TEXT;
    }
}
