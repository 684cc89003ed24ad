package dev.fastembed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

class CpuTopologyTest {

    @TempDir
    Path sysfs;

    private void cpu(int index, String siblings) throws Exception {
        Path topology = Files.createDirectories(sysfs.resolve("cpu" + index).resolve("topology"));
        Files.writeString(topology.resolve("thread_siblings_list"), siblings + "\n");
    }

    @Test
    void hyper_thread_siblings_count_as_one_physical_core() throws Exception {
        cpu(0, "0,2");
        cpu(1, "1,3");
        cpu(2, "0,2");
        cpu(3, "1,3");
        Files.createDirectories(sysfs.resolve("cpufreq")); // not a cpu
        assertThat(CpuTopology.physicalCores(sysfs)).isEqualTo(2);
    }

    @Test
    void the_default_is_the_physical_cores_but_never_more_than_the_jvm_may_use() {
        assertThat(CpuTopology.defaultThreads(16, 8)).isEqualTo(8); // 8 cores with hyper-threading
        assertThat(CpuTopology.defaultThreads(2, 32)).isEqualTo(2); // a 2-CPU container on a 32-core host
        assertThat(CpuTopology.defaultThreads(4, 0)).isEqualTo(4); // not Linux: what the JVM sees
        assertThat(CpuTopology.defaultThreads(0, 0)).isEqualTo(1);
    }

    @Test
    void an_unreadable_topology_means_unknown() {
        assertThat(CpuTopology.physicalCores(sysfs.resolve("missing"))).isZero();
        assertThat(CpuTopology.defaultThreads()).isBetween(1, Runtime.getRuntime().availableProcessors());
    }
}
