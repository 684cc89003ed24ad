package dev.fastembed.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The automatic parallelism rule: one worker per core for bulk work, capped by the model's size in memory. */
class AutoParallelismTest {

    static final long GB = 1L << 30;
    static final long MB = 1L << 20;

    @Test
    void small_models_get_one_worker_per_core() {
        assertThat(AutoParallelism.workers(2, 8 * GB, 34 * MB)).isEqualTo(2);      // bge-small int8 on 2 cores
        assertThat(AutoParallelism.workers(16, 64 * GB, 130 * MB)).isEqualTo(16);
        assertThat(AutoParallelism.workers(8, 0, 0)).isEqualTo(8);                 // memory unknown: cores decide
    }

    @Test
    void big_models_get_as_many_workers_as_a_quarter_of_memory_holds_beside_the_callers_session() {
        // 16 GB: 4 GB for sessions; a 2.3 GB model (jina v3) fits once, in the caller: no workers
        assertThat(AutoParallelism.workers(16, 16 * GB, 2300 * MB)).isNull();
        // 64 GB: 16,384 MB / 2,300 MB = 7 sessions, 6 of them workers
        assertThat(AutoParallelism.workers(16, 64 * GB, 2300 * MB)).isEqualTo(6);
        // 32 GB, 1 GB model: 8 sessions, 7 workers, though there are 16 cores
        assertThat(AutoParallelism.workers(16, 32 * GB, GB)).isEqualTo(7);
    }

    @Test
    void one_core_or_room_for_a_single_worker_means_the_caller_alone() {
        assertThat(AutoParallelism.workers(1, 64 * GB, MB)).isNull();
        assertThat(AutoParallelism.workers(16, 12 * GB, GB)).isEqualTo(2);
        assertThat(AutoParallelism.workers(16, 8 * GB, GB)).isNull(); // 2 GB: the caller's session and one worker
    }

    @Test
    void a_models_size_counts_its_external_data(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), new byte[1000]);
        Files.write(dir.resolve("model.onnx_data"), new byte[5000]);
        Files.write(dir.resolve("other.onnx"), new byte[7000]);
        assertThat(AutoParallelism.modelBytes(model)).isEqualTo(6000);
        assertThat(AutoParallelism.modelBytes(dir.resolve("missing.onnx"))).isZero();
        assertThat(AutoParallelism.modelBytes(null)).isZero();
    }
}
