package dev.fastembed.engine;

import dev.fastembed.FastEmbedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/** One window of consecutive inputs: its batches, their pending results, and the outputs in input order. */
final class Window<I, O> {

    private final long start;
    private final Object[] outputs;
    private final List<BatchEngine.Batch<I>> batches = new ArrayList<>();
    private final List<Future<List<O>>> futures = new ArrayList<>();

    Window(long start, int size) {
        this.start = start;
        this.outputs = new Object[size];
    }

    /** @param future the batch's result when it runs on a worker, or null to run it in the caller */
    void add(BatchEngine.Batch<I> batch, Future<List<O>> future) {
        batches.add(batch);
        futures.add(future);
    }

    /**
     * Waits for every batch (running caller batches with {@code inCaller}) and returns outputs in input order.
     *
     * @param cancelled the exception for a batch that was cancelled (its engine closed before it ran)
     * @throws FastEmbedException when the calling thread is interrupted while it waits (its flag is kept)
     */
    Object[] await(Function<BatchEngine.Batch<I>, List<O>> inCaller, Supplier<RuntimeException> cancelled) {
        try {
            for (int b = 0; b < batches.size(); b++) {
                BatchEngine.Batch<I> batch = batches.get(b);
                Future<List<O>> future = futures.get(b);
                List<O> out = future == null ? inCaller.apply(batch) : join(future, cancelled);
                long[] indices = batch.indices();
                for (int i = 0; i < indices.length; i++) {
                    outputs[(int) (indices[i] - start)] = out.get(i);
                }
            }
            return outputs;
        } catch (RuntimeException | Error e) {
            cancel();
            throw e;
        }
    }

    private static <O> List<O> join(Future<List<O>> future, Supplier<RuntimeException> cancelled) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FastEmbedException("Interrupted while waiting for a batch; the rest of this call is "
                    + "cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (CancellationException e) {
            throw cancelled.get();
        }
    }

    void cancel() {
        for (Future<List<O>> future : futures) {
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
