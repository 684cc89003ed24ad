package dev.fastembed.engine;

import java.util.List;

/** A per-input count (tokens) for one batch, on the worker's resources: one entry per input, in order. */
@FunctionalInterface
public interface BatchCounts<I, W> {

    int[] apply(List<I> batch, W worker) throws Exception;
}
