package dev.fastembed.onnx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The intra-op thread count a session gets when the user sets none.
 *
 * <p>ONNX Runtime's own default is one thread per physical core of the host, each pinned to its core. Both
 * parts are wrong for a JVM service: a container with a CPU quota of 2 on a 64-core host gets 32 threads
 * (the JVM's processor count honours the quota; ONNX Runtime's core count does not), and a pinned thread
 * cannot move when garbage collection, JIT compilation or another session's threads hold its core. ONNX
 * Runtime pins only its default pool, so we always pass a count: the physical cores, but no more than the
 * processors this JVM may use. (On the 2-core benchmark machine the two settings ran at the same speed.)
 */
final class CpuTopology {

    private static final Path SYSFS_CPUS = Path.of("/sys/devices/system/cpu");
    private static final Pattern CPU_DIR = Pattern.compile("cpu\\d+");

    private CpuTopology() {
    }

    static int defaultThreads() {
        return defaultThreads(Runtime.getRuntime().availableProcessors(), physicalCores(SYSFS_CPUS));
    }

    /** @param physical physical cores, or 0 when unknown */
    static int defaultThreads(int available, int physical) {
        int threads = physical > 0 ? Math.min(available, physical) : available;
        return Math.max(1, threads);
    }

    /** Physical cores from Linux sysfs (distinct sets of hyper-thread siblings), or 0 where it cannot tell. */
    static int physicalCores(Path cpus) {
        if (!Files.isDirectory(cpus)) {
            return 0;
        }
        Set<String> cores = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cpus)) {
            for (Path cpu : entries) {
                if (!CPU_DIR.matcher(cpu.getFileName().toString()).matches()) {
                    continue;
                }
                Path siblings = cpu.resolve("topology/thread_siblings_list");
                if (Files.isReadable(siblings)) {
                    cores.add(Files.readString(siblings).strip());
                }
            }
        } catch (IOException | SecurityException e) {
            return 0;
        }
        return cores.size();
    }
}
