package dev.fastembed.engine;

import java.util.function.ToIntFunction;

/**
 * How one call is batched.
 *
 * @param batchSize inputs per ONNX run
 * @param sizeHint a cheap estimate of an input's token length, used to group inputs of similar length
 * @param inputName what the caller calls its inputs, for messages ({@code texts})
 */
public record RunOptions<I>(int batchSize, ToIntFunction<I> sizeHint, String inputName) {

    public RunOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
    }
}
