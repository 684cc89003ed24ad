package dev.fastembed.engine;

import java.util.ArrayList;
import java.util.List;

/** Cuts a window into batches of inputs of similar estimated length, so that each batch pads little. */
final class LengthBatcher {

    private LengthBatcher() {
    }

    /**
     * @param workers batches are made small enough that every one of this many workers gets one, so a short
     *     window does not leave workers idle
     */
    static <I> List<BatchEngine.Batch<I>> batches(List<I> window, long start, RunOptions<I> options, int workers) {
        int n = window.size();
        int size = Math.max(1, Math.min(options.batchSize(), (n + workers - 1) / Math.max(1, workers)));
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
