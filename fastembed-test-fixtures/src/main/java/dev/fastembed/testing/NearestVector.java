package dev.fastembed.testing;

import java.util.List;

/** Matches an output vector to the input it came from, for tests on models whose vectors move with batching. */
public final class NearestVector {

    private NearestVector() {
    }

    /**
     * The index of the candidate with the largest dot product with {@code vector} (the cosine, for the unit
     * vectors the dense models give), the first one on a tie.
     */
    public static int index(float[] vector, List<float[]> candidates) {
        int best = -1;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            float[] candidate = candidates.get(i);
            double dot = 0;
            for (int d = 0; d < vector.length; d++) {
                dot += vector[d] * candidate[d];
            }
            if (dot > bestDot) {
                bestDot = dot;
                best = i;
            }
        }
        return best;
    }
}
