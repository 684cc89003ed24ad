package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code lazyLoad} means the same on every facade with a model file: nothing native (tokenizer, session) until the first call.
 * Each model folder here holds a tokenizer.json (or, for images, a model.onnx) that cannot load: a lazy build
 * succeeds and the first call fails naming the file; an eager build fails at once.
 */
class LazyLoadIT {

    @TempDir
    static Path dir;

    record Case(String name, String file, Function<Boolean, AutoCloseable> build, Consumer<AutoCloseable> firstUse) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Path broken(String name, String graph, String modelFile, String brokenFile) throws Exception {
        Path folder = dir.resolve(name);
        TestSupport.copyResource("tiny-models/" + graph + ".onnx", folder.resolve(modelFile));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", folder.resolve("tokenizer.json"));
        Files.writeString(folder.resolve(brokenFile), "this is not what the file should hold");
        return folder;
    }

    static Stream<Case> cases() throws Exception {
        Path colbert = broken("colbert", "tiny-colbert", "model.onnx", "tokenizer.json");
        Path splade = broken("splade", "tiny-splade", "model.onnx", "tokenizer.json");
        Path crossEncoder = broken("cross-encoder", "tiny-cross-encoder", "onnx/model.onnx", "tokenizer.json");
        Path colpali = broken("colpali", "tiny-colpali", "model.onnx", "tokenizer.json");
        Files.write(colpali.resolve("model.onnx_data"), new byte[0]);
        Files.writeString(colpali.resolve("preprocessor_config.json"), MultimodalIT.CONFIG);
        Path clip = broken("clip", "tiny-clip-vision", "model.onnx", "model.onnx");
        Files.writeString(clip.resolve("preprocessor_config.json"), ImageEmbeddingIT.CLIP_CONFIG);
        Path dense = broken("dense", "tiny-encoder", "model.onnx", "tokenizer.json");
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals("test/lazy-dense"))) {
            TextEmbedding.addCustomModel(dev.fastembed.model.ModelDescription.builder("test/lazy-dense")
                    .dimension(32).pooling(dev.fastembed.model.Pooling.MEAN).normalize(true).modelFile("model.onnx")
                    .maxLength(64).build());
        }
        return Stream.of(
                new Case("TextEmbedding", "tokenizer.json", lazy -> TextEmbedding.builder().model("test/lazy-dense")
                        .modelPath(dense).lazyLoad(lazy).build(), m -> ((TextEmbedding) m).embed("hello")),
                new Case("LateInteractionTextEmbedding", "tokenizer.json", lazy -> LateInteractionTextEmbedding
                        .builder().model("colbert-ir/colbertv2.0").modelPath(colbert).lazyLoad(lazy).build(),
                        m -> ((LateInteractionTextEmbedding) m).embed("hello")),
                new Case("SparseTextEmbedding", "tokenizer.json", lazy -> SparseTextEmbedding.builder()
                        .model("prithivida/Splade_PP_en_v1").modelPath(splade).lazyLoad(lazy).build(),
                        m -> ((SparseTextEmbedding) m).embed("hello")),
                new Case("TextCrossEncoder", "tokenizer.json", lazy -> TextCrossEncoder.builder()
                        .model("Xenova/ms-marco-MiniLM-L-6-v2").modelPath(crossEncoder).lazyLoad(lazy).build(),
                        m -> ((TextCrossEncoder) m).rerank("q", List.of("d"))),
                new Case("LateInteractionMultimodalEmbedding", "tokenizer.json", lazy -> LateInteractionMultimodalEmbedding
                        .builder().model(MultimodalIT.ID).modelPath(colpali).lazyLoad(lazy).build(),
                        m -> ((LateInteractionMultimodalEmbedding) m).tokenCount(List.of("hello"), true)),
                new Case("ImageEmbedding", "model.onnx", lazy -> ImageEmbedding.builder()
                        .model("Qdrant/clip-ViT-B-32-vision").modelPath(clip).lazyLoad(lazy).build(),
                        m -> ((ImageEmbedding) m).embed(List.of(new java.awt.image.BufferedImage(8, 8,
                                java.awt.image.BufferedImage.TYPE_INT_RGB)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_lazy_build_loads_nothing_native_and_the_first_call_names_the_file_that_cannot_load(Case c)
            throws Exception {
        AutoCloseable model = c.build().apply(true);
        try {
            assertThatThrownBy(() -> c.firstUse().accept(model)).as(c.name())
                    .isInstanceOf(FastEmbedException.class).hasMessageContaining(c.file());
        } finally {
            model.close();
        }
        assertThatThrownBy(() -> c.firstUse().accept(model)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void an_eager_build_fails_at_once_naming_the_file(Case c) {
        assertThatThrownBy(() -> c.build().apply(false)).as(c.name()).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(c.file());
        assertThat(c.name()).isNotBlank();
    }
}
