package dev.fastembed.text;

import dev.fastembed.onnx.OnnxSession;

/**
 * How many padded tokens (rows x longest row) one ONNX run may take: a number the user set, or by default
 * {@link #TOKENS_PER_THREAD} per intra-op thread of the session running it. A longer batch runs in slices.
 */
public final class TokenBudget {

    /**
     * Measured with the benchmarks module on bge-small, MiniLM and a MiniLM cross-encoder (int8, 2 cores): a
     * one-thread session ran fastest at 256-512 tokens per run, a two-thread session at about 1024. Larger
     * runs spill activations out of cache; smaller ones give each thread too little of an operator to pay
     * for its synchronization.
     */
    public static final int TOKENS_PER_THREAD = 512;

    /** However many threads, the default never passes this: it bounds activation memory. */
    static final int MAX_DEFAULT = 8192;

    private final int fixed;

    private TokenBudget(int fixed) {
        this.fixed = fixed;
    }

    /** The user's budget, or the per-thread default when {@code configured} is null. */
    public static TokenBudget of(Integer configured) {
        return new TokenBudget(configured == null ? 0 : check(configured));
    }

    /** Returns {@code maxBatchTokens} if it is positive; lets a facade reject it before loading anything. */
    public static int check(int maxBatchTokens) {
        if (maxBatchTokens <= 0) {
            throw new IllegalArgumentException("maxBatchTokens must be > 0, was " + maxBatchTokens);
        }
        return maxBatchTokens;
    }

    /**
     * The budget of one run on {@code session}: on CUDA the default is the largest, {@value #MAX_DEFAULT}, since a
     * GPU wants large kernels and its threads are not the CPU's (a starting point, for gpu-check.sh to measure).
     */
    public int tokens(OnnxSession session) {
        if (fixed > 0) {
            return fixed;
        }
        return byDefault(session.device(), session.threads());
    }

    /** The default budget of one run on a session of {@code device} with {@code threads} intra-op threads. */
    static int byDefault(dev.fastembed.Device device, int threads) {
        return device == dev.fastembed.Device.CUDA ? MAX_DEFAULT : perThread(threads);
    }

    static int perThread(int threads) {
        return (int) Math.min(MAX_DEFAULT, (long) TOKENS_PER_THREAD * Math.max(1, threads));
    }

    @Override
    public String toString() {
        return fixed > 0 ? fixed + " tokens" : TOKENS_PER_THREAD + " tokens per thread";
    }
}
