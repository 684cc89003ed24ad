package dev.fastembed;

/**
 * A document with its relevance score and its position in the list that was reranked.
 *
 * @param index the document's position in the input
 * @param score its score (raw logit or sigmoid, as the reranker was built)
 * @param document the document text
 */
public record RankedDocument(int index, double score, String document) {
}
