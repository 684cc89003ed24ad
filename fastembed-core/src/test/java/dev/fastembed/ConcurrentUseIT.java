package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Sixteen threads share one instance of every facade, each running calls of mixed sizes (1 to 70 inputs, so
 * some run in the caller and some spread over batches and workers) in its own random order. Every answer must be
 * exactly the answer the same call got alone on that instance: no result lost, mixed up or changed. fp32
 * generated graphs, so "exactly" is bit for bit; in the caller and with two parallel workers.
 */
class ConcurrentUseIT {

    static final int THREADS = 16;
    static final int CALLS = 10;
    static final String DENSE = "test/concurrent-tiny-encoder";

    static Path encoder;
    static List<String> texts;
    static List<Path> images;

    @BeforeAll
    static void models() throws Exception {
        CloseRaceIT.dir = Files.createTempDirectory("concurrent");
        CloseRaceIT.models();
        encoder = CloseRaceIT.dir.resolve("encoder");
        TestSupport.copyResource("tiny-models/tiny-encoder.onnx", encoder.resolve("model.onnx"));
        Files.copy(CloseRaceIT.dir.resolve("tokenizer.json"), encoder.resolve("tokenizer.json"));
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(DENSE))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(DENSE).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).source(ModelSource.huggingFace("none/none"))
                    .build());
        }
        texts = new ArrayList<>(TestSupport.shortTexts());
        texts.addAll(TestSupport.passages().subList(0, 40));
        images = new ArrayList<>();
        for (String name : List.of("chelsea.png", "coffee-crop.jpg", "chelsea-grey.png", "small.webp")) {
            images.add(TestSupport.copyResource("images/" + name, CloseRaceIT.dir.resolve("images").resolve(name)));
        }
    }

    /** A facade, and one call on a list of inputs drawn from a seeded Random. */
    record Subject<F extends AutoCloseable>(String name, Function<Integer, F> build,
            BiFunction<F, Random, Object> call) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> someTexts(Random random) {
        List<String> some = new ArrayList<>();
        for (int i = 1 + random.nextInt(random.nextBoolean() ? 4 : 70); i > 0; i--) {
            some.add(texts.get(random.nextInt(texts.size())));
        }
        return some;
    }

    static List<Path> someImages(Random random, int most) {
        List<Path> some = new ArrayList<>();
        for (int i = 1 + random.nextInt(most); i > 0; i--) {
            some.add(images.get(random.nextInt(images.size())));
        }
        return some;
    }

    static Stream<Arguments> subjects() {
        List<Subject<?>> subjects = List.of(
                new Subject<TextEmbedding>("TextEmbedding",
                        p -> TextEmbedding.builder().model(DENSE).modelPath(encoder).parallelism(p).batchSize(16)
                                .build(),
                        (m, r) -> r.nextBoolean() ? m.embed(someTexts(r)) : m.embed(someTexts(r).stream()).toList()),
                new Subject<SparseTextEmbedding>("SparseTextEmbedding SPLADE",
                        p -> SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                                .modelPath(CloseRaceIT.splade).parallelism(p).batchSize(16).build(),
                        (m, r) -> m.embed(someTexts(r))),
                new Subject<SparseTextEmbedding>("SparseTextEmbedding BM42",
                        p -> SparseTextEmbedding.builder().model("Qdrant/bm42-all-minilm-l6-v2-attentions")
                                .modelPath(CloseRaceIT.bm42).parallelism(p).batchSize(16).build(),
                        (m, r) -> r.nextBoolean() ? m.embed(someTexts(r)) : m.queryEmbed(someTexts(r))),
                new Subject<LateInteractionTextEmbedding>("LateInteractionTextEmbedding",
                        p -> LateInteractionTextEmbedding.builder().model("colbert-ir/colbertv2.0")
                                .modelPath(CloseRaceIT.colbert).parallelism(p).batchSize(16).build(),
                        (m, r) -> r.nextBoolean() ? m.embed(someTexts(r)) : m.queryEmbed(someTexts(r))),
                new Subject<ImageEmbedding>("ImageEmbedding",
                        p -> ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(CloseRaceIT.clip)
                                .parallelism(p).batchSize(4).build(),
                        (m, r) -> m.embed(someImages(r, 12))),
                new Subject<LateInteractionMultimodalEmbedding>("LateInteractionMultimodalEmbedding",
                        p -> LateInteractionMultimodalEmbedding.builder().model(MultimodalIT.ID)
                                .modelPath(CloseRaceIT.colpali).parallelism(p).imageBatchSize(2).build(),
                        (m, r) -> r.nextInt(4) == 0 ? m.embedImage(someImages(r, 3)) : m.embedText(someTexts(r))),
                new Subject<TextCrossEncoder>("TextCrossEncoder",
                        p -> TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                                .modelPath(CloseRaceIT.crossEncoder).parallelism(p).batchSize(16).build(),
                        (m, r) -> m.rerank(texts.get(r.nextInt(texts.size())), someTexts(r))));
        List<Arguments> cases = new ArrayList<>();
        for (Subject<?> subject : subjects) {
            cases.add(Arguments.of(subject, null));
            cases.add(Arguments.of(subject, 2));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, parallelism {1}")
    @MethodSource("subjects")
    <F extends AutoCloseable> void sixteen_threads_get_exactly_what_each_call_gets_alone(Subject<F> subject,
            Integer parallelism) throws Exception {
        try (F model = subject.build().apply(parallelism)) {
            // The same seed draws the same inputs: call i alone first, then by 16 threads at once.
            List<String> alone = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                alone.add(canonical(subject.call().apply(model, new Random(i))));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(1000 + t));
                    threads.add(pool.submit(() -> {
                        for (int i : order) {
                            assertThat(canonical(subject.call().apply(model, new Random(i))))
                                    .as("%s, call %d under %d threads", subject, i, THREADS).isEqualTo(alone.get(i));
                        }
                        return null;
                    }));
                }
                for (Future<?> thread : threads) {
                    thread.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** A result as text that is equal only for bit-identical outputs in the same order (Float.toString round-trips). */
    static String canonical(Object result) {
        if (result instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[").append(list.size()).append(':');
            for (Object element : list) {
                out.append(canonical(element)).append(';');
            }
            return out.append(']').toString();
        }
        if (result instanceof float[] vector) {
            return Arrays.toString(vector);
        }
        if (result instanceof SparseEmbedding sparse) {
            return Arrays.toString(sparse.indices()) + "=" + Arrays.toString(sparse.values());
        }
        if (result instanceof MultiVectorEmbedding matrix) {
            return matrix.rows() + "x" + Arrays.toString(matrix.values());
        }
        return String.valueOf(result);
    }
}
