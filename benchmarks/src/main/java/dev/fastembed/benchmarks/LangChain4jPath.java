package dev.fastembed.benchmarks;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.nio.file.Path;
import java.util.List;

/** LangChain4j's in-process model ({@code embedAll}: one ONNX run per text on its own thread pool). */
final class LangChain4jPath implements BenchPath {

    private final OnnxEmbeddingModel model;

    LangChain4jPath(BenchModel bench, Path folder) {
        this.model = new OnnxEmbeddingModel(folder.resolve("model.onnx"), folder.resolve("tokenizer.json"),
                bench.cls ? PoolingMode.CLS : PoolingMode.MEAN);
    }

    @Override
    public String name() {
        return "LangChain4j embedAll";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(Embedding::vector).toList();
    }

    @Override
    public void close() {
        // OnnxEmbeddingModel is not closeable
    }
}
