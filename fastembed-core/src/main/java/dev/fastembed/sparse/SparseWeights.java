package dev.fastembed.sparse;

import com.carrotsearch.hppc.LongFloatHashMap;
import com.carrotsearch.hppc.cursors.LongFloatCursor;

import dev.fastembed.SparseEmbedding;

/**
 * Token id to weight, gathered per vector without boxing ({@link LongFloatHashMap}: a later put replaces an
 * earlier one, as fastembed's dict does on a hash collision), then turned into a {@link SparseEmbedding}.
 */
public final class SparseWeights {

    private SparseWeights() {
    }

    public static SparseEmbedding toEmbedding(LongFloatHashMap weights) {
        long[] indices = new long[weights.size()];
        float[] values = new float[weights.size()];
        int i = 0;
        for (LongFloatCursor entry : weights) {
            indices[i] = entry.key;
            values[i++] = entry.value;
        }
        return SparseEmbedding.of(indices, values);
    }
}
