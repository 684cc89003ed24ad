package dev.fastembed.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fastembed.ScoreScale;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.testing.NearestVector;
import dev.fastembed.testing.TinyCrossEncoder;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Every LangChain4j entry point answers with one output per input, in input order, or refuses a null with an
 * IllegalArgumentException naming its index; nothing is dropped or shifted. LangChain4j's default
 * {@code embedAll} builds its request with a builder that skips nulls, which shifted every later embedding onto
 * the wrong segment. The model is int8 (batch composition moves its vectors slightly), so each output is matched
 * to its own input by being nearest to that input's vector computed alone among all the inputs' vectors.
 */
class OneOutputPerInputIT {

    static final List<String> TEXTS = List.of("the cat sat on the mat", "stock markets fell sharply today",
            "a recipe for sourdough bread", "the rocket reached orbit", "how to tune a guitar",
            "rain is expected tomorrow", "the museum opens at nine", "penguins live in the south");

    static FastEmbedEmbeddingModel model;
    static FastEmbedScoringModel scorer;
    static List<float[]> alone;

    @BeforeAll
    static void models(@TempDir Path dir) throws IOException {
        model = FastEmbedEmbeddingModel.builder().configure(b -> b.offline(true)).build();
        alone = new ArrayList<>();
        for (String text : TEXTS) {
            alone.add(model.textEmbedding().embed(text));
        }
        scorer = FastEmbedScoringModel.of(TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(TinyCrossEncoder.writeTo(dir)).scale(ScoreScale.RAW).build());
    }

    @AfterAll
    static void close() {
        model.close();
        scorer.crossEncoder().close();
    }

    /** The index of the input whose own vector is nearest to {@code vector}. */
    static int owner(float[] vector) {
        return NearestVector.index(vector, alone);
    }

    static List<TextSegment> segments(List<Integer> picks) {
        List<TextSegment> segments = new ArrayList<>();
        for (Integer pick : picks) {
            segments.add(pick == null ? null : TextSegment.from(TEXTS.get(pick)));
        }
        return segments;
    }

    @ParameterizedTest(name = "null at {0}")
    @ValueSource(ints = {0, 2, 4})
    void embed_all_refuses_a_null_segment_first_in_the_middle_or_last_naming_it(int position) {
        List<Integer> picks = new ArrayList<>(Arrays.asList(0, 1, 2, 3));
        picks.add(position, null);
        assertThatThrownBy(() -> model.embedAll(segments(picks))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("segments[" + position + "] is null");
        List<EmbeddingInput> inputs = new ArrayList<>();
        for (Integer pick : picks) {
            inputs.add(pick == null ? null : EmbeddingInput.from(TextContent.from(TEXTS.get(pick))));
        }
        assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder().inputs(inputs).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[" + position + "]");
        List<TextSegment> scored = segments(picks);
        assertThatThrownBy(() -> scorer.scoreAll(scored, "a question")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("segments[" + position + "] is null");
    }

    @Test
    void single_inputs_refuse_null_and_empty_lists_give_empty_results() {
        assertThatThrownBy(() -> model.embed((String) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text is null");
        assertThatThrownBy(() -> model.embed((TextSegment) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment is null");
        assertThatThrownBy(() -> model.embedAll(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scorer.score((String) null, "q")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text is null");
        assertThatThrownBy(() -> scorer.score((TextSegment) null, "q")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment is null");
        assertThatThrownBy(() -> scorer.score("d", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query");
        assertThat(model.embedAll(List.of()).content()).isEmpty();
        assertThat(scorer.scoreAll(List.of(), "q").content()).isEmpty();
        assertThat(model.embed(TEXTS.get(3)).content().vector()).containsExactly(alone.get(3));
        assertThat(model.embed(TextSegment.from(TEXTS.get(5))).content().vector()).containsExactly(alone.get(5));
        assertThat(scorer.score(TEXTS.get(1), "markets").content())
                .isEqualTo(scorer.scoreAll(segments(List.of(1)), "markets").content().get(0)); // same batch of one
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
            List<TextSegment> segments = segments(picks);
            if (firstNull >= 0) {
                assertThatThrownBy(() -> model.embedAll(segments)).as("trial %d: %s", trial, picks)
                        .hasMessageStartingWith("segments[" + firstNull + "] is null");
                assertThatThrownBy(() -> scorer.scoreAll(segments, "q")).as("trial %d: %s", trial, picks)
                        .hasMessageStartingWith("segments[" + firstNull + "] is null");
                continue;
            }
            List<Embedding> embeddings = model.embedAll(segments).content();
            assertThat(embeddings).as("trial %d: %s", trial, picks).hasSize(picks.size());
            for (int i = 0; i < picks.size(); i++) {
                assertThat(owner(embeddings.get(i).vector())).as("trial %d, output %d", trial, i)
                        .isEqualTo(picks.get(i));
            }
            List<Double> scores = scorer.scoreAll(segments, "a question").content();
            assertThat(scores).hasSize(picks.size());
            for (int i = 0; i < picks.size(); i++) {
                assertThat(scores.get(i)).as("trial %d, score %d", trial, i) // fp32; padding moves the last bits
                        .isCloseTo(scorer.score(segments.get(i), "a question").content(), within(1e-5));
            }
        }
    }
}
