package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * A late-interaction (ColBERT-family) text model of the catalog.
 *
 * @param id the catalog id
 * @param jina whether it follows Jina-ColBERT's conventions (marker ids 250002/250003, {@code <mask>}, queries
 *     attend to their mask padding) rather than ColBERT's ({@code [unused0]}/{@code [unused1]}, {@code [MASK]})
 * @param dimension the per-token vector length
 * @param source where the files download from
 * @param modelFile the ONNX file's repo path
 * @param additionalFiles further files (external data)
 * @param maxLength tokens per text when tokenizer_config.json gives none
 * @param license the model's licence
 * @param sizeGb the download size
 */
public record LateInteractionModelDescription(String id, boolean jina, int dimension, ModelSource source,
        String modelFile, List<String> additionalFiles, int maxLength, String license, double sizeGb) {

    public LateInteractionModelDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modelFile, "modelFile");
        additionalFiles = List.copyOf(additionalFiles);
    }

    public long queryMarkerId() {
        return jina ? 250002 : 1;
    }

    public long documentMarkerId() {
        return jina ? 250003 : 2;
    }

    public String maskToken() {
        return jina ? "<mask>" : "[MASK]";
    }

    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, additionalFiles, List.of());
    }

    static List<LateInteractionModelDescription> all() {
        return List.of(
                new LateInteractionModelDescription("colbert-ir/colbertv2.0", false, 128,
                        ModelSource.huggingFace("colbert-ir/colbertv2.0"), "model.onnx", List.of(), 512, "mit", 0.44),
                new LateInteractionModelDescription("answerdotai/answerai-colbert-small-v1", false, 96,
                        ModelSource.huggingFace("answerdotai/answerai-colbert-small-v1"), "vespa_colbert.onnx",
                        List.of(), 512, "apache-2.0", 0.13),
                new LateInteractionModelDescription("jinaai/jina-colbert-v2", true, 128,
                        ModelSource.huggingFace("jinaai/jina-colbert-v2"), "onnx/model.onnx",
                        List.of("onnx/model.onnx_data"), 8192, "cc-by-nc-4.0", 2.24));
    }
}
