package dev.fastembed.engine;

import dev.fastembed.EmbeddingException;
import dev.fastembed.FastEmbedException;
import dev.fastembed.ModelLoadException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one batching pipeline every model kind runs through. It reads inputs in bounded windows, sorts each
 * window by estimated length so that a batch pads little, runs batches in the caller's thread or on N
 * worker threads (each with its own worker resource), and hands results back in input order.
 *
 * <p>Thread-safe: many callers may run at once. {@link #close()} waits for running batches, then releases
 * every worker; later calls throw {@link IllegalStateException}.
 */
public final class BatchEngine<W extends AutoCloseable> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEngine.class);
    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    /** Inputs per batch when only counting: tokenizing is cheap, so batches are large. */
    private static final int COUNT_BATCH = 1024;

    private final WorkerFactory<W> factory;
    private final Integer callerThreads;
    private final int workers;
    private final Integer workerThreads;
    private final String name;

    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final List<W> parallelWorkers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<W> threadWorker = new ThreadLocal<>();
    private final AtomicInteger workerIndices = new AtomicInteger();
    private volatile W callerWorker;
    private volatile ExecutorService executor;
    private volatile boolean closed;

    /**
     * @param name what the engine serves (a model id), for thread names and messages
     * @param factory creates workers
     * @param callerThreads intra-op threads of the shared in-caller worker, or null for the runtime's default
     * @param parallelism null: run in the caller; 0: one worker per core; N: N workers
     * @param threadsPerWorker intra-op threads of each parallel worker, or null for cores / workers
     */
    public BatchEngine(String name, WorkerFactory<W> factory, Integer callerThreads, Integer parallelism,
            Integer threadsPerWorker) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.callerThreads = callerThreads;
        int cores = Runtime.getRuntime().availableProcessors();
        checkParallelism(parallelism);
        this.workers = parallelism == null ? 0 : parallelism == 0 ? cores : parallelism;
        // Never oversubscribe: N workers share the cores unless the user said otherwise.
        this.workerThreads = threadsPerWorker != null ? threadsPerWorker : Math.max(1, cores / Math.max(1, workers));
    }

    /** The one check of a {@code parallelism} setting, for the builders and the engine alike. */
    public static void checkParallelism(Integer parallelism) {
        if (parallelism != null && parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be null (in the caller), 0 (one worker per core) "
                    + "or > 0, was " + parallelism);
        }
    }

    /** {@code read} of the in-caller worker when it exists, else {@code otherwise}; creates nothing. */
    public <T> T fromCallerWorker(java.util.function.Function<? super W, T> read, Supplier<T> otherwise) {
        W worker = callerWorker;
        return worker != null ? read.apply(worker) : otherwise.get();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether any worker (an ONNX session) has been created: false for a lazy model before its first use. */
    public boolean hasWorkers() {
        return callerWorker != null || !parallelWorkers.isEmpty();
    }

    /** Creates the in-caller worker now rather than on first use. */
    public void warmUp() {
        guarded(this::callerWorker);
    }

    /**
     * Runs work that uses this model's natives (a tokenizer) but no worker, under the lifecycle guard: it runs
     * to the end before {@link #close()} frees anything, or it throws the closed error and does not start.
     */
    public <T> T guarded(Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return work.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs every input and returns the outputs in input order. A single input, or fewer than a batch, runs in the
     * caller; more go to the parallel workers when there are any.
     */
    public <I, O> List<O> runAll(List<I> inputs, RunOptions<I> options, BatchFunction<I, O, W> function) {
        Objects.requireNonNull(inputs, () -> options.inputName() + " must not be null");
        return runAll(inputs, options, function, workers > 0 && inputs.size() >= Math.max(2, options.batchSize()));
    }

    /** Runs every input in the caller's worker (work that needs no model run, such as counting tokens). */
    public <I, O> List<O> runInCaller(List<I> inputs, RunOptions<I> options, BatchFunction<I, O, W> function) {
        Objects.requireNonNull(inputs, () -> options.inputName() + " must not be null");
        return runAll(inputs, options, function, false);
    }

    private <I, O> List<O> runAll(List<I> inputs, RunOptions<I> options, BatchFunction<I, O, W> function,
            boolean parallel) {
        ensureOpen();
        OrderedResults<I, O> results = new OrderedResults<>(inputs.iterator(), options, function, parallel);
        List<O> out = new ArrayList<>(inputs.size());
        while (results.hasNext()) {
            out.add(results.next());
        }
        return out;
    }

    /**
     * Sums a count over every input (fastembed's {@code token_count}), in batches of {@value #COUNT_BATCH}
     * sorted by {@code sizeHint}, through the same guard and null checks as inference.
     *
     * @param inputName what the caller calls its inputs, for messages ({@code texts})
     */
    public <I> int sum(List<I> inputs, ToIntFunction<I> sizeHint, String inputName, BatchCounts<I, W> counts) {
        RunOptions<I> options = new RunOptions<>(COUNT_BATCH, sizeHint, inputName);
        int total = 0;
        Objects.requireNonNull(inputs, () -> inputName + " must not be null");
        // in the caller: counting is tokenizing, and must not open worker sessions for it
        for (int count : runAll(inputs, options, (batch, worker) -> IntView.of(counts.apply(batch, worker)), false)) {
            total += count;
        }
        return total;
    }

    /** A read-only list over an int[], so that a batch's counts are not copied. */
    private static final class IntView extends AbstractList<Integer> {
        private final int[] values;

        private IntView(int[] values) {
            this.values = values;
        }

        static IntView of(int[] values) {
            return new IntView(values);
        }

        @Override
        public Integer get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    /**
     * Lazily runs a stream of inputs, in order. At most two windows of inputs and outputs are held at once,
     * whatever the stream's length. Closing the returned stream closes the source.
     */
    public <I, O> Stream<O> stream(Stream<I> inputs, RunOptions<I> options, BatchFunction<I, O, W> function) {
        Objects.requireNonNull(inputs, () -> options.inputName() + " must not be null");
        ensureOpen();
        OrderedResults<I, O> results = new OrderedResults<>(inputs.iterator(), options, function, workers > 0);
        Spliterator<O> spliterator = Spliterators.spliteratorUnknownSize(results,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(results::cancel).onClose(inputs::close);
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException(name + " is closed; build a new instance");
    }

    private W callerWorker() {
        W worker = callerWorker;
        if (worker == null) {
            synchronized (this) {
                ensureOpen();
                worker = callerWorker;
                if (worker == null) {
                    worker = create(-1, callerThreads);
                    callerWorker = worker;
                }
            }
        }
        return worker;
    }

    private W parallelWorker() {
        W worker = threadWorker.get();
        if (worker == null) {
            worker = create(workerIndices.getAndIncrement(), workerThreads);
            threadWorker.set(worker);
            parallelWorkers.add(worker);
        }
        return worker;
    }

    private W create(int index, Integer threads) {
        try {
            return factory.create(index, threads);
        } catch (FastEmbedException | IllegalStateException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new FastEmbedException("Could not start a worker for " + name + ": " + e.getMessage(), e);
        }
    }

    private synchronized ExecutorService executor() {
        ensureOpen();
        if (executor == null) {
            int pool = POOL_IDS.incrementAndGet();
            AtomicInteger threadIds = new AtomicInteger();
            ThreadFactory threads = runnable -> {
                Thread thread = new Thread(runnable, "fastembed-" + pool + "-worker-" + threadIds.incrementAndGet());
                thread.setDaemon(true); // never keeps a JVM alive
                return thread;
            };
            executor = Executors.newFixedThreadPool(workers, threads);
        }
        return executor;
    }

    /** Runs one batch under the read lock, so that close() never frees a session in use. */
    <I, O> List<O> runBatch(Batch<I> batch, BatchFunction<I, O, W> function, boolean parallel) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            // A worker that cannot start (a corrupt model, a missing provider) fails as itself, not as a batch.
            W worker = parallel ? parallelWorker() : callerWorker();
            List<O> out;
            try {
                out = function.apply(batch.items(), worker);
            } catch (IllegalStateException e) {
                throw closed ? e : failure(batch, e);
            } catch (ModelLoadException e) {
                throw e; // a shared resource that could not load on first use (lazyLoad) fails as itself
            } catch (Exception e) {
                throw failure(batch, e);
            }
            if (out.size() != batch.items().size()) {
                throw new IllegalStateException("a batch of " + batch.items().size() + " gave " + out.size()
                        + " outputs");
            }
            return out;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private EmbeddingException failure(Batch<?> batch, Exception cause) {
        long first = batch.firstIndex();
        String message = "Inference failed for the batch holding input " + first
                + (batch.items().size() > 1 ? " and " + (batch.items().size() - 1) + " more" : "")
                + " of " + name + ": " + cause.getMessage();
        return new EmbeddingException(first, message, cause);
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        // Queued batches still run, each failing at once with the closed error: every caller's future
        // completes. (shutdownNow() would drop them unrun, and their callers would wait forever.)
        ExecutorService pool;
        synchronized (this) { // executor() creates the pool under this monitor after checking closed
            pool = executor;
        }
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    for (Runnable queued : pool.shutdownNow()) {
                        if (queued instanceof Future<?> future) {
                            future.cancel(false);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(callerWorker);
        parallelWorkers.forEach(BatchEngine::closeQuietly);
        parallelWorkers.clear();
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", resource, e.toString());
        }
    }

    /** A batch's inputs and their positions in the caller's input. */
    record Batch<I>(List<I> items, long[] indices) {
        long firstIndex() {
            long first = Long.MAX_VALUE;
            for (long index : indices) {
                first = Math.min(first, index);
            }
            return first;
        }
    }

    /** Reads windows, runs their batches, and yields outputs in input order. */
    private final class OrderedResults<I, O> implements Iterator<O> {

        private final Iterator<I> source;
        private final RunOptions<I> options;
        private final BatchFunction<I, O, W> function;
        private final boolean parallel;
        private final int windowSize;
        private final ArrayDeque<Window<I, O>> pending = new ArrayDeque<>();
        private long nextIndex;
        private Object[] current = new Object[0];
        private int position;

        OrderedResults(Iterator<I> source, RunOptions<I> options, BatchFunction<I, O, W> function, boolean parallel) {
            this.source = source;
            this.options = options;
            this.function = function;
            this.parallel = parallel;
            // Enough batches per window to keep every worker busy, few enough to bound memory.
            this.windowSize = options.batchSize() * Math.max(8, 4 * workers);
        }

        @Override
        public boolean hasNext() {
            while (position >= current.length) {
                fill();
                Window<I, O> window = pending.poll();
                if (window == null) {
                    return false;
                }
                if (parallel) {
                    fill(); // the next window's batches queue behind this one's, so workers never idle
                }
                current = window.await(batch -> runBatch(batch, function, false), BatchEngine.this::closedError);
                position = 0;
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public O next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            O out = (O) current[position];
            current[position++] = null;
            return out;
        }

        /** Reads one window ahead at most: memory holds the window being consumed plus one. */
        private void fill() {
            while (pending.isEmpty() && source.hasNext()) {
                pending.add(readWindow());
            }
        }

        private Window<I, O> readWindow() {
            List<I> items = new ArrayList<>(Math.min(windowSize, 1024));
            long start = nextIndex;
            while (items.size() < windowSize && source.hasNext()) {
                I item = source.next();
                if (item == null) {
                    throw new IllegalArgumentException(options.inputName() + "[" + nextIndex + "] is null; "
                            + "pass an empty string to embed nothing, or filter nulls out first");
                }
                items.add(item);
                nextIndex++;
            }
            Window<I, O> window = new Window<>(start, items.size());
            List<Batch<I>> batches = LengthBatcher.batches(items, start, options, parallel ? workers : 1);
            if (parallel) {
                // Longest first: the costly batches start at once and the cheap ones fill in behind them, so
                // no worker is left alone with the longest batch at the end of the input.
                for (int b = batches.size() - 1; b >= 0; b--) {
                    Batch<I> batch = batches.get(b);
                    Future<List<O>> future;
                    try {
                        future = executor().submit(() -> runBatch(batch, function, true));
                    } catch (RejectedExecutionException e) {
                        window.cancel(); // close() shut the pool between our check and this submission
                        throw closedError();
                    }
                    window.add(batch, future);
                }
            } else {
                for (Batch<I> batch : batches) {
                    window.add(batch, null);
                }
            }
            return window;
        }

        void cancel() {
            for (Window<I, O> window : pending) {
                window.cancel();
            }
            pending.clear();
        }
    }
}
