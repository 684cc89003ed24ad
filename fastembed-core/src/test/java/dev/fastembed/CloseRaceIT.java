package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code close()} racing eight callers, on every facade, in the caller's thread and with {@code parallelism(2)}:
 * each call returns all its outputs or throws {@link IllegalStateException} naming the model, within bounded
 * time; nothing hangs, nothing crashes the JVM (a session or tokenizer freed under a running batch would), and
 * after close every method throws that same exception.
 */
class CloseRaceIT {

    static final int CALLERS = 8;
    /** Every caller must be answered this long after close() returns. */
    static final long ANSWER_SECONDS = 20;

    @TempDir
    static Path dir;
    static Path colbert;
    static Path splade;
    static Path bm42;
    static Path clip;
    static Path colpali;
    static Path crossEncoder;
    static Path photo;

    @BeforeAll
    static void models() throws Exception {
        Path tokenizer = TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", dir.resolve("tokenizer.json"));
        colbert = folder("colbert", "tiny-colbert", "model.onnx", tokenizer);
        splade = folder("splade", "tiny-splade", "model.onnx", tokenizer);
        bm42 = folder("bm42", "tiny-bm42", "model.onnx", tokenizer);
        Files.writeString(bm42.resolve("stopwords.txt"), SparseTextEmbeddingIT.BM42_STOPWORDS);
        clip = folder("clip", "tiny-clip-vision", "model.onnx", null);
        Files.writeString(clip.resolve("preprocessor_config.json"), ImageEmbeddingIT.CLIP_CONFIG);
        colpali = folder("colpali", "tiny-colpali", "model.onnx", tokenizer);
        Files.write(colpali.resolve("model.onnx_data"), new byte[0]);
        Files.writeString(colpali.resolve("preprocessor_config.json"), MultimodalIT.CONFIG);
        crossEncoder = folder("cross-encoder", "tiny-cross-encoder", "onnx/model.onnx", tokenizer);
        photo = TestSupport.copyResource("images/chelsea.png", dir.resolve("chelsea.png"));
    }

    private static Path folder(String name, String graph, String file, Path tokenizer) throws Exception {
        Path folder = dir.resolve(name);
        TestSupport.copyResource("tiny-models/" + graph + ".onnx", folder.resolve(file));
        if (tokenizer != null) {
            Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        }
        return folder;
    }

    /**
     * A facade under test: how to build it, and the calls the racing threads make (each on a large input, so
     * that close() lands while batches run and while more wait in the queue).
     */
    record Subject<F extends AutoCloseable>(String name, String modelId, Function<Integer, F> build,
            List<Consumer<F>> calls) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> texts(int n) {
        List<String> texts = new ArrayList<>(n);
        List<String> shortTexts = TestSupport.shortTexts();
        for (int i = 0; i < n; i++) {
            texts.add(shortTexts.get(i % shortTexts.size()));
        }
        return texts;
    }

