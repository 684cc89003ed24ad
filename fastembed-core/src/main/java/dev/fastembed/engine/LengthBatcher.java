package dev.fastembed.engine;

import java.util.ArrayList;
import java.util.List;

/** Cuts a window into batches of inputs of similar estimated length, so that each batch pads little. */
final class LengthBatcher {

    /**
     * With several workers, a window is cut into at least this many batches per worker. Sorted batches
     * differ in cost (the longest texts cost the most), so one batch each would leave the worker with the
     * short half idle; a few each lets the pool even out.
     */
    static final int SHARES_PER_WORKER = 4;

    /** Batches smaller than this are not worth their per-run overhead, unless a worker would get none. */
    static final int MIN_SHARE = 8;

    private LengthBatcher() {
    }

    static int batchSize(int n, int batchSize, int workers) {
        if (workers <= 1) {
            return batchSize;
        }
        int shares = ceilDiv(n, workers * SHARES_PER_WORKER);
        int floor = Math.min(MIN_SHARE, ceilDiv(n, workers));
        return Math.max(1, Math.min(batchSize, Math.max(shares, floor)));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * @param workers batches are made small enough that every one of this many workers gets one, so a short
     *     window does not leave workers idle
     */
    static <I> List<BatchEngine.Batch<I>> batches(List<I> window, long start, RunOptions<I> options, int workers) {
        int n = window.size();
        int size = batchSize(n, options.batchSize(), workers);
        int[] order = LengthOrder.ascending(n, i -> options.sizeHint().applyAsInt(window.get(i)));
        List<BatchEngine.Batch<I>> batches = new ArrayList<>((n + size - 1) / size);
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            List<I> items = new ArrayList<>(to - from);
            long[] indices = new long[to - from];
            for (int k = from; k < to; k++) {
                int position = order[k];
                items.add(window.get(position));
                indices[k - from] = start + position;
            }
            batches.add(new BatchEngine.Batch<>(items, indices));
        }
        return batches;
    }
}
