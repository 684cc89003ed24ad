package dev.fastembed.text;

/**
 * A tokenized, padded batch in flat row-major buffers, ready to become int64 tensors of shape
 * {@code [size, length]}.
 */
public final class EncodedBatch {

    final long[] inputIds;
    final long[] attentionMask;
    final long[] typeIds;
    final int size;
    final int length;

    EncodedBatch(long[] inputIds, long[] attentionMask, long[] typeIds, int size, int length) {
        this.inputIds = inputIds;
        this.attentionMask = attentionMask;
        this.typeIds = typeIds;
        this.size = size;
        this.length = length;
    }

    public int size() {
        return size;
    }

    /** The padded sequence length. */
    public int length() {
        return length;
    }

    /** The token id at position {@code t} of row {@code row} (a pad id on padded positions). */
    public long id(int row, int t) {
        return inputIds[row * length + t];
    }

    /** Whether position {@code t} of row {@code row} is a real token (attention mask 1), not padding. */
    public boolean isToken(int row, int t) {
        return attentionMask[row * length + t] != 0;
    }

    /** Real (unpadded) tokens of row {@code row}, special tokens included. */
    public int tokens(int row) {
        int count = 0;
        int offset = row * length;
        for (int t = 0; t < length; t++) {
            count += (int) attentionMask[offset + t];
        }
        return count;
    }
}
