package dev.fastembed.gpu;

import dev.fastembed.Device;
import dev.fastembed.ModelLoadException;
import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;
import dev.fastembed.onnx.ExecutionProviders;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU build of ONNX Runtime (onnxruntime_gpu, {@code mvn -Pgpu}) on a host without a working CUDA: what CI
 * can check of the GPU path. {@code Device.AUTO} falls back to the CPU with one INFO line naming what did not
 * load, and {@code Device.CUDA} fails naming the missing libraries. Runs only under {@code -Pgpu}; on a CUDA host
 * it is skipped ({@code benchmarks/gpu-check.sh} covers the GPU).
 */
class GpuJarOnCpuIT {

    static final String ID = "test/gpu-jar-tiny";
    @TempDir
    static Path dir;
    static Path folder;
    static String probeLog;

    @BeforeAll
    static void probe() throws Exception {
        folder = dir.resolve("tiny");
        Files.createDirectories(folder);
        copy("tiny-models/tiny-encoder.onnx", folder.resolve("model.onnx"));
        copy("bge-small-en-v1.5-tokenizer.json", folder.resolve("tokenizer.json"));
        if (ModelCatalog.denseTextModels().stream().noneMatch(m -> m.id().equals(ID))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(ID).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).source(ModelSource.huggingFace(ID))
                    .build());
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Device auto;
        try {
            auto = ExecutionProviders.resolveAuto(); // the one probe of this JVM
            ExecutionProviders.resolveAuto();
        } finally {
            System.setErr(stderr);
        }
        probeLog = captured.toString(StandardCharsets.UTF_8);
        System.err.print(probeLog);
        assumeTrue(auto == Device.CPU, "CUDA works on this host: benchmarks/gpu-check.sh checks the GPU path");
    }

    @Test
    void the_gpu_build_of_onnx_runtime_is_the_one_on_the_class_path() {
        assertThat(ExecutionProviders.cudaPackaged()).isTrue();
        assertThat(ExecutionProviders.cudaOffered()).isTrue();
    }

    @Test
    void auto_runs_on_the_cpu_and_says_so_in_one_info_line() {
        long lines = probeLog.lines().filter(l -> l.contains("Device.AUTO runs every model of this process on the CPU"))
                .count();
        assertThat(lines).as(probeLog).isEqualTo(1);
        assertThat(probeLog).contains("INFO");
        try (TextEmbedding auto = TextEmbedding.builder().model(ID).modelPath(folder).build();
                TextEmbedding cpu = TextEmbedding.builder().model(ID).modelPath(folder).device(Device.CPU).build()) {
            assertThat(auto.device()).isEqualTo(Device.CPU);
            assertThat(auto.embed("the GPU jar runs on the CPU")).containsExactly(cpu.embed("the GPU jar runs on the CPU"));
        }
    }

    @Test
    void cuda_fails_naming_what_is_missing() {
        assertThatThrownBy(() -> TextEmbedding.builder().model(ID).modelPath(folder).device(Device.CUDA).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Device.CUDA was requested")
                .hasMessageContaining("-Pgpu")
                .satisfies(e -> {
                    if (ExecutionProviders.missingCudaLibraries().isEmpty()) {
                        return; // every library is there: ONNX Runtime's own reason (a driver) is in the message
                    }
                    assertThat(e.getMessage()).contains("missing CUDA libraries: ")
                            .contains(ExecutionProviders.missingCudaLibraries().get(0));
                });
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = GpuJarOnCpuIT.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
