package dev.fastembed.engine;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/** Positions ordered by length, shortest first, ties in input order; primitive keys, no boxing. */
public final class LengthOrder {

    private LengthOrder() {
    }

    /** Positions {@code 0..n-1} sorted by {@code length.applyAsInt(position)} (negative lengths count as 0). */
    public static int[] ascending(int n, IntUnaryOperator length) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) Math.max(0, length.applyAsInt(i)) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
