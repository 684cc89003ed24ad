package dev.fastembed.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.ScoreScale;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.testing.NearestVector;
import dev.fastembed.testing.TinyClipPair;
import dev.fastembed.testing.TinyCrossEncoder;

import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.DocumentEmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.rag.Query;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Every Spring AI entry point answers with one output per input, in input order, or refuses a null with an
 * IllegalArgumentException naming its index. The model is int8 (batch composition moves its vectors slightly),
 * so each output is matched to its own input by being nearest to that input's vector computed alone.
 */
class OneOutputPerInputIT {

    static final List<String> TEXTS = List.of("the cat sat on the mat", "stock markets fell sharply today",
            "a recipe for sourdough bread", "the rocket reached orbit", "how to tune a guitar",
            "rain is expected tomorrow", "the museum opens at nine", "penguins live in the south");

    static TextEmbedding bge;
    static FastEmbedEmbeddingModel model;
    static TextEmbedding clipText;
    static ImageEmbedding clipVision;
    static FastEmbedDocumentEmbeddingModel documents;
    static TextCrossEncoder encoder;
    static List<float[]> alone;
    static List<float[]> aloneClip;

    @BeforeAll
    static void models(@TempDir Path dir) throws IOException {
        bge = TextEmbedding.builder().offline(true).build();
        model = new FastEmbedEmbeddingModel(bge, MetadataMode.NONE, ObservationRegistry.NOOP);
        TinyClipPair pair = TinyClipPair.writeTo(dir);
        clipText = TextEmbedding.builder().model("test/clip-text-512").modelPath(pair.text()).build();
        clipVision = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(pair.vision()).build();
        documents = new FastEmbedDocumentEmbeddingModel(clipText, clipVision, MetadataMode.NONE);
        encoder = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(TinyCrossEncoder.writeTo(dir)).scale(ScoreScale.RAW).build();
        alone = new ArrayList<>();
        aloneClip = new ArrayList<>();
        for (String text : TEXTS) {
            alone.add(bge.embed(text));
            aloneClip.add(clipText.embed(clipText.description().passagePrefix() + text));
        }
    }

    @AfterAll
    static void close() {
        bge.close();
        clipText.close();
        clipVision.close();
        encoder.close();
    }

    /** The index of the input whose own vector is nearest to {@code vector}. */
    static int owner(float[] vector) {
        return NearestVector.index(vector, alone);
    }

    static List<String> texts(List<Integer> picks) {
        List<String> texts = new ArrayList<>();
        for (Integer pick : picks) {
            texts.add(pick == null ? null : TEXTS.get(pick));
        }
        return texts;
    }

    static List<Document> docs(List<Integer> picks) {
        List<Document> docs = new ArrayList<>();
        for (Integer pick : picks) {
            docs.add(pick == null ? null : new Document(TEXTS.get(pick)));
        }
        return docs;
    }

    @ParameterizedTest(name = "null at {0}")
    @ValueSource(ints = {0, 2, 4})
    void every_list_entry_point_refuses_a_null_first_in_the_middle_or_last_naming_it(int position) {
        List<Integer> picks = new ArrayList<>(Arrays.asList(0, 1, 2, 3));
        picks.add(position, null);
        List<String> texts = texts(picks);
        List<Document> docs = docs(picks);
        assertThatThrownBy(() -> model.embed(texts)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("texts[" + position + "] is null");
        assertThatThrownBy(() -> model.call(new EmbeddingRequest(texts, EmbeddingOptions.builder().build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[" + position + "]");
        assertThatThrownBy(() -> model.embed(docs, null, new FastEmbedBatchingStrategy(bge)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("documents[" + position + "]");
        assertThatThrownBy(() -> model.embed(docs, null, new TokenCountBatchingStrategy())) // Spring AI's own
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("documents[" + position + "]");
        assertThatThrownBy(() -> new FastEmbedBatchingStrategy(bge).batch(docs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("documents[" + position + "]");
        assertThatThrownBy(() -> documents.call(new DocumentEmbeddingRequest(docs)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("documents[" + position + "]");
        assertThatThrownBy(() -> new FastEmbedRerankingPostProcessor(encoder, 3, 0.0).process(new Query("q"), docs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("documents[" + position + "]");
    }

    @Test
    void single_inputs_refuse_null_and_empty_lists_give_empty_results() {
        assertThatThrownBy(() -> model.embed((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.embed((Document) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.embed((List<String>) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.call(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FastEmbedRerankingPostProcessor(encoder, 3, 0.0).process(null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(model.embed(List.<String>of())).isEmpty();
        assertThat(model.embed(List.<Document>of(), null, new FastEmbedBatchingStrategy(bge))).isEmpty();
        assertThat(documents.call(new DocumentEmbeddingRequest(List.of())).getResults()).isEmpty();
        assertThat(new FastEmbedBatchingStrategy(bge).batch(List.of())).isEmpty();
        assertThat(new FastEmbedRerankingPostProcessor(encoder, 3, 0.0).process(new Query("q"), List.of())).isEmpty();
        assertThat(model.embed(new Document(TEXTS.get(2)))).containsExactly(alone.get(2));
    }

    @Test
    void random_lists_get_one_output_per_input_in_order_or_the_first_null_named() {
        Random random = new Random(26);
        for (int trial = 0; trial < 40; trial++) {
            List<Integer> picks = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                picks.add(random.nextInt(6) == 0 ? null : random.nextInt(TEXTS.size()));
            }
            int firstNull = picks.indexOf(null);
            List<String> texts = texts(picks);
            List<Document> docs = docs(picks);
            if (firstNull >= 0) {
                assertThatThrownBy(() -> model.embed(texts)).as("trial %d: %s", trial, picks)
                        .hasMessageStartingWith("texts[" + firstNull + "] is null");
                assertThatThrownBy(() -> documents.call(new DocumentEmbeddingRequest(docs)))
                        .as("trial %d: %s", trial, picks).hasMessageStartingWith("documents[" + firstNull + "]");
                continue;
            }
            List<float[]> fromTexts = model.embed(texts);
            List<float[]> fromDocuments = model.embed(docs, null, new FastEmbedBatchingStrategy(bge, 24,
                    MetadataMode.NONE)); // a few documents per batch: order must survive the batching
            EmbeddingResponse fromDocumentModel = documents.call(new DocumentEmbeddingRequest(docs));
            assertThat(fromTexts).hasSize(picks.size());
            assertThat(fromDocuments).hasSize(picks.size());
            assertThat(fromDocumentModel.getResults()).hasSize(picks.size());
            for (int i = 0; i < picks.size(); i++) {
                assertThat(owner(fromTexts.get(i))).as("trial %d, text %d", trial, i).isEqualTo(picks.get(i));
                assertThat(owner(fromDocuments.get(i))).as("trial %d, document %d", trial, i).isEqualTo(picks.get(i));
                assertThat(fromDocumentModel.getResults().get(i).getOutput()).as("trial %d, document model %d", trial, i)
                        .containsExactly(aloneClip.get(picks.get(i)), within(1e-5f)); // fp32 CLIP text tower
                assertThat(fromDocumentModel.getResults().get(i).getIndex()).isEqualTo(i);
            }
        }
    }
}
