package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaddingTest {

    @Test
    void batch_longest_pads_to_the_longest_row() {
        assertThat(Padding.batchLongest(0).paddedLength(17)).isEqualTo(17);
    }

    @Test
    void a_fixed_length_is_a_floor_never_a_cut() {
        Padding fixed = Padding.batchLongest(0).withFixedLength(64);
        assertThat(fixed.paddedLength(10)).isEqualTo(64);
        assertThat(fixed.paddedLength(70)).isEqualTo(70);
    }

    @Test
    void pad_to_multiple_of_rounds_up() {
        Padding padding = new Padding(false, 0, 8, 0, 0);
        assertThat(padding.paddedLength(9)).isEqualTo(16);
        assertThat(padding.paddedLength(16)).isEqualTo(16);
    }
}
