package dev.fastembed;

import dev.fastembed.late.TokenVectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One vector per token (ColBERT): {@code rows x dimension} floats in one flat row-major array. Immutable.
 */
public final class MultiVectorEmbedding {

    private final float[] values;
    private final int rows;
    private final int dimension;

    private MultiVectorEmbedding(float[] values, int rows, int dimension) {
        this.values = values;
        this.rows = rows;
        this.dimension = dimension;
    }

    /**
     * @param values {@code rows * dimension} floats, row after row (copied)
     * @throws IllegalArgumentException when the length is not {@code rows * dimension}
     */
    public static MultiVectorEmbedding of(float[] values, int rows, int dimension) {
        Objects.requireNonNull(values, "values");
        if (rows < 0 || dimension <= 0 || values.length != rows * dimension) {
            throw new IllegalArgumentException(values.length + " floats do not make " + rows + " rows of " + dimension);
        }
        return new MultiVectorEmbedding(values.clone(), rows, dimension);
    }

    /** Takes {@code values} over without a copy: the caller must not keep or change it. */
    static MultiVectorEmbedding wrap(float[] values, int rows, int dimension) {
        return new MultiVectorEmbedding(values, rows, dimension);
    }

    /** A head's token vectors as an embedding: its array becomes the embedding's, no copy. */
    static MultiVectorEmbedding wrap(TokenVectors vectors, int dimension) {
        return wrap(vectors.values(), vectors.rows(), dimension);
    }

    /** The same for a batch's, in order. */
    static List<MultiVectorEmbedding> wrap(List<TokenVectors> vectors, int dimension) {
        List<MultiVectorEmbedding> out = new ArrayList<>(vectors.size());
        for (TokenVectors row : vectors) {
            out.add(wrap(row, dimension));
        }
        return out;
    }

    public int rows() {
        return rows;
    }

    public int dimension() {
        return dimension;
    }

    /** Row {@code i} as a new array. */
    public float[] row(int i) {
        Objects.checkIndex(i, rows);
        return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
    }

    /** Every value, row after row, as a new array. */
    public float[] values() {
        return values.clone();
    }

    /**
     * ColBERT's late-interaction score of this query against a document: for each query row, the best dot
     * product with any document row, summed.
     */
    public double maxSim(MultiVectorEmbedding document) {
        if (document.dimension != dimension) {
            throw new IllegalArgumentException("the document has " + document.dimension + "-dimensional rows, the "
                    + "query " + dimension + "-dimensional ones");
        }
        double total = 0;
        for (int q = 0; q < rows; q++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int d = 0; d < document.rows; d++) {
                double dot = 0;
                int qi = q * dimension;
                int di = d * dimension;
                for (int k = 0; k < dimension; k++) {
                    dot += values[qi + k] * document.values[di + k];
                }
                best = Math.max(best, dot);
            }
            total += document.rows == 0 ? 0 : best;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiVectorEmbedding other && rows == other.rows && dimension == other.dimension
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + dimension) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MultiVectorEmbedding[" + rows + " x " + dimension + "]";
    }
}