    static Stream<Arguments> subjects() {
        List<String> texts = texts(600);
        List<Subject<?>> subjects = List.of(
                new Subject<TextEmbedding>("TextEmbedding", TextEmbedding.DEFAULT_MODEL,
                        p -> TextEmbedding.builder().offline(true).parallelism(p).batchSize(32).build(),
                        List.of(m -> check(m.embed(texts), texts.size()),
                                m -> assertThat(m.tokenCount(texts)).isPositive(),
                                m -> check(m.embed(texts.stream()).toList(), texts.size()))),
                new Subject<SparseTextEmbedding>("SparseTextEmbedding SPLADE", "prithivida/Splade_PP_en_v1",
                        p -> SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1").modelPath(splade)
                                .parallelism(p).batchSize(32).build(),
                        List.of(m -> check(m.embed(texts), texts.size()),
                                m -> assertThat(m.tokenCount(texts)).isPositive())),
                new Subject<SparseTextEmbedding>("SparseTextEmbedding BM42", "Qdrant/bm42-all-minilm-l6-v2-attentions",
                        p -> SparseTextEmbedding.builder().model("Qdrant/bm42-all-minilm-l6-v2-attentions")
                                .modelPath(bm42).parallelism(p).batchSize(32).build(),
                        List.of(m -> check(m.embed(texts), texts.size()),
                                m -> check(m.queryEmbed(texts), texts.size()))),
                new Subject<LateInteractionTextEmbedding>("LateInteractionTextEmbedding", "colbert-ir/colbertv2.0",
                        p -> LateInteractionTextEmbedding.builder().model("colbert-ir/colbertv2.0").modelPath(colbert)
                                .parallelism(p).batchSize(32).build(),
                        List.of(m -> check(m.embed(texts), texts.size()),
                                m -> check(m.queryEmbed(texts), texts.size()),
                                m -> assertThat(m.tokenCount(texts, true, true)).isPositive())),
                new Subject<ImageEmbedding>("ImageEmbedding", "Qdrant/clip-ViT-B-32-vision",
                        p -> ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clip)
                                .parallelism(p).batchSize(8).build(),
                        List.of(m -> check(m.embed(Collections.nCopies(200, photo)), 200))),
                new Subject<LateInteractionMultimodalEmbedding>("LateInteractionMultimodalEmbedding",
                        MultimodalIT.ID,
                        p -> LateInteractionMultimodalEmbedding.builder().model(MultimodalIT.ID)
                                .modelPath(colpali).parallelism(p).imageBatchSize(2).build(),
                        List.of(m -> check(m.embedText(texts), texts.size()),
                                m -> check(m.embedImage(Collections.nCopies(40, photo)), 40),
                                m -> assertThat(m.tokenCount(texts, true)).isPositive())),
                new Subject<TextCrossEncoder>("TextCrossEncoder", "Xenova/ms-marco-MiniLM-L-6-v2",
                        p -> TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2").modelPath(crossEncoder)
                                .parallelism(p).batchSize(32).build(),
                        List.of(m -> check(m.rerank("a question", texts), texts.size()),
                                m -> assertThat(m.tokenCount(texts.stream().map(t -> new TextPair("q", t)).toList()))
                                        .isPositive())));
        List<Arguments> cases = new ArrayList<>();
        for (Subject<?> subject : subjects) {
            cases.add(Arguments.of(subject, null));
            cases.add(Arguments.of(subject, 2));
        }
        return cases.stream();
    }

    private static void check(List<?> outputs, int expected) {
        assertThat(outputs).hasSize(expected).doesNotContainNull();
    }

    @ParameterizedTest(name = "{0}, parallelism {1}")
    @MethodSource("subjects")
    <F extends AutoCloseable> void close_racing_callers_answers_each_with_its_outputs_or_the_closed_error(
            Subject<F> subject, Integer parallelism) throws Exception {
        F model = subject.build().apply(parallelism);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS, daemon());
        List<Future<Throwable>> outcomes = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            Consumer<F> call = subject.calls().get(c % subject.calls().size());
            outcomes.add(callers.submit(() -> {
                try {
                    call.accept(model);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            }));
        }
        Thread.sleep(150 + new Random().nextInt(250));
        model.close();
        model.close(); // idempotent

        int completed = 0;
        for (Future<Throwable> outcome : outcomes) {
            Throwable thrown;
            try {
                thrown = outcome.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(subject + ": a caller was still waiting " + ANSWER_SECONDS
                        + " s after close()");
            }
            if (thrown == null) {
                completed++;
            } else {
                assertThat(thrown).as(subject + ": what a caller racing close() got")
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(subject.modelId()).hasMessageContaining("closed");
            }
        }
        callers.shutdownNow();
        // Every caller came back; afterwards every call is refused the same way.
        for (Consumer<F> call : subject.calls()) {
            assertThatThrownBy(() -> call.accept(model)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(subject.modelId()).hasMessageContaining("closed");
        }
        System.out.printf("%s, parallelism %s: %d of %d callers completed before close%n", subject, parallelism,
                completed, CALLERS);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "close-race-caller");
            thread.setDaemon(true);
            return thread;
        };
    }
}
