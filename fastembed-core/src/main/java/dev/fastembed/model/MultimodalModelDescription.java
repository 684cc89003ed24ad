package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * A late-interaction multimodal model of the catalog (ColPali family): one matrix per text or image.
 *
 * @param id the catalog id
 * @param colPali ColPali conventions (PaliGemma) rather than ColModernVBERT's (Idefics3)
 * @param dimension the per-token vector length
 * @param source where the files download from
 * @param modelFile the ONNX file's repo path
 * @param additionalFiles further files (external data, processor config)
 * @param maxLength tokens per text when tokenizer_config.json gives none
 * @param license the model's licence
 * @param sizeGb the download size
 */
public record MultimodalModelDescription(String id, boolean colPali, int dimension, ModelSource source,
        String modelFile, List<String> additionalFiles, int maxLength, String license, double sizeGb) {

    public MultimodalModelDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modelFile, "modelFile");
        additionalFiles = List.copyOf(additionalFiles);
    }

    /** The ONNX file (and its external data), tokenizer.json and preprocessor_config.json. */
    public ModelFileSet fileSet() {
        List<String> files = new java.util.ArrayList<>(additionalFiles);
        files.add("preprocessor_config.json");
        return new ModelFileSet(id, source, modelFile, files, List.of());
    }

    static List<MultimodalModelDescription> all() {
        return List.of(
                new MultimodalModelDescription("Qdrant/colpali-v1.3-fp16", true, 128,
                        ModelSource.huggingFace("Qdrant/colpali-v1.3-fp16"), "model.onnx", List.of("model.onnx_data"),
                        512, "mit", 6.5),
                new MultimodalModelDescription("Qdrant/colmodernvbert", false, 128,
                        ModelSource.huggingFace("Qdrant/colmodernvbert"), "model.onnx", List.of("processor_config.json"),
                        8192, "mit", 1.0));
    }
}
