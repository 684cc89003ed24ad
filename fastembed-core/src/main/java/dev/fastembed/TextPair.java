package dev.fastembed;

/**
 * A (query, document) pair to score with a cross-encoder.
 *
 * @param query the first text of the pair
 * @param document the second
 */
public record TextPair(String query, String document) {

    public static TextPair of(String query, String document) {
        return new TextPair(query, document);
    }
}
