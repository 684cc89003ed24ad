package dev.fastembed.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fastembed.EmbeddingException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The engine on its own, with a trivial worker: ordering, laziness, errors, lifecycle. */
class BatchEngineTest {

    /** A worker that remembers whether it was closed. */
    static final class Worker implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();
        final Integer threads;

        Worker(Integer threads) {
            this.threads = threads;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private final List<Worker> created = new ArrayList<>();

    private BatchEngine<Worker> engine(Integer parallelism) {
        return new BatchEngine<>("test-model", (index, threads) -> {
            Worker worker = new Worker(threads);
            synchronized (created) {
                created.add(worker);
            }
            return worker;
        }, null, parallelism, null);
    }

    private static RunOptions<String> options(int batchSize) {
        return new RunOptions<>(batchSize, String::length, "texts");
    }

    private static final BatchFunction<String, String, Worker> UPPER =
            (batch, worker) -> batch.stream().map(String::toUpperCase).toList();

    private static List<String> randomTexts(int n) {
        Random random = new Random(42);
        return IntStream.range(0, n).mapToObj(i -> i + ":" + "x".repeat(random.nextInt(200)))
                .collect(Collectors.toList());
    }

    @Test
    void restores_input_order_after_sorting_by_length_in_the_caller_and_on_workers() {
        List<String> texts = randomTexts(5000);
        List<String> expected = texts.stream().map(String::toUpperCase).toList();
        for (Integer parallelism : new Integer[] {null, 1, 3}) {
            try (BatchEngine<Worker> engine = engine(parallelism)) {
                assertThat(engine.runAll(texts, options(7), UPPER)).isEqualTo(expected);
            }
        }
    }

    @Test
    void batches_group_texts_of_similar_length() {
        List<String> texts = randomTexts(512);
        List<Integer> spreads = new ArrayList<>();
        try (BatchEngine<Worker> engine = engine(null)) {
            engine.runAll(texts, options(32), (batch, worker) -> {
                int min = batch.stream().mapToInt(String::length).min().orElse(0);
                int max = batch.stream().mapToInt(String::length).max().orElse(0);
                spreads.add(max - min);
                return batch;
            });
        }
        assertThat(spreads).hasSize(16).allSatisfy(spread -> assertThat(spread).isLessThan(40));
    }

    @Test
    void small_inputs_run_in_the_caller_and_large_ones_on_at_most_n_workers() {
        try (BatchEngine<Worker> engine = engine(2)) {
            String caller = Thread.currentThread().getName();
            List<String> threads = engine.runAll(List.of("a", "b"), options(4),
                    (batch, worker) -> batch.stream().map(t -> Thread.currentThread().getName()).toList());
            assertThat(threads).containsOnly(caller);
            List<String> workerThreads = engine.runAll(randomTexts(400), options(4),
                    (batch, worker) -> batch.stream().map(t -> Thread.currentThread().getName()).toList());
            assertThat(workerThreads).allMatch(name -> name.startsWith("fastembed-"));
            assertThat(workerThreads.stream().distinct().count()).isLessThanOrEqualTo(2);
        }
        assertThat(created).hasSizeLessThanOrEqualTo(3); // one in-caller worker plus two parallel ones
    }

    @Test
    void a_window_smaller_than_a_batch_per_worker_is_cut_into_several_batches_per_worker() {
        try (BatchEngine<Worker> engine = engine(2)) {
            List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.runAll(randomTexts(300), options(256), (batch, worker) -> {
                sizes.add(batch.size());
                return batch;
            });
            // 2 workers x 4 shares: sorted batches differ in cost, so several each let the pool even out
            assertThat(sizes).hasSize(8).allMatch(size -> size <= 38);
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        }
    }

    @Test
    void workers_take_a_window_longest_batches_first_so_none_is_left_alone_with_the_costliest_at_the_end() {
        List<Integer> longest = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BatchEngine<Worker> engine = engine(1)) { // one worker runs batches in the order they were queued
            engine.runAll(randomTexts(400), options(50), (batch, worker) -> {
                longest.add(batch.stream().mapToInt(String::length).max().orElse(0));
                return batch;
            });
        }
        assertThat(longest).hasSize(8).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(longest.get(0)).isGreaterThan(longest.get(7) + 100);
    }

    @Test
    void parallel_batches_are_not_cut_below_eight_inputs_unless_a_worker_would_get_none() {
        assertThat(LengthBatcher.batchSize(300, 256, 2)).isEqualTo(38);
        assertThat(LengthBatcher.batchSize(20, 256, 2)).isEqualTo(8);
        assertThat(LengthBatcher.batchSize(4, 4, 2)).isEqualTo(2);
        assertThat(LengthBatcher.batchSize(100_000, 256, 2)).isEqualTo(256);
        assertThat(LengthBatcher.batchSize(300, 256, 1)).isEqualTo(256);
    }

