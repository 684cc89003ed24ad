package dev.fastembed.text;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Pooling and normalization over a flat row-major output: read where ONNX Runtime wrote it (a pinned direct
 * buffer) or from its heap copy, with absolute reads only. Tight loops over primitives; the only allocation is
 * each result vector.
 */
public final class DensePooling {

    private DensePooling() {
    }

    /** Row {@code b} of a {@code [batch, dim]} output. */
    public static float[] row(FloatBuffer hidden, int b, int dim) {
        float[] out = new float[dim];
        hidden.get(b * dim, out);
        return out;
    }

    /** The first token of row {@code b} of a {@code [batch, seq, dim]} output. */
    public static float[] cls(FloatBuffer hidden, int b, int seq, int dim) {
        float[] out = new float[dim];
        hidden.get(b * seq * dim, out);
        return out;
    }

    /**
     * The mean of row {@code b}'s token vectors weighted by the attention mask, divided by
     * {@code max(sum(mask), 1e-9)}. Sums run in double, as NumPy's float32 × int64 promotion does in fastembed.
     */
    public static float[] mean(FloatBuffer hidden, long[] mask, int b, int seq, int dim, double[] scratch) {
        Arrays.fill(scratch, 0, dim, 0.0);
        long count = 0;
        int base = b * seq * dim;
        int maskBase = b * seq;
        for (int t = 0; t < seq; t++) {
            long weight = mask[maskBase + t];
            if (weight == 0) {
                continue;
            }
            count += weight;
            int offset = base + t * dim;
            for (int d = 0; d < dim; d++) {
                scratch[d] += hidden.get(offset + d) * (double) weight;
            }
        }
        double divisor = Math.max(count, 1e-9);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (scratch[d] / divisor);
        }
        return out;
    }

    /**
     * The vector at the last position of row {@code b} whose mask is 1; works for left and right padding.
     * A row with no real token gives its last position, as fastembed's argmax over an all-zero mask does.
     */
    public static float[] lastToken(FloatBuffer hidden, long[] mask, int b, int seq, int dim) {
        int last = seq - 1;
        for (int t = seq - 1; t >= 0; t--) {
            if (mask[b * seq + t] != 0) {
                last = t;
                break;
            }
        }
        float[] out = new float[dim];
        hidden.get((b * seq + last) * dim, out);
        return out;
    }

    /** Scales {@code vector} in place to unit L2 norm: {@code x / max(||x||, 1e-12)}. */
    public static float[] normalize(float[] vector) {
        normalize(vector, 0, vector.length);
        return vector;
    }

    /**
     * Scales {@code values[from, from + length)} in place to unit L2 norm, {@code x / max(||x||, 1e-12)} (torch's
     * normalize): one row of a flat matrix.
     */
    public static void normalize(float[] values, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += values[i] * (double) values[i];
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        for (int i = from; i < from + length; i++) {
            values[i] = (float) (values[i] / norm);
        }
    }
}
