package dev.fastembed.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.spi.model.embedding.EmbeddingModelFactory;

/**
 * LangChain4j's default-embedding-model hook: {@code EmbeddingStoreIngestor} and
 * {@code EmbeddingStoreContentRetriever} call it when no model is set. Registered only by the tiny
 * {@code fastembed-langchain4j-default-model} artifact, because LangChain4j throws when two factories are on
 * the classpath (for example one of its own in-process model jars); this module alone registers nothing.
 * The model is fastembed's default, BAAI/bge-small-en-v1.5, resolved like any other (classpath bundle, cache,
 * then a download unless offline).
 */
public final class FastEmbedEmbeddingModelFactory implements EmbeddingModelFactory {

    @Override
    public EmbeddingModel create() {
        return FastEmbedEmbeddingModel.builder().build();
    }
}
