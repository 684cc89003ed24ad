package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBudgetTest {

    @Test
    void the_default_budget_grows_with_the_threads_of_the_session_and_stops_at_8192() {
        assertThat(TokenBudget.perThread(1)).isEqualTo(512);
        assertThat(TokenBudget.perThread(2)).isEqualTo(1024);
        assertThat(TokenBudget.perThread(8)).isEqualTo(4096);
        assertThat(TokenBudget.perThread(64)).isEqualTo(8192);
        assertThat(TokenBudget.perThread(0)).isEqualTo(512);
    }

    @Test
    void a_budget_the_user_set_is_kept_and_one_below_one_token_is_refused_by_name() {
        assertThat(TokenBudget.of(300)).hasToString("300 tokens");
        assertThat(TokenBudget.of(null)).hasToString("512 tokens per thread");
        assertThatThrownBy(() -> TokenBudget.of(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchTokens");
    }
}
