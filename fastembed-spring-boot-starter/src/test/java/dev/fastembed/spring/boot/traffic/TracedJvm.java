package dev.fastembed.spring.boot.traffic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a main class in a child JVM as a stranger's machine would run it, and watches it at the system-call
 * level: none of the variables that switch telemetry off (ONNX Runtime also stays quiet under {@code CI} and
 * {@code ORT_RUNNING_UNIT_TESTS}, which is why CI never saw its uploads), a fresh {@code HOME}, a class path
 * over 5 KB on the command line (ONNX Runtime 1.29.0's telemetry start-up crashed the JVM on those), every
 * {@code connect()} recorded by {@code strace -f}, and a network namespace with no route ({@code unshare -n}),
 * so that a product failing the test reaches nobody.
 */
final class TracedJvm {

    /** The variables a stranger's shell does not have; each one silences a telemetry path by itself. */
    static final List<String> QUIETING_VARIABLES = List.of("CI", "ORT_RUNNING_UNIT_TESTS", "ORT_DISABLE_TELEMETRY",
            "OPT_OUT_TRACKING", "DJL_OFFLINE");
    static final int MIN_COMMAND_LINE_BYTES = 5 * 1024;

    /**
     * What the child did. {@code remoteConnects} holds each connect() to an address that is not loopback, and
     * each to port 53 wherever it goes (a name lookup through a local resolver is traffic too).
     */
    record Result(int exitCode, String output, List<String> remoteConnects, Path home) {

        boolean wroteMicrosoftCache() {
            return Files.exists(home.resolve(".cache/Microsoft"));
        }

        /** The length of the child's own command line, as it printed it ({@code cmdline <bytes>}). */
        long commandLineBytes() {
            return output.lines().filter(line -> line.startsWith("cmdline ")).mapToLong(line ->
                    Long.parseLong(line.substring(8).trim())).findFirst().orElse(-1);
        }
    }

    private static final Pattern CONNECT = Pattern.compile("connect\\(\\d+, \\{sa_family=(AF_INET6?),([^}]*)\\}");
    private static final Pattern DNS_PORT = Pattern.compile("sin6?_port=htons\\(53\\)");
    private static final Pattern IPV4 = Pattern.compile("inet_addr\\(\"([0-9.]+)\"\\)");
    private static final Pattern IPV6 = Pattern.compile("inet_pton\\(AF_INET6, \"([0-9a-fA-F:.]+)\"");

    private TracedJvm() {
    }

    /** Why this machine cannot trace a child, or null when it can (Linux, strace, a new network namespace). */
    static String whyNotTraceable() {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return "system-call tracing needs Linux";
        }
        if (run(List.of("strace", "-V")) != 0) {
            return "strace is not installed (apt-get install strace)";
        }
        List<String> unshare = unsharePrefix();
        if (unshare == null) {
            return "unshare cannot create a network namespace here (needs root or user namespaces)";
        }
        List<String> probe = new ArrayList<>(unshare);
        probe.addAll(strace(Path.of("/dev/null")));
        probe.add("true");
        if (run(probe) != 0) {
            return "strace cannot trace a child here (ptrace restricted, or strace older than 5.3)";
        }
        return null;
    }

    /**
     * Runs {@code main} with {@code environment} added to a stranger's environment and the class path on the
     * command line (over 5 KB), and waits for it.
     *
     * @param workDir a fresh directory: the child's HOME and the trace go there
     */
    static Result run(Class<?> main, Map<String, String> environment, Path workDir, String... args)
            throws IOException, InterruptedException {
        return run(main, environment, true, workDir, args);
    }

    /**
     * As {@link #run(Class, Map, Path, String...)}, with the class path in the {@code CLASSPATH} variable
     * instead: a short command line, for a child whose telemetry is on (ONNX Runtime 1.29.0 then crashes the JVM
     * on a long one).
     */
    static Result runWithShortCommandLine(Class<?> main, Map<String, String> environment, Path workDir,
            String... args) throws IOException, InterruptedException {
        return run(main, environment, false, workDir, args);
    }

    private static Result run(Class<?> main, Map<String, String> environment, boolean classPathOnCommandLine,
            Path workDir, String... args) throws IOException, InterruptedException {
        Path home = Files.createDirectories(workDir.resolve("home"));
        Path trace = workDir.resolve("connect.trace");
        List<String> command = new ArrayList<>(unsharePrefix());
        command.addAll(strace(trace));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = longClassPath(workDir);
        if (classPathOnCommandLine) {
            command.add("-cp");
            command.add(classPath);
        }
        command.add(main.getName());
        command.addAll(List.of(args));

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        QUIETING_VARIABLES.forEach(env::remove);
        // Nor the test JVM's own settings: an empty cache under the fresh HOME, downloads not forbidden.
        env.remove("HF_HUB_OFFLINE");
        env.remove("FASTEMBED_CACHE_PATH");
        env.remove("CLASSPATH");
        if (!classPathOnCommandLine) {
            env.put("CLASSPATH", classPath);
        }
        env.remove("XDG_CACHE_HOME"); // ONNX Runtime's cache folder is then $HOME/.cache, the one we inspect
        env.put("HOME", home.toString());
        env.putAll(environment);
        Path log = workDir.resolve("child.log");
        builder.redirectOutput(log.toFile());

        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 3 minutes:\n" + Files.readString(log));
        }
        List<String> remote = Files.exists(trace) ? remoteConnects(Files.readAllLines(trace)) : List.of();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), remote, home);
    }

    /** The connect() lines of an strace log whose address is neither loopback nor a local socket. */
    static List<String> remoteConnects(List<String> traceLines) {
        List<String> remote = new ArrayList<>();
        for (String line : traceLines) {
            Matcher connect = CONNECT.matcher(line);
            if (!connect.find()) {
                continue;
            }
            String address = connect.group(2);
            Matcher v4 = IPV4.matcher(address);
            Matcher v6 = IPV6.matcher(address);
            boolean loopback = v4.find() ? v4.group(1).startsWith("127.")
                    : v6.find() && (v6.group(1).equals("::1") || v6.group(1).startsWith("::ffff:127."));
            if (!loopback || DNS_PORT.matcher(address).find()) {
                remote.add(line.trim());
            }
        }
        return remote;
    }

    /** The test class path, padded with absent folders to pass 5 KB: a launcher with many jars looks like this. */
    private static String longClassPath(Path workDir) {
        // Surefire and Failsafe run tests from a manifest-only jar; this property has the real class path.
        StringBuilder classPath = new StringBuilder(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")));
        for (int i = 0; classPath.length() < MIN_COMMAND_LINE_BYTES + 256; i++) {
            classPath.append(File.pathSeparatorChar).append(workDir.resolve("no-such-library-" + i + ".jar"));
        }
        return classPath.toString();
    }

    private static List<String> strace(Path output) {
        return List.of("strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "-o", output.toString());
    }

    private static List<String> unsharePrefix() {
        if (run(List.of("unshare", "-n", "true")) == 0) {
            return List.of("unshare", "-n");
        }
        if (run(List.of("unshare", "-r", "-n", "true")) == 0) {
            return List.of("unshare", "-r", "-n");
        }
        return null;
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
