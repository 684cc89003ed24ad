package dev.fastembed.late;

/**
 * One text's token vectors, {@code rows x dimension} floats row after row in one array: what
 * {@code MultiVectorEmbedding} holds, so that a head's output becomes an embedding without another copy.
 *
 * @param values the floats, owned by whoever receives this
 * @param rows the number of vectors
 */
public record TokenVectors(float[] values, int rows) {
}
