package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;

class DensePoolingTest {

    // spec §8.8: hidden [[1,1],[2,2],[9,9],[9,9]] per row, seq 4, dim 2
    @Test
    void last_token_with_right_padding_takes_the_last_real_position() {
        float[] hidden = {1, 1, 2, 2, 9, 9, 9, 9};
        assertThat(DensePooling.lastToken(FloatBuffer.wrap(hidden), new long[] {1, 1, 0, 0}, 0, 4, 2)).containsExactly(2, 2);
    }

    @Test
    void last_token_with_left_padding_takes_the_last_real_position() {
        float[] hidden = {9, 9, 9, 9, 1, 1, 2, 2};
        assertThat(DensePooling.lastToken(FloatBuffer.wrap(hidden), new long[] {0, 0, 1, 1}, 0, 4, 2)).containsExactly(2, 2);
    }

    @Test
    void last_token_without_padding_takes_the_last_row() {
        float[] hidden = {1, 1, 2, 2, 3, 3};
        assertThat(DensePooling.lastToken(FloatBuffer.wrap(hidden), new long[] {1, 1, 1}, 0, 3, 2)).containsExactly(3, 3);
    }

    @Test
    void mean_ignores_masked_positions_and_reads_the_right_row() {
        // two rows of seq 3, dim 2; row 1 has one pad
        float[] hidden = {0, 0, 0, 0, 0, 0, /* row 1 */ 1, 2, 3, 4, 100, 100};
        long[] mask = {1, 1, 1, 1, 1, 0};
        assertThat(DensePooling.mean(FloatBuffer.wrap(hidden), mask, 1, 3, 2, new double[2])).containsExactly(2, 3);
    }

    @Test
    void mean_of_a_fully_masked_row_is_zero_not_nan() {
        assertThat(DensePooling.mean(FloatBuffer.wrap(new float[] {5, 5}), new long[] {0}, 0, 1, 2, new double[2]))
                .containsExactly(0, 0);
    }

    @Test
    void cls_takes_position_zero_of_the_row() {
        float[] hidden = {1, 2, 3, 4, /* row 1 */ 5, 6, 7, 8};
        assertThat(DensePooling.cls(FloatBuffer.wrap(hidden), 1, 2, 2)).containsExactly(5, 6);
    }

    @Test
    void normalize_scales_to_unit_length_and_leaves_zero_vectors_at_zero() {
        assertThat(DensePooling.normalize(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
        assertThat(DensePooling.normalize(new float[] {0, 0})).containsExactly(0, 0);
    }
}
