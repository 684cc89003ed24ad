package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * A BGE-M3 model of the catalog: one encoder, three heads (dense, sparse, multi-vector) computed in one pass.
 * Not in Python fastembed; fastembed-rs has it.
 *
 * @param id the catalog id
 * @param dimension the dense vector's length, and each multi-vector row's
 * @param source where the files download from
 * @param modelFile the ONNX file's repo path
 * @param additionalFiles further files (external data)
 * @param maxLength tokens per text when tokenizer_config.json gives none
 * @param license the model's licence
 * @param sizeGb the download size
 * @param description what the model is
 */
public record BgeM3ModelDescription(String id, int dimension, ModelSource source, String modelFile,
        List<String> additionalFiles, int maxLength, String license, double sizeGb, String description) {

    public BgeM3ModelDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(description, "description");
        additionalFiles = List.copyOf(additionalFiles);
    }

    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, additionalFiles, List.of());
    }

    static List<BgeM3ModelDescription> all() {
        // The ONNX export fastembed-rs uses: BAAI/bge-m3 with its three heads (outputs dense_vecs, sparse_vecs,
        // colbert_vecs) quantized to int8. The size is an estimate from the parameter count (568M, int8).
        return List.of(new BgeM3ModelDescription("BAAI/bge-m3", 1024,
                ModelSource.huggingFace("gpahal/bge-m3-onnx-int8"), "model_quantized.onnx", List.of(), 8192, "mit",
                0.6, "Dense, sparse and multi-vector text embeddings from one pass, Multilingual (100+ languages), "
                        + "8192 input tokens truncation, 2024 year"));
    }
}
