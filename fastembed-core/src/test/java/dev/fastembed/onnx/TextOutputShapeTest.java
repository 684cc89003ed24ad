package dev.fastembed.onnx;

import static dev.fastembed.onnx.OnnxSession.ROWS;
import static dev.fastembed.onnx.OnnxSession.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which outputs' shapes are known before a text run: {@link OnnxSession#tiedShape}. */
class TextOutputShapeTest {

    private static final String[] INPUT = {"batch_size", "sequence_length"};

    @Test
    void dimensions_named_as_the_inputs_are_the_runs_rows_and_tokens_and_fixed_ones_stay() {
        assertThat(OnnxSession.tiedShape(new long[] {-1, -1, 384},
                new String[] {"batch_size", "sequence_length", ""}, INPUT)).containsExactly(ROWS, TOKENS, 384);
        assertThat(OnnxSession.tiedShape(new long[] {-1, 12, -1, -1},
                new String[] {"batch_size", "", "sequence_length", "sequence_length"}, INPUT))
                .containsExactly(ROWS, 12, TOKENS, TOKENS);
        assertThat(OnnxSession.tiedShape(new long[] {-1, 1024}, new String[] {"batch_size", ""}, INPUT))
                .containsExactly(ROWS, 1024);
    }

    @Test
    void a_dimension_of_another_name_or_of_none_leaves_the_shape_unknown() {
        assertThat(OnnxSession.tiedShape(new long[] {-1, -1, 1024},
                new String[] {"batch_size", "seq_minus_1", ""}, INPUT)).isNull();
        assertThat(OnnxSession.tiedShape(new long[] {-1, -1, 128}, new String[] {"batch_size", "", ""}, INPUT))
                .isNull();
        assertThat(OnnxSession.tiedShape(new long[] {-1, -1}, new String[] {"batch", "seq"}, INPUT)).isNull();
        assertThat(OnnxSession.tiedShape(new long[] {-1, 384}, null, INPUT)).isNull();
    }
}
