package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DJL's tokenizer reports to the AWS metadata address unless opted out. In a fresh JVM with none of the
 * opt-out variables set, loading and using a model must attempt no connection beyond loopback.
 */
class NoPhoneHomeIT {

    @Test
    void loading_a_model_attempts_no_connection_beyond_loopback() throws Exception {
        String output = runProbe(List.of());
        assertThat(output).contains("OUTCOME=vector of 384");
        assertThat(output).contains("OPT_OUT_TRACKING=true");
        assertThat(output).contains("ATTEMPTS=[]");
    }

    @Test
    void the_probe_does_see_the_call_home_when_a_user_opts_back_in() throws Exception {
        // A user's explicit choice is respected; this also proves the probe would catch the call.
        String output = runProbe(List.of("-DOPT_OUT_TRACKING=false"));
        assertThat(output).contains("OPT_OUT_TRACKING=false");
        assertThat(output).containsPattern("ATTEMPTS=\\[169\\.254\\.169\\.254");
    }

    private static String runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.security.manager=allow");
        command.addAll(jvmArgs);
        command.add(PhoneHomeProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Through CLASSPATH, not -cp: ONNX Runtime 1.29.0 crashes the JVM when the command line passes ~4 KB.
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().remove("OPT_OUT_TRACKING");
        builder.environment().remove("DJL_OFFLINE");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
