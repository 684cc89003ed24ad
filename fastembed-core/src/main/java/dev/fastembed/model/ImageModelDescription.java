package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * An image embedding model of the catalog.
 *
 * @param id the catalog id
 * @param dimension the vector length
 * @param head how the vector is read from the graph's output
 * @param source where the files download from
 * @param modelFile the ONNX file's repo path
 * @param license the model's licence
 * @param sizeGb the download size
 * @param description what it is
 */
public record ImageModelDescription(String id, int dimension, Head head, ModelSource source, String modelFile,
        String license, double sizeGb, String description) {

    /** fastembed's three image heads. */
    public enum Head {
        /** The first output, flattened per image, then L2 (CLIP, ResNet, Unicom, Jina CLIP). */
        FLAT,
        /** The first output as tokens x dim; token 0 (CLS), then L2 (nomic-embed-vision). */
        CLS,
        /** The output named {@code pooler_output}, then L2 (SigLIP). */
        POOLER
    }

    public ImageModelDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modelFile, "modelFile");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension of " + id + " must be > 0");
        }
    }

    /** The ONNX file and preprocessor_config.json; no tokenizer. */
    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, List.of("preprocessor_config.json"), List.of(), false);
    }
}
