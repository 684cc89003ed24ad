package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** How {@link TextBatchRunner} cuts rows sorted by token count into ONNX runs. */
class SliceTest {

    private static List<int[]> slices(int maxBatchTokens, int... sortedLengths) {
        return slices(true, maxBatchTokens, sortedLengths);
    }

    private static List<int[]> slices(boolean cutAtLengths, int maxBatchTokens, int... sortedLengths) {
        List<int[]> slices = new ArrayList<>();
        int from = 0;
        while (from < sortedLengths.length) {
            int to = TextBatchRunner.sliceEnd(k -> sortedLengths[k], sortedLengths.length, from, maxBatchTokens,
                    cutAtLengths);
            slices.add(Arrays.copyOfRange(sortedLengths, from, to));
            from = to;
        }
        return slices;
    }

    @Test
    void a_slice_stops_at_a_change_of_length_once_it_holds_four_rows() {
        assertThat(slices(512, 20, 20, 20, 20, 20, 21, 21, 21, 21))
                .containsExactly(new int[] {20, 20, 20, 20, 20}, new int[] {21, 21, 21, 21});
    }

    @Test
    void lengths_with_fewer_than_four_rows_join_the_next_and_are_padded() {
        assertThat(slices(512, 10, 11, 12, 12, 12, 13, 13))
                .containsExactly(new int[] {10, 11, 12, 12, 12}, new int[] {13, 13});
    }

    @Test
    void the_token_budget_bounds_a_slice_of_one_length() {
        int[] lengths = new int[30];
        Arrays.fill(lengths, 20);
        assertThat(slices(512, lengths)).extracting(s -> s.length).containsExactly(25, 5);
    }

    @Test
    void on_a_gpu_only_the_budget_cuts() {
        assertThat(slices(false, 8192, 20, 20, 20, 20, 20, 21, 21, 21, 21, 22))
                .containsExactly(new int[] {20, 20, 20, 20, 20, 21, 21, 21, 21, 22});
        assertThat(slices(false, 64, 10, 11, 12, 13, 14, 15))
                .containsExactly(new int[] {10, 11, 12, 13}, new int[] {14, 15});
    }

    @Test
    void a_row_longer_than_the_budget_runs_alone() {
        assertThat(slices(512, 100, 600, 700))
                .containsExactly(new int[] {100}, new int[] {600}, new int[] {700});
    }

    @Test
    void every_row_is_in_one_slice_within_the_budget_cut_only_where_the_budget_or_a_new_length_asks() {
        Random random = new Random(24);
        for (int trial = 0; trial < 500; trial++) {
            int[] lengths = random.ints(1 + random.nextInt(300), 3, 3 + 1 + random.nextInt(200)).sorted().toArray();
            int budget = 64 + random.nextInt(4096);
            int covered = 0;
            int[] previous = null;
            for (int[] slice : slices(budget, lengths)) {
                if (previous != null) { // cut only where the budget or a change of length asks for it
                    boolean full = (long) (previous.length + 1) * slice[0] > budget;
                    boolean newLength = slice[0] != previous[previous.length - 1]
                            && previous.length >= TextBatchRunner.ROWS_BEFORE_LENGTH_CUT;
                    assertThat(full || newLength).isTrue();
                }
                previous = slice;
                covered += slice.length;
                int longest = slice[slice.length - 1];
                assertThat(slice.length == 1 || (long) slice.length * longest <= budget).isTrue();
                // A slice that mixes lengths has its last length change before its fourth row.
                int lastChange = 0;
                for (int k = 1; k < slice.length; k++) {
                    if (slice[k] != slice[k - 1]) {
                        lastChange = k;
                    }
                }
                assertThat(lastChange).isLessThan(TextBatchRunner.ROWS_BEFORE_LENGTH_CUT);
            }
            assertThat(covered).isEqualTo(lengths.length);
        }
    }
}
