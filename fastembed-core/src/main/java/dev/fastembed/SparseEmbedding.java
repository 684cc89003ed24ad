package dev.fastembed;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sparse vector: ids with non-zero weights. Ids are unsigned 32-bit values (BM25 ids reach 2^31) held in
 * an {@code int[]}, sorted ascending as unsigned numbers, with no repeats; read one as a {@code long} with
 * {@link #index(int)}. Immutable.
 */
public final class SparseEmbedding {

    private static final SparseEmbedding EMPTY = new SparseEmbedding(new int[0], new float[0]);

    private final int[] indices;
    private final float[] values;

    private SparseEmbedding(int[] indices, float[] values) {
        this.indices = indices;
        this.values = values;
    }

    public static SparseEmbedding empty() {
        return EMPTY;
    }

    /**
     * A vector from parallel arrays in any order.
     *
     * @param indices ids in {@code [0, 2^32)}
     * @throws IllegalArgumentException when the lengths differ, an id is out of range or repeats
     */
    public static SparseEmbedding of(long[] indices, float[] values) {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length: " + indices.length + " vs "
                    + values.length);
        }
        // Sort (id, position) pairs packed in one long each, Lucene-style: the id, shifted to a signed int so
        // that unsigned order is signed order, in the high half and the position in the low half. One
        // primitive sort, no boxed Integer per entry.
        long[] keys = new long[indices.length];
        boolean ascending = true;
        for (int i = 0; i < keys.length; i++) {
            if (indices[i] < 0 || indices[i] > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("index " + indices[i] + " at position " + i
                        + " is not an unsigned 32-bit id");
            }
            keys[i] = ((long) (int) (indices[i] ^ 0x8000_0000L) << 32) | i;
            ascending &= i == 0 || indices[i] > indices[i - 1];
        }
        if (!ascending) {
            Arrays.sort(keys);
        }
        int[] sortedIndices = new int[indices.length];
        float[] sortedValues = new float[indices.length];
        for (int k = 0; k < keys.length; k++) {
            int position = (int) keys[k];
            if (k > 0 && indices[position] == indices[(int) keys[k - 1]]) {
                throw new IllegalArgumentException("index " + indices[position] + " appears twice");
            }
            sortedIndices[k] = (int) indices[position];
            sortedValues[k] = values[position];
        }
        return new SparseEmbedding(sortedIndices, sortedValues);
    }

    /** A vector from an id-to-weight map (ids as unsigned 32-bit values). */
    public static SparseEmbedding of(Map<Long, Float> weights) {
        long[] indices = new long[weights.size()];
        float[] values = new float[weights.size()];
        int i = 0;
        for (Map.Entry<Long, Float> entry : weights.entrySet()) {
            indices[i] = Objects.requireNonNull(entry.getKey(), "index");
            values[i++] = Objects.requireNonNull(entry.getValue(), "value");
        }
        return of(indices, values);
    }

    public int size() {
        return indices.length;
    }

    public boolean isEmpty() {
        return indices.length == 0;
    }

    /** The i-th id, ascending. */
    public long index(int i) {
        return Integer.toUnsignedLong(indices[i]);
    }

    public float value(int i) {
        return values[i];
    }

    /** The ids as stored: unsigned 32-bit values, ascending (use {@link Integer#toUnsignedLong}). */
    public int[] indices() {
        return indices.clone();
    }

    public float[] values() {
        return values.clone();
    }

    /** The ids widened to {@code long}, ascending. */
    public long[] indicesAsLongs() {
        long[] out = new long[indices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.toUnsignedLong(indices[i]);
        }
        return out;
    }

    /** The sum of products of the weights of shared ids. */
    public double dot(SparseEmbedding other) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < indices.length && j < other.indices.length) {
            int order = Integer.compareUnsigned(indices[i], other.indices[j]);
            if (order == 0) {
                sum += (double) values[i++] * other.values[j++];
            } else if (order < 0) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    /** Id to weight, ascending by id. */
    public Map<Long, Float> asMap() {
        Map<Long, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < indices.length; i++) {
            map.put(index(i), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseEmbedding other && Arrays.equals(indices, other.indices)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SparseEmbedding{");
        for (int i = 0; i < Math.min(indices.length, 8); i++) {
            text.append(i == 0 ? "" : ", ").append(index(i)).append('=').append(values[i]);
        }
        return text.append(indices.length > 8 ? ", ... (" + indices.length + " in all)}" : "}").toString();
    }
}
