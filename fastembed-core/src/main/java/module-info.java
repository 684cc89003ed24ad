/**
 * fastembed for the JVM: dense, sparse, late-interaction and image embeddings and re-ranking on ONNX Runtime.
 *
 * <p>Only the API is exported: the model classes and value types ({@code dev.fastembed}), the catalog
 * descriptions ({@code dev.fastembed.model}) and the model hub ({@code dev.fastembed.hub}). The engine,
 * ONNX Runtime, tokenizer and per-kind packages are internal, as Lucene keeps its own: code on the module path
 * cannot compile against them. (On the class path, which has no modules, they stay reachable; their names are
 * not a supported API.)
 */
module dev.fastembed {
    requires transitive java.desktop; // BufferedImage in ImageEmbedding's signatures
    requires java.net.http;
    requires jdk.management; // physical memory, to cap automatic parallelism by model size
    requires jdk.unsupported; // Unsafe.invokeCleaner: pinned outputs free their native memory at once

    requires com.microsoft.onnxruntime;
    requires ai.djl.api;
    requires ai.djl.tokenizers;
    requires com.carrotsearch.hppc;
    requires com.google.gson;
    requires com.sun.jna;
    requires org.apache.commons.codec;
    requires org.apache.commons.compress;
    requires org.apache.lucene.analysis.common;
    requires org.slf4j;

    exports dev.fastembed;
    exports dev.fastembed.model;
    exports dev.fastembed.hub;
}
