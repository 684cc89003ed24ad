package dev.fastembed.late;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/** Cuts a {@code [batch, tokens, dim]} output into one {@code tokens x dim} matrix per row, every row kept. */
public final class TokenMatrices {

    private TokenMatrices() {
    }

    public static List<float[][]> split(FloatBuffer values, int batch, int tokens, int dim) {
        List<float[][]> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[][] matrix = new float[tokens][dim];
            for (int t = 0; t < tokens; t++) {
                values.get((b * tokens + t) * dim, matrix[t]);
            }
            out.add(matrix);
        }
        return out;
    }
}
