package dev.fastembed.late;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One text's token vectors, {@code rows x dimension} floats row after row in one array: what
 * {@code MultiVectorEmbedding} holds, so that a head's output becomes an embedding without another copy.
 *
 * @param values the floats, owned by whoever receives this
 * @param rows the number of vectors
 */
public record TokenVectors(float[] values, int rows) {

    /**
     * Cuts a {@code [batch, tokens, dim]} output into one {@code tokens x dim} array per row, every row kept:
     * the one copy out of the output (read in place when it was pinned).
     */
    public static List<TokenVectors> split(FloatBuffer output, int batch, int tokens, int dim) {
        int size = tokens * dim;
        List<TokenVectors> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] values = new float[size];
            output.get(b * size, values);
            out.add(new TokenVectors(values, tokens));
        }
        return out;
    }
}
