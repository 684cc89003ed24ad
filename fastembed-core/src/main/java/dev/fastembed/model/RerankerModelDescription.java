package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * A cross-encoder (reranker) of the catalog.
 *
 * @param id the catalog id
 * @param source where its files download from
 * @param modelFile the ONNX file's repo path
 * @param additionalFiles further files (external data)
 * @param maxLength tokens per (query, document) pair when tokenizer_config.json gives none
 * @param license the model's licence
 * @param sizeGb the download size
 * @param description what it is
 */
public record RerankerModelDescription(String id, ModelSource source, String modelFile, List<String> additionalFiles,
        int maxLength, String license, double sizeGb, String description) {

    public RerankerModelDescription {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a reranker needs an id");
        }
        Objects.requireNonNull(source, "source");
        if (modelFile == null || modelFile.isBlank()) {
            throw new IllegalArgumentException("reranker " + id + " needs a model file (e.g. onnx/model.onnx)");
        }
        additionalFiles = List.copyOf(additionalFiles);
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength of reranker " + id + " must be > 0, was " + maxLength);
        }
    }

    /** A model of your own: its files from {@code modelPath(...)} or a Hugging Face repository of the same name. */
    public static RerankerModelDescription custom(String id, String modelFile, int maxLength) {
        return new RerankerModelDescription(id, ModelSource.huggingFace(id), modelFile, List.of(), maxLength, "", 0,
                "custom reranker");
    }

    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, additionalFiles, List.of());
    }
}
