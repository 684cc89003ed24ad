package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * The files one model needs and where they come from: what the resolver and the downloader work on,
 * whatever the model kind.
 *
 * @param id the catalog id, for messages
 * @param source the download sources
 * @param modelFile the ONNX file's repo path, or null for a model with no ONNX file (BM25: stop words only)
 * @param additionalFiles further repo paths the model needs (external data, vocabularies, stop words)
 * @param bundles classpath jars that hold the model
 * @param needsTokenizer whether a tokenizer.json must sit beside the model (text models; not image models)
 */
public record ModelFileSet(String id, ModelSource source, String modelFile, List<String> additionalFiles,
        List<ClasspathBundle> bundles, boolean needsTokenizer) {

    /** A text model's files: a tokenizer.json is needed whenever there is an ONNX file. */
    public ModelFileSet(String id, ModelSource source, String modelFile, List<String> additionalFiles,
            List<ClasspathBundle> bundles) {
        this(id, source, modelFile, additionalFiles, bundles, modelFile != null);
    }

    public ModelFileSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        additionalFiles = List.copyOf(additionalFiles);
        bundles = List.copyOf(bundles);
    }

    /** Whether the model runs an ONNX graph and so needs a model file and a tokenizer.json. */
    public boolean hasModelFile() {
        return modelFile != null;
    }
}
