package dev.fastembed.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

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

    /** Waits for every batch (running caller batches with {@code inCaller}) and returns outputs in input order. */
    Object[] await(Function<BatchEngine.Batch<I>, List<O>> inCaller) {
        try {
            for (int b = 0; b < batches.size(); b++) {
                BatchEngine.Batch<I> batch = batches.get(b);
                Future<List<O>> future = futures.get(b);
                List<O> out = future == null ? inCaller.apply(batch) : join(future);
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

    private static <O> List<O> join(Future<List<O>> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true; // finish the wait: the batch ends on its own, and order must hold
                }
            }
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
            throw new IllegalStateException("the batch was cancelled because its model was closed", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
