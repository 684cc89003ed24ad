package dev.fastembed.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default when a builder sets neither {@code parallelism} nor {@code threads}: bulk work (a list of at least
 * one batch, or a stream) goes to one-thread sessions, one per core, the fastest setting measured on CPUs
 * (benchmarks/README.md: two one-thread sessions beat one two-thread session by 7-62% on 2 cores); a single
 * input or a short list runs in the caller's session. Each worker holds its own session, so the count is capped
 * by the model's size: the sessions (the caller's and the workers') may take at most a quarter of the machine's
 * (or container's) memory, each counted as the model's files on disk. A model too big for two workers gets none.
 */
public final class AutoParallelism {

    /** The share of physical memory the sessions of one model may take. */
    static final int MEMORY_SHARE_DIVISOR = 4;

    private AutoParallelism() {
    }

    /** Workers for {@code modelFile} on this machine, or null to run in the caller only. */
    public static Integer workers(Path modelFile) {
        return workers(Runtime.getRuntime().availableProcessors(), physicalMemory(), modelBytes(modelFile));
    }

    /**
     * @param cores the processors the JVM may use
     * @param memory physical (or container) memory in bytes, or 0 when unknown
     * @param modelBytes the model's files in bytes (graph and external data), or 0 when unknown
     */
    static Integer workers(int cores, long memory, long modelBytes) {
        if (cores < 2) {
            return null;
        }
        long fit = cores;
        if (memory > 0 && modelBytes > 0) {
            fit = memory / MEMORY_SHARE_DIVISOR / modelBytes - 1; // the caller's session counts too
        }
        int workers = (int) Math.min(cores, fit);
        return workers >= 2 ? workers : null;
    }

    /** The model file plus the external data files beside it ({@code model.onnx_data}, {@code model.onnx.data}). */
    static long modelBytes(Path modelFile) {
        if (modelFile == null) {
            return 0;
        }
        long bytes;
        try {
            bytes = Files.size(modelFile);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        String data = modelFile.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(modelFile.toAbsolutePath().getParent())) {
            for (Path sibling : siblings) {
                String name = sibling.getFileName().toString();
                // model.onnx_data, model.onnx.data (and numbered parts): by hand, a glob would read [ or { in a name
                if (name.length() > data.length() + 1 && name.startsWith(data)
                        && name.startsWith("data", data.length() + 1)) {
                    bytes += Files.size(sibling);
                }
            }
        } catch (IOException | RuntimeException e) {
            // what was counted stands: the graph at least
        }
        return bytes;
    }

    private static long physicalMemory() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getTotalMemorySize(); // the container's limit inside a container
            }
        } catch (RuntimeException | LinkageError e) {
            // unknown: no memory cap, the core count alone decides
        }
        return 0;
    }
}
