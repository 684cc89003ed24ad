package dev.fastembed.model;

/**
 * Where a model's files can be downloaded from.
 *
 * @param huggingFace the Hugging Face repository actually downloaded (may differ from the model id), or null
 * @param url a legacy archive URL (tar.gz), or null
 * @param legacyArchiveLayout whether the archive's top folder is {@code fast-<name>}
 */
public record ModelSource(String huggingFace, String url, boolean legacyArchiveLayout) {

    /** A model that is only on the Hugging Face hub. */
    public static ModelSource huggingFace(String repo) {
        return new ModelSource(repo, null, false);
    }

    /** A model with no download source: it loads from a model path, the cache or a classpath bundle only. */
    public static ModelSource none() {
        return new ModelSource(null, null, false);
    }
}
