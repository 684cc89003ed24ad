package dev.fastembed.model;

import java.util.Objects;

/**
 * A jar on Maven Central that holds a model's ONNX file and tokenizer as classpath resources. With the jar
 * on the classpath, the model loads with no download.
 *
 * @param coordinates the Maven coordinates {@code group:artifact:version}, quoted in error messages
 * @param modelResource the ONNX file's resource name, e.g. {@code bge-small-en-v1.5-q.onnx}
 * @param tokenizerResource the tokenizer.json's resource name
 * @param quantized whether the ONNX file is int8 (dynamic quantization: outputs depend slightly on the batch)
 */
public record ClasspathBundle(String coordinates, String modelResource, String tokenizerResource, boolean quantized) {

    public ClasspathBundle {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(modelResource, "modelResource");
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    }

    /** A LangChain4j {@code langchain4j-embeddings-<artifact>} jar, whose files are {@code <name>.onnx} and {@code <name>-tokenizer.json}. */
    public static ClasspathBundle langchain4j(String artifact, String version, String name, boolean quantized) {
        return new ClasspathBundle(
                "dev.langchain4j:langchain4j-embeddings-" + artifact + ":" + version,
                name + ".onnx",
                name + "-tokenizer.json",
                quantized);
    }
}
