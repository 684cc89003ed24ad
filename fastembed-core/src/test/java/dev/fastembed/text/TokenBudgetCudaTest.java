package dev.fastembed.text;

import dev.fastembed.Device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The default token budget per run: per intra-op thread on the CPU, the largest on CUDA. */
class TokenBudgetCudaTest {

    @Test
    void cuda_runs_take_the_largest_default_budget() {
        assertThat(TokenBudget.byDefault(Device.CUDA, 1)).isEqualTo(8192);
        assertThat(TokenBudget.byDefault(Device.CPU, 1)).isEqualTo(512);
        assertThat(TokenBudget.byDefault(Device.CPU, 2)).isEqualTo(1024);
        assertThat(TokenBudget.byDefault(Device.CPU, 64)).isEqualTo(8192);
    }
}
