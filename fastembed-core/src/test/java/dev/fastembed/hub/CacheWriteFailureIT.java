package dev.fastembed.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cache on a full or read-only disk: a child JVM gets a tmpfs of its own (util-linux {@code unshare -rm},
 * which needs no privilege) as its cache, and loads a model from the loopback hub. The error must say what the
 * disk did and what to do, at once (no retries), and no half-written file may stay behind. Skipped where user
 * namespaces are off; {@code .ci/run} fails if it was skipped there.
 */
class CacheWriteFailureIT {

    FakeHub hub;
    @TempDir
    Path dir;

    @BeforeAll
    static void models(@TempDir Path plain) throws IOException {
        CacheHealingIT.models(plain);
    }

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub();
        Map<String, FakeHub.File> files = new LinkedHashMap<>();
        files.put("onnx/model.onnx", new FakeHub.File(CacheHealingIT.inlineModel, true));
        files.put("tokenizer.json", new FakeHub.File(CacheHealingIT.tokenizer, false));
        hub.addRepo(CacheHealingIT.INLINE_REPO, CacheHealingIT.SHA, files);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void a_full_disk_is_named_with_the_fix_and_leaves_no_partial_blob() throws Exception {
        List<String> out = probe("size=256k", false); // the tokenizer fits, the 65 kB model after it does not
        assertThat(error(out)).contains("no space left on the device of the cache")
                .contains("nothing half-written was kept").contains("choose another cacheDir(...)");
        assertThat(out).noneMatch(line -> line.startsWith("FILE ") && line.endsWith(".incomplete"));
        assertThat(hub.count(FakeHub.sha256(CacheHealingIT.inlineModel))).isLessThanOrEqualTo(1); // not retried
    }

    @Test
    void a_read_only_cache_is_named_with_the_fix() throws Exception {
        List<String> out = probe("size=1m", true);
        assertThat(error(out)).contains("cannot be written").contains("Read-only file system")
                .contains("offline(true)");
        assertThat(hub.requests()).isEmpty(); // the lock file fails first: nothing is fetched to be thrown away
        assertThat(out).noneMatch(line -> line.startsWith("FILE "));
    }

    private static String error(List<String> out) {
        return out.stream().filter(line -> line.startsWith("ERROR ")).findFirst()
                .orElseThrow(() -> new AssertionError("the probe loaded the model or failed otherwise: " + out));
    }

    /** Runs CacheWriteProbe with a fresh tmpfs mounted as its cache, read-only if asked. */
    private List<String> probe(String tmpfsOptions, boolean readOnly) throws Exception {
        assumeTrue(run(List.of("unshare", "-rm", "true")).exitCode == 0, "unshare -rm is not allowed here");
        Path cache = dir.resolve("cache");
        java.nio.file.Files.createDirectories(cache);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "mount -t tmpfs -o " + tmpfsOptions + " tmpfs '" + cache + "'"
                + (readOnly ? " && mount -o remount,ro '" + cache + "'" : "")
                + " && exec '" + java + "' -cp '" + classPath() + "' " + CacheWriteProbe.class.getName() + " '"
                + hub.endpoint() + "' '" + cache + "'";
        Result result = run(List.of("unshare", "-rm", "sh", "-c", script));
        assertThat(result.exitCode).as(String.join("\n", result.lines)).isZero();
        return result.lines;
    }

    /** This JVM's module path and class path, as one class path for the child (which needs no modules). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                entries.add(value);
            }
        }
        entries.add(0, Path.of(CacheWriteProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString());
        return String.join(File.pathSeparator, entries);
    }

    private record Result(int exitCode, List<String> lines) {
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HF_HUB_OFFLINE", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not finish: " + output);
        }
        return new Result(process.exitValue(), output.lines().toList());
    }
}
