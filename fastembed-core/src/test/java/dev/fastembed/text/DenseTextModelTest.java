package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DenseTextModelTest {

    @Test
    void the_default_token_budget_grows_with_the_threads_of_the_session_and_stops_at_8192() {
        assertThat(DenseTextModel.defaultBudget(1)).isEqualTo(512);
        assertThat(DenseTextModel.defaultBudget(2)).isEqualTo(1024);
        assertThat(DenseTextModel.defaultBudget(8)).isEqualTo(4096);
        assertThat(DenseTextModel.defaultBudget(64)).isEqualTo(8192);
        assertThat(DenseTextModel.defaultBudget(0)).isEqualTo(512);
    }

    @Test
    void a_budget_below_one_token_is_refused_by_name() {
        assertThatThrownBy(() -> DenseTextModel.checkMaxBatchTokens(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchTokens");
    }
}
