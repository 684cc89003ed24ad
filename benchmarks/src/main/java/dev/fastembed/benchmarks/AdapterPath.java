package dev.fastembed.benchmarks;

import dev.fastembed.TextEmbedding;
import dev.fastembed.langchain4j.FastEmbedEmbeddingModel;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.document.MetadataMode;

import java.util.List;

/**
 * Our framework adapters, as their users call them, on the same engine as {@link FastEmbedPath} with its
 * defaults: LangChain4j's {@code EmbeddingModel.embedAll} and Spring AI's {@code EmbeddingModel.embed(List)}
 * (observations off, as Spring AI's own models run without a registry).
 */
final class AdapterPath implements BenchPath {

    private final FastEmbedPath engine;
    private final FastEmbedEmbeddingModel langchain4j;
    private final dev.fastembed.springai.FastEmbedEmbeddingModel springAi;

    private AdapterPath(FastEmbedPath engine, boolean langchain4j) {
        this.engine = engine;
        TextEmbedding model = engine.model();
        this.langchain4j = langchain4j ? FastEmbedEmbeddingModel.builder().textModel(model).build() : null;
        this.springAi = langchain4j ? null
                : new dev.fastembed.springai.FastEmbedEmbeddingModel(model, MetadataMode.NONE, ObservationRegistry.NOOP);
    }

    static AdapterPath langchain4j(FastEmbedPath engine) {
        return new AdapterPath(engine, true);
    }

    static AdapterPath springAi(FastEmbedPath engine) {
        return new AdapterPath(engine, false);
    }

    @Override
    public String name() {
        return langchain4j != null ? "our LangChain4j adapter" : "our Spring AI adapter";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (langchain4j != null) {
            return langchain4j.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                    .map(Embedding::vector).toList();
        }
        return springAi.embed(texts);
    }

    @Override
    public void close() {
        engine.close();
    }
}
