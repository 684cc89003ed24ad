package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastembed.hub.DownloadListener;
import dev.fastembed.hub.HuggingFaceHub;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The seven builders (fastembed's six and BGE-M3) share their options: the same names, the same parameter types, each returning the concrete
 * builder, and the same validation with the same messages, checked before any file is resolved or anything
 * native loads (the model folder here does not exist: a bad option must be what fails).
 */
class FacadeBuildersTest {

    @TempDir
    static Path dir;

    /** A builder of each facade, set to a model of its kind. */
    record Facade(String name, Supplier<FacadeBuilder<?>> builder) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Facade> facades() {
        return Stream.of(
                new Facade("TextEmbedding", TextEmbedding::builder),
                new Facade("SparseTextEmbedding", () -> SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")),
                new Facade("LateInteractionTextEmbedding",
                        () -> LateInteractionTextEmbedding.builder().model("colbert-ir/colbertv2.0")),
                new Facade("ImageEmbedding", () -> ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision")),
                new Facade("LateInteractionMultimodalEmbedding",
                        () -> LateInteractionMultimodalEmbedding.builder().model("Qdrant/colpali-v1.3-fp16")),
                new Facade("TextCrossEncoder", () -> TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")),
                new Facade("BgeM3Embedding", BgeM3Embedding::builder));
    }

    /** The shared options and their parameter types (fastembed's names, Java-cased). */
    static final Map<String, Class<?>> SHARED = Map.ofEntries(
            Map.entry("model", String.class), Map.entry("modelPath", Path.class), Map.entry("cacheDir", Path.class),
            Map.entry("offline", boolean.class), Map.entry("hub", HuggingFaceHub.class),
            Map.entry("revision", String.class), Map.entry("downloadListener", DownloadListener.class),
            Map.entry("device", Device.class), Map.entry("deviceIds", List.class), Map.entry("threads", Integer.class),
            Map.entry("batchSize", int.class), Map.entry("maxBatchTokens", int.class),
            Map.entry("parallelism", Integer.class), Map.entry("lazyLoad", boolean.class),
            Map.entry("cpuMemArena", boolean.class));

    @ParameterizedTest(name = "{0}")
    @MethodSource("facades")
    void every_builder_has_the_shared_options_with_the_same_types_returning_itself(Facade facade) throws Exception {
        Class<?> builder = facade.builder().get().getClass();
        for (Map.Entry<String, Class<?>> option : SHARED.entrySet()) {
            Method setter = builder.getMethod(option.getKey(), option.getValue());
            assertThat(returnType(builder, setter)).as(facade + "." + option.getKey()).isEqualTo(builder);
        }
        assertThat(builder.getMethod("build").getReturnType().getSimpleName()).isEqualTo(facade.name());
    }

    /** Per facade: its entry points, each with a list, a single-input and a lazy-stream overload. */
    static Stream<Object[]> entryPoints() {
        return Stream.of(
                new Object[] {TextEmbedding.class, "embed", String.class},
                new Object[] {SparseTextEmbedding.class, "embed", String.class},
                new Object[] {LateInteractionTextEmbedding.class, "embed", String.class},
                new Object[] {ImageEmbedding.class, "embed", Path.class},
                new Object[] {LateInteractionMultimodalEmbedding.class, "embedText", String.class},
                new Object[] {LateInteractionMultimodalEmbedding.class, "embedImage", Path.class},
                new Object[] {TextCrossEncoder.class, "rerankPairs", TextPair.class},
                new Object[] {BgeM3Embedding.class, "embed", String.class});
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("entryPoints")
    void every_entry_point_takes_a_list_a_single_input_and_a_lazy_stream(Class<?> facade, String name,
            Class<?> single) throws Exception {
        assertThat(facade.getMethod(name, List.class).getReturnType()).isEqualTo(List.class);
        assertThat(facade.getMethod(name, Stream.class).getReturnType()).isEqualTo(Stream.class);
        if (facade == TextCrossEncoder.class) {
            assertThat(facade.getMethod("rerank", String.class, String.class).getReturnType()).isEqualTo(double.class);
        } else {
            assertThat(facade.getMethod(name, single).getReturnType()).isNotEqualTo(List.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("facades")
    void every_facade_describes_itself_and_counts_tokens(Facade facade) throws Exception {
        Class<?> type = facade.builder().get().getClass().getMethod("build").getReturnType();
        assertThat(type.getMethod("description").getReturnType().getPackageName()).isEqualTo("dev.fastembed.model");
        assertThat(type.getMethod("modelSource").getReturnType()).isEqualTo(String.class);
        assertThat(type.getMethod("device").getReturnType()).isEqualTo(Device.class);
        assertThat(type.getMethod("runSettings").getReturnType()).isEqualTo(RunSettings.class);
        assertThat(type.getMethod("isLoaded").getReturnType()).isEqualTo(boolean.class);
        assertThat(type.getMethod("toString").getDeclaringClass()).isEqualTo(type);
        assertThat(AutoCloseable.class).isAssignableFrom(type);
        if (type != ImageEmbedding.class) { // images have no tokenizer, and fastembed counts none
            assertThat(type.getMethod("tokenCount", List.class).getReturnType()).isEqualTo(int.class);
        }
    }

    /** What a caller's code sees the setter return: {@code B} of {@code FacadeBuilder<B>} resolved. */
    private static Type returnType(Class<?> builder, Method setter) {
        Type declared = setter.getGenericReturnType();
        if (declared instanceof TypeVariable<?> variable && builder.getGenericSuperclass()
                instanceof ParameterizedType parent && parent.getRawType() == FacadeBuilder.class
                && variable.getGenericDeclaration() == FacadeBuilder.class) {
            return parent.getActualTypeArguments()[0];
        }
        return declared;
    }

    static Stream<Object[]> badOptions() {
        List<Object[]> cases = List.of(
                new Object[] {"batchSize 0", (UnaryOperator<FacadeBuilder<?>>) b -> (FacadeBuilder<?>) b.batchSize(0),
                        "batchSize must be > 0, was 0"},
                new Object[] {"threads 0", (UnaryOperator<FacadeBuilder<?>>) b -> (FacadeBuilder<?>) b.threads(0),
                        "threads must be > 0 or null, was 0"},
                new Object[] {"parallelism -1",
                        (UnaryOperator<FacadeBuilder<?>>) b -> (FacadeBuilder<?>) b.parallelism(-1),
                        "parallelism must be null (in the caller), 0 (one worker per core) or > 0, was -1"},
                new Object[] {"deviceIds [0, -1]",
                        (UnaryOperator<FacadeBuilder<?>>) b -> (FacadeBuilder<?>) b.deviceIds(List.of(0, -1)),
                        "deviceIds must all be >= 0, was [0, -1]"},
                new Object[] {"maxBatchTokens 0",
                        (UnaryOperator<FacadeBuilder<?>>) b -> (FacadeBuilder<?>) b.maxBatchTokens(0),
                        "maxBatchTokens must be > 0, was 0"});
        return facades().flatMap(facade -> cases.stream().map(c -> new Object[] {facade, c[0], c[1], c[2]}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badOptions")
    void a_bad_shared_option_fails_with_the_same_message_before_any_file_is_looked_for(Facade facade, String what,
            UnaryOperator<FacadeBuilder<?>> bad, String message) {
        FacadeBuilder<?> builder = bad.apply(facade.builder().get().modelPath(dir.resolve("no-such-model"))
                .offline(true));
        assertThatThrownBy(() -> build(builder)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void a_model_folder_without_the_model_file_names_each_place_looked_at_once() throws Exception {
        Path flat = java.nio.file.Files.createDirectories(dir.resolve("flat"));
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").modelPath(flat).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("(looked for " + flat.resolve("model_optimized.onnx") + ")");
        Path nested = java.nio.file.Files.createDirectories(dir.resolve("nested"));
        assertThatThrownBy(() -> TextCrossEncoder.builder().model("BAAI/bge-reranker-base").modelPath(nested).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("(looked for " + nested.resolve("onnx/model.onnx") + " and "
                        + nested.resolve("model.onnx") + ")");
    }

    private static Object build(FacadeBuilder<?> builder) throws Throwable {
        try {
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