    @Test
    void parallel_workers_share_the_cores_instead_of_oversubscribing() {
        int cores = Runtime.getRuntime().availableProcessors();
        try (BatchEngine<Worker> engine = engine(2)) {
            engine.runAll(randomTexts(100), options(4), UPPER);
        }
        assertThat(created).filteredOn(w -> w.threads != null)
                .allSatisfy(w -> assertThat(w.threads).isEqualTo(Math.max(1, cores / 2)));
    }

    @Test
    void a_failing_batch_surfaces_with_the_index_of_its_first_input_and_nothing_hangs() {
        List<String> texts = randomTexts(1000);
        texts.set(537, "boom");
        for (Integer parallelism : new Integer[] {null, 3}) {
            try (BatchEngine<Worker> engine = engine(parallelism)) {
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    assertThatThrownBy(() -> engine.runAll(texts, options(10), (batch, worker) -> {
                        if (batch.contains("boom")) {
                            throw new IllegalArgumentException("cannot embed boom");
                        }
                        return batch;
                    })).isInstanceOf(EmbeddingException.class)
                            .hasMessageContaining("cannot embed boom")
                            .hasMessageContaining("test-model")
                            .satisfies(e -> assertThat(((EmbeddingException) e).inputIndex()).isLessThanOrEqualTo(537));
                });
            }
        }
    }

    @Test
    void a_stream_reads_its_source_only_as_far_as_two_windows_ahead() {
        AtomicLong pulled = new AtomicLong();
        Iterator<String> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                return "text " + pulled.incrementAndGet();
            }
        };
        Stream<String> source = StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(endless, java.util.Spliterator.ORDERED), false);
        for (Integer parallelism : new Integer[] {null, 2}) {
            pulled.set(0);
            try (BatchEngine<Worker> engine = engine(parallelism);
                    Stream<String> results = engine.stream(source, options(16), UPPER)) {
                List<String> first = results.limit(1000).toList();
                assertThat(first.get(999)).isEqualTo("TEXT 1000");
                int window = 16 * Math.max(8, 4 * (parallelism == null ? 0 : parallelism));
                assertThat(pulled.get()).isLessThanOrEqualTo(1000 + 2L * window);
            }
            source = StreamSupport.stream(
                    java.util.Spliterators.spliteratorUnknownSize(endless, java.util.Spliterator.ORDERED), false);
        }
    }

    @Test
    void a_million_texts_stream_through_in_order() {
        try (BatchEngine<Worker> engine = engine(2)) {
            AtomicLong expected = new AtomicLong();
            Stream<String> source = IntStream.range(0, 1_000_000).mapToObj(Integer::toString);
            try (Stream<String> results = engine.stream(source, options(256), UPPER)) {
                results.forEach(r -> assertThat(r).isEqualTo(Long.toString(expected.getAndIncrement())));
            }
            assertThat(expected.get()).isEqualTo(1_000_000);
        }
    }

    @Test
    void closing_the_result_stream_closes_the_source() {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        try (BatchEngine<Worker> engine = engine(null)) {
            Stream<String> source = Stream.of("a", "b").onClose(() -> sourceClosed.set(true));
            engine.stream(source, options(4), UPPER).close();
        }
        assertThat(sourceClosed).isTrue();
    }

    @Test
    void close_waits_for_running_batches_then_frees_every_worker_and_refuses_new_work() throws Exception {
        BatchEngine<Worker> engine = engine(2);
        CountDownLatch running = new CountDownLatch(2); // both workers' batches have started
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Thread caller = new Thread(() -> {
            try {
                engine.runAll(List.of("a", "b", "c", "d"), options(4), (batch, worker) -> {
                    running.countDown();
                    release.await();
                    assertThat(worker.closed).isFalse();
                    finished.incrementAndGet();
                    return batch;
                });
            } catch (RuntimeException ignored) {
                // the test asserts on finished
            }
        });
        caller.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(engine::close);
        closer.start();
        Thread.sleep(200);
        assertThat(closer.isAlive()).as("close waits for the running batch").isTrue();
        release.countDown();
        closer.join(10_000);
        caller.join(10_000);
        assertThat(finished).as("both workers' batches (2 texts each) ran to the end").hasValue(2);
        assertThat(created).isNotEmpty().allSatisfy(w -> assertThat(w.closed).isTrue());
        assertThatThrownBy(() -> engine.runAll(List.of("x"), options(4), UPPER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void rejects_a_null_element_with_its_index_and_a_batch_size_below_one() {
        try (BatchEngine<Worker> engine = engine(null)) {
            List<String> texts = new ArrayList<>(List.of("a", "b"));
            texts.add(null);
            assertThatThrownBy(() -> engine.runAll(texts, options(4), UPPER))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[2] is null");
        }
        assertThatThrownBy(() -> options(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
    }
}
