package dev.fastembed.multimodal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * ColModernVBERT's queries carry a blank image per token position (fastembed's placeholder), 3 MB each at the real
 * model's 512 px: a query run is cut to 512 MB of them before the token budget, and sizes are counted in long.
 */
class ColModernVbertQueryBudgetTest {

    @Test
    void at_512_px_a_query_run_takes_170_tokens_not_the_4096_of_the_budget() {
        assertThat(ColModernVbertModel.queryBudget(4096, 512)).isEqualTo(170); // 170 x 3 MB <= 512 MB
        assertThat(ColModernVbertModel.placeholderSize(10, 17, 512) * 4L).isLessThanOrEqualTo(512L << 20);
    }

    @Test
    void small_images_leave_the_token_budget_as_it_is() {
        assertThat(ColModernVbertModel.queryBudget(4096, 32)).isEqualTo(4096);
        assertThat(ColModernVbertModel.queryBudget(4096, 100_000)).isEqualTo(1); // a run always holds one query
    }

    @Test
    void a_query_too_long_for_one_array_is_refused_by_its_length() {
        // 3000 tokens x 786,432 floats overflowed int to a negative array size before
        assertThatThrownBy(() -> ColModernVbertModel.placeholderSize(1, 3000, 512))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query of 3000 tokens").hasMessageContaining("shorten the query");
    }
}
