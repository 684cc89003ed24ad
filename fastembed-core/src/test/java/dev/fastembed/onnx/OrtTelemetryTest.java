package dev.fastembed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The switch itself is proven in child JVMs by the starter's NoHiddenTrafficIT; here, the checks around it. */
class OrtTelemetryTest {

    @TempDir
    Path dir;

    @Test
    void an_onnx_runtime_library_mapped_into_the_process_counts_as_already_started() throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"), """
                7f0000000000-7f0000001000 r-xp 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6
                7f1000000000-7f1000100000 r-xp 00000000 08:01 5678 /tmp/onnxruntime-java123/libonnxruntime.so
                """);
        assertThat(OrtTelemetry.nativeRuntimeAlreadyLoaded(maps)).isTrue();
    }

    @Test
    void only_the_java_binding_or_other_libraries_do_not_count() throws Exception {
        Path maps = Files.writeString(dir.resolve("maps"), """
                7f0000000000-7f0000001000 r-xp 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6
                7f1000000000-7f1000100000 r-xp 00000000 08:01 5678 /tmp/onnxruntime-java123/libonnxruntime4j_jni.so
                """);
        assertThat(OrtTelemetry.nativeRuntimeAlreadyLoaded(maps)).isFalse();
        assertThat(OrtTelemetry.nativeRuntimeAlreadyLoaded(dir.resolve("absent"))).isFalse();
    }

    @Test
    void the_command_line_length_is_the_bytes_of_proc_cmdline() throws Exception {
        Path cmdline = Files.write(dir.resolve("cmdline"), "java\0-cp\0a.jar\0Main\0".getBytes());
        assertThat(OrtTelemetry.commandLineBytes(cmdline)).isEqualTo(20);
        assertThat(OrtTelemetry.commandLineBytes(dir.resolve("absent"))).isEqualTo(-1);
    }

    @Test
    void setenv_reaches_the_c_library_environment_from_inside_the_module() {
        // what ONNX Runtime's getenv reads; the JVM's own snapshot never changes
        String name = "FASTEMBED_SETENV_PROBE_" + ProcessHandle.current().pid();
        assertThat(OrtTelemetry.setenv(name, "1", false)).isTrue();
        assertThat(OrtTelemetry.nativeGetenv(name)).isEqualTo("1");
        assertThat(OrtTelemetry.setenv(name, "2", false)).isTrue();
        assertThat(OrtTelemetry.nativeGetenv(name)).as("overwrite off keeps the value").isEqualTo("1");
        assertThat(System.getenv(name)).isNull();
    }
}
