package dev.fastembed;

import java.util.Objects;

/**
 * BGE-M3's three representations of one text, from one forward pass. Immutable.
 *
 * <ul>
 * <li>{@link #dense()}: the normalised [CLS] vector, {@code dimension} floats (1024), for cosine or dot product;
 * <li>{@link #sparse()}: BGE-M3's lexical weights, indexed by the tokenizer's own token ids (XLM-RoBERTa,
 *     0 to 250,001), for a sparse vector index (Qdrant sparse vectors, dot product);
 * <li>{@link #multiVector()}: one unit row per token but [CLS], for {@link MultiVectorEmbedding#maxSim}.
 * </ul>
 */
public final class BgeM3Output {

    private final float[] dense;
    private final SparseEmbedding sparse;
    private final MultiVectorEmbedding multiVector;

    BgeM3Output(float[] dense, SparseEmbedding sparse, MultiVectorEmbedding multiVector) {
        this.dense = Objects.requireNonNull(dense, "dense");
        this.sparse = Objects.requireNonNull(sparse, "sparse");
        this.multiVector = Objects.requireNonNull(multiVector, "multiVector");
    }

    /** The dense vector, unit length; a copy on each call. */
    public float[] dense() {
        return dense.clone();
    }

    /** The lexical weights: positive, one per distinct token id of the text, special tokens left out. */
    public SparseEmbedding sparse() {
        return sparse;
    }

    /** The token vectors, unit length, rows in token order. */
    public MultiVectorEmbedding multiVector() {
        return multiVector;
    }

    /**
     * BGE-M3's combined relevance of {@code document} to this query, FlagEmbedding's {@code compute_score}
     * "colbert+sparse+dense": {@code (w[0] * dense + w[1] * sparse + w[2] * colbert) / (w[0] + w[1] + w[2])}, where
     * dense is the dot product of the dense vectors, sparse the dot product of the lexical weights, and colbert
     * {@link MultiVectorEmbedding#maxSim} divided by the query's row count.
     *
     * @param weights three non-negative weights, not all zero (FlagEmbedding's examples use 0.4, 0.2, 0.4)
     * @throws IllegalArgumentException unless there are three such weights
     */
    public double score(BgeM3Output document, double... weights) {
        Objects.requireNonNull(document, "document");
        if (weights == null || weights.length != 3 || weights[0] < 0 || weights[1] < 0 || weights[2] < 0
                || weights[0] + weights[1] + weights[2] <= 0) {
            throw new IllegalArgumentException("score needs three non-negative weights, not all zero (dense, sparse, "
                    + "multi-vector), e.g. 0.4, 0.2, 0.4; got " + java.util.Arrays.toString(weights));
        }
        double dot = 0;
        for (int i = 0; i < dense.length; i++) {
            dot += dense[i] * (double) document.dense[i];
        }
        double colbert = multiVector.rows() == 0 ? 0 : multiVector.maxSim(document.multiVector) / multiVector.rows();
        return (weights[0] * dot + weights[1] * sparse.dot(document.sparse) + weights[2] * colbert)
                / (weights[0] + weights[1] + weights[2]);
    }

    @Override
    public String toString() {
        return "BgeM3Output[dense " + dense.length + ", sparse " + sparse.size() + " ids, " + multiVector.rows()
                + " token rows]";
    }
}
