package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeMap;

/** Ids are sorted as unsigned 32-bit values with their weights kept alongside, whatever the input order. */
class SparseEmbeddingTest {

    @Test
    void ids_sort_as_unsigned_32_bit_values_and_weights_follow_them() {
        SparseEmbedding vector = SparseEmbedding.of(new long[] {0xFFFF_FFFFL, 7, 1L << 31, 0, (1L << 31) - 1},
                new float[] {5f, 2f, 3f, 1f, 4f});
        assertThat(vector.indicesAsLongs()).containsExactly(0, 7, (1L << 31) - 1, 1L << 31, 0xFFFF_FFFFL);
        assertThat(vector.values()).containsExactly(1f, 2f, 4f, 3f, 5f);
    }

    @Test
    void any_order_gives_what_a_sorted_map_gives() {
        Random random = new Random(20261130);
        for (int round = 0; round < 200; round++) {
            TreeMap<Long, Float> expected = new TreeMap<>();
            while (expected.size() < random.nextInt(300)) {
                expected.put(random.nextLong() >>> 32, random.nextFloat());
            }
            long[] ids = new long[expected.size()];
            float[] weights = new float[expected.size()];
            int i = 0;
            for (var entry : expected.descendingMap().entrySet()) { // worst case: descending
                ids[i] = entry.getKey();
                weights[i++] = entry.getValue();
            }
            SparseEmbedding vector = SparseEmbedding.of(ids, weights);
            assertThat(vector.asMap()).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void a_repeated_or_out_of_range_id_is_refused_naming_it() {
        assertThatThrownBy(() -> SparseEmbedding.of(new long[] {9, 3, 9}, new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index 9 appears twice");
        assertThatThrownBy(() -> SparseEmbedding.of(new long[] {1L << 32}, new float[] {1}))
                .hasMessageContaining("index 4294967296 at position 0 is not an unsigned 32-bit id");
        assertThatThrownBy(() -> SparseEmbedding.of(new long[] {-1}, new float[] {1}))
                .hasMessageContaining("not an unsigned 32-bit id");
    }
}
