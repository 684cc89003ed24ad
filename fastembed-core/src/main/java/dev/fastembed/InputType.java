package dev.fastembed;

/**
 * What a text is to the model, which decides the prefix and, for models with tasks, the task it is embedded
 * with: {@link TextEmbedding#embed} is {@link #TEXT}, {@link TextEmbedding#queryEmbed} {@link #QUERY},
 * {@link TextEmbedding#passageEmbed} {@link #PASSAGE}. LangChain4j's {@code EmbeddingInputType.QUERY/DOCUMENT}
 * map to {@link #QUERY}/{@link #PASSAGE}.
 */
public enum InputType {
    /** As given: no prefix, the builder's task. */
    TEXT,
    /** A search query: the model's documented query prefix (when prefixes are on), Jina v3's retrieval.query. */
    QUERY,
    /** A document to be searched: the passage prefix (when prefixes are on), Jina v3's retrieval.passage. */
    PASSAGE
}
