package dev.fastembed.spring.boot.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fastembed.testing.TinyCrossEncoder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Nothing leaves the machine that the user did not ask for, seen at the system-call level: a plain Java program
 * on the core facades and a Spring Boot application on the starter, each in a fresh JVM with none of the
 * opt-out variables set, make no connect() beyond loopback, leave no ONNX Runtime telemetry files in their
 * HOME, and survive a class path over 5 KB. {@code .ci/run} installs strace, so CI never skips this.
 */
class NoHiddenTrafficIT {

    /** ONNX Runtime 1.29.0's uploader first looked up its collector 11 s after start (strace -tt, this machine). */
    static final int LINGER_SECONDS = 15;

    @TempDir
    static Path models;
    static Path crossEncoder;

    @BeforeAll
    static void traceableMachineAndModels() throws IOException {
        String why = TracedJvm.whyNotTraceable();
        assumeTrue(why == null, () -> "skipped: " + why);
        crossEncoder = TinyCrossEncoder.writeTo(models);
    }

    @Test
    void the_core_facades_connect_nowhere_and_leave_no_telemetry_files(@TempDir Path work) throws Exception {
        TracedJvm.Result child = TracedJvm.run(CoreKindsProbe.class, Map.of(), work, crossEncoder.toString(),
                Integer.toString(LINGER_SECONDS));

        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("dense 384", "rerank 2", "done");
        assertQuiet(child);
    }

    @Test
    void a_spring_boot_application_on_the_starter_connects_nowhere_and_leaves_no_telemetry_files(@TempDir Path work)
            throws Exception {
        TracedJvm.Result child = TracedJvm.run(SpringBootProbe.class, Map.of(), work, crossEncoder.toString(),
                Integer.toString(LINGER_SECONDS));

        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("langchain4j 384", "spring-ai 384", "rerank 2", "done");
        assertQuiet(child);
    }

    @Test
    void a_user_who_opts_back_in_gets_the_telemetry_and_the_trace_sees_it(@TempDir Path work) throws Exception {
        // The user's own choice wins over ours; this also proves that both checks above can fail.
        TracedJvm.Result child = TracedJvm.runWithShortCommandLine(CoreKindsProbe.class,
                Map.of("ORT_DISABLE_TELEMETRY", "0", "OPT_OUT_TRACKING", "false", "DJL_OFFLINE", "false"), work,
                crossEncoder.toString(), "0");

        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.wroteMicrosoftCache()).as("ONNX Runtime's device id under $HOME/.cache/Microsoft").isTrue();
        assertThat(child.remoteConnects()).as("DJL's report to the AWS metadata address")
                .anyMatch(line -> line.contains("169.254.169.254"));
    }

    private static void assertQuiet(TracedJvm.Result child) {
        assertThat(child.commandLineBytes()).as("the child's /proc/self/cmdline")
                .isGreaterThan(TracedJvm.MIN_COMMAND_LINE_BYTES);
        assertThat(child.wroteMicrosoftCache()).as("ONNX Runtime's telemetry folder in " + child.home()).isFalse();
        assertThat(child.remoteConnects()).as("connect() calls beyond loopback").isEmpty();
    }
}
