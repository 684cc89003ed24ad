package dev.fastembed.text;

/**
 * How a batch is padded: the tokenizer.json's own padding when it has one, else fastembed's default
 * (right side, to the longest in the batch, pad id from config.json or 0).
 *
 * @param left pad on the left (decoder models such as Qwen3)
 * @param fixedLength pad every row to at least this length, 0 for none
 * @param multipleOf round the length up to a multiple of this, 0 for none
 * @param padId the id written into padded positions
 * @param padTypeId the type id written into padded positions
 */
record Padding(boolean left, int fixedLength, int multipleOf, long padId, long padTypeId) {

    static Padding batchLongest(long padId) {
        return new Padding(false, 0, 0, padId, 0);
    }

    Padding withFixedLength(int length) {
        return new Padding(left, length, multipleOf, padId, padTypeId);
    }

    /** The padded length for a batch whose longest row has {@code longest} tokens. */
    int paddedLength(int longest) {
        int length = Math.max(longest, fixedLength);
        if (multipleOf > 0 && length % multipleOf != 0) {
            length += multipleOf - length % multipleOf;
        }
        return Math.max(length, 1);
    }
}
