package dev.fastembed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults that differ on a GPU, checked without one: they are decided before any session opens. */
class GpuDefaultsTest {

    @Test
    void on_cuda_there_is_one_worker_per_device_id_and_no_automatic_cpu_workers(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), new byte[1024]);
        TextEmbedding.Builder twoGpus = TextEmbedding.builder().device(Device.CUDA).deviceIds(List.of(0, 1));
        assertThat(twoGpus.effectiveParallelism(model)).isEqualTo(2);
        TextEmbedding.Builder oneGpu = TextEmbedding.builder().device(Device.CUDA).deviceIds(List.of(3));
        assertThat(oneGpu.effectiveParallelism(model)).isNull(); // the caller's session, on device 3
        assertThat(TextEmbedding.builder().device(Device.CUDA).effectiveParallelism(model)).isNull();
        // what the user sets wins
        assertThat(TextEmbedding.builder().device(Device.CUDA).deviceIds(List.of(0, 1)).parallelism(4)
                .effectiveParallelism(model)).isEqualTo(4);
        // the CPU: one worker per core for bulk work on a machine of two or more cores
        Integer cpu = TextEmbedding.builder().device(Device.CPU).effectiveParallelism(model);
        assertThat(cpu).isEqualTo(Runtime.getRuntime().availableProcessors() >= 2
                ? Runtime.getRuntime().availableProcessors() : null);
        assertThat(TextEmbedding.builder().device(Device.CPU).threads(2).effectiveParallelism(model)).isNull();
    }

    @Test
    void the_cpu_arena_default_is_left_to_the_session_and_an_explicit_choice_is_kept() {
        assertThat(TextEmbedding.builder().runSettings().cpuMemArena()).isNull(); // on for CPU, off for CUDA
        assertThat(TextEmbedding.builder().cpuMemArena(true).runSettings().cpuMemArena()).isTrue();
        assertThat(TextEmbedding.builder().cpuMemArena(false).sessionSettings().cpuMemArena()).isFalse();
    }
}
