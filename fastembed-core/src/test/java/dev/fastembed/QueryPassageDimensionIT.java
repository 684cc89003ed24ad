package dev.fastembed;

import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The policies adapters used to carry themselves, now in core: the prefix switch behind queryEmbed and
 * passageEmbed, Matryoshka output dimensions from the catalog, and vectors with their token counts from one
 * tokenization. On the generated fp32 encoder (16 dimensions, mean pooling) with bge's tokenizer.
 */
class QueryPassageDimensionIT {

    static final String ID = "test/tiny-prefixed-matryoshka";
    static final String PLAIN = "test/tiny-no-matryoshka";
    @TempDir
    static Path dir;
    static Path folder;

    @BeforeAll
    static void model() throws Exception {
        folder = dir.resolve("tiny");
        TestSupport.copyResource("tiny-models/tiny-encoder.onnx", folder.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", folder.resolve("tokenizer.json"));
        if (ModelCatalog.denseTextModels().stream().noneMatch(m -> m.id().equals(ID))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(PLAIN).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).source(ModelSource.huggingFace(PLAIN))
                    .build());
            TextEmbedding.addCustomModel(ModelDescription.builder(ID).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).prefixes("query: ", "passage: ")
                    .matryoshkaDimensions(List.of(8, 4)).source(ModelSource.huggingFace(ID)).build());
        }
    }

    static TextEmbedding.Builder builder() {
        return TextEmbedding.builder().model(ID).modelPath(folder);
    }

    @Test
    void prefixes_are_the_catalogs_and_only_added_when_switched_on() {
        List<String> texts = List.of("what is a vector?", "vectors are lists of numbers");
        try (TextEmbedding plain = builder().build(); TextEmbedding prefixed = builder().prefixes(true).build()) {
            // off (fastembed's default): queryEmbed and passageEmbed are embed
            assertThat(plain.queryEmbed(texts).get(0)).containsExactly(plain.embed(texts).get(0));
            assertThat(plain.prefixOf(InputType.QUERY)).isEmpty();
            // on: the model's documented prefixes, and embed still adds none
            assertThat(prefixed.queryEmbed(texts).get(0)).containsExactly(plain.embed("query: " + texts.get(0)),
                    within(1e-6f));
            assertThat(prefixed.passageEmbed(texts).get(1)).containsExactly(plain.embed("passage: " + texts.get(1)),
                    within(1e-6f));
            assertThat(prefixed.embed(texts).get(0)).containsExactly(plain.embed(texts.get(0)), within(1e-6f));
            assertThat(prefixed.prefixOf(InputType.PASSAGE)).isEqualTo("passage: ");
        }
    }

    @Test
    void a_matryoshka_dimension_cuts_and_renormalises_and_other_lengths_are_refused() {
        try (TextEmbedding full = builder().build(); TextEmbedding eight = builder().dimension(8).build()) {
            float[] whole = full.embed("matryoshka");
            float[] cut = eight.embed("matryoshka");
            assertThat(eight.dimension()).isEqualTo(8);
            double norm = 0;
            for (int i = 0; i < 8; i++) {
                norm += (double) whole[i] * whole[i];
            }
            for (int i = 0; i < 8; i++) {
                assertThat(cut[i]).isCloseTo((float) (whole[i] / Math.sqrt(norm)), within(1e-6f));
            }
            assertThat(eight.embed(List.of("a", "b")).get(1)).hasSize(8);
            assertThat(eight.embed(java.util.stream.Stream.of("a")).toList().get(0)).hasSize(8);
            assertThat(full.embedWithTokenCounts(List.of("matryoshka"), InputType.TEXT, 4).get(0).vector())
                    .hasSize(4);
        }
        assertThatThrownBy(() -> builder().dimension(5).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[8, 4]").hasMessageContaining("not 5");
        try (TextEmbedding full = builder().build()) {
            assertThatThrownBy(() -> full.embedWithTokenCounts(List.of("x"), InputType.TEXT, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 3");
        }
        assertThatThrownBy(() -> TextEmbedding.builder().model(PLAIN).modelPath(folder).dimension(8)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not trained");
    }

    @Test
    void vectors_and_token_counts_come_from_one_tokenization() {
        List<String> texts = List.of("hi", "a somewhat longer text with more words in it", "");
        try (TextEmbedding model = builder().prefixes(true).build()) {
            List<EmbeddedText> out = model.embedWithTokenCounts(texts, InputType.TEXT, 0);
            List<float[]> vectors = model.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(out.get(i).vector()).containsExactly(vectors.get(i));
                assertThat(out.get(i).tokenCount()).isEqualTo(model.tokenCount(texts.get(i)));
                assertThat(out.get(i).textTokenCount()).isEqualTo(out.get(i).tokenCount() - 2); // [CLS] [SEP]
            }
            assertThat(out.get(0).textTokenCount()).isEqualTo(1); // "hi", as LangChain4j's models count it
            assertThat(out.get(2).textTokenCount()).isZero();
            EmbeddedText query = model.embedWithTokenCounts(List.of("hi"), InputType.QUERY, 0).get(0);
            assertThat(query.vector()).containsExactly(model.queryEmbed("hi"));
            assertThat(query.textTokenCount()).isEqualTo(3); // query : hi
            assertThatThrownBy(() -> model.embedWithTokenCounts(Arrays.asList("a", null), InputType.QUERY, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1]");
        }
    }

    @Test
    void the_catalog_names_matryoshka_lengths_and_the_image_towers_of_text_models() {
        assertThat(ModelCatalog.denseTextModel("nomic-ai/nomic-embed-text-v1.5").matryoshkaDimensions())
                .containsExactly(512, 256, 128, 64);
        assertThat(ModelCatalog.denseTextModel("jinaai/jina-embeddings-v3").matryoshkaDimensions()).contains(32);
        assertThat(ModelCatalog.denseTextModel("BAAI/bge-small-en-v1.5").matryoshkaDimensions()).isEmpty();
        assertThat(ModelCatalog.denseTextModel("Qdrant/clip-ViT-B-32-text").imageModels())
                .containsExactly("Qdrant/clip-ViT-B-32-vision");
        assertThat(ModelCatalog.denseTextModel("nomic-ai/nomic-embed-text-v1.5-Q").imageModels())
                .contains("nomic-ai/nomic-embed-vision-v1.5");
        for (ModelDescription text : ModelCatalog.denseTextModels()) {
            for (String image : text.imageModels()) {
                assertThat(ModelCatalog.imageModel(image).dimension()).as(text.id() + " -> " + image)
                        .isEqualTo(text.dimension());
            }
        }
    }
}
