package dev.fastembed.onnx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX Runtime 1.29.0's Java binding was seen to crash the JVM (SIGSEGV, no hs_err file) while creating its
 * environment when the process command line is longer than about 4 KB (Linux x64; 1.22.0 does not). A long
 * {@code java -cp ...} line is the usual cause. The crash cannot be caught, so warn first, with the fix.
 */
final class CommandLineCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLineCheck.class);
    static final int RISKY_BYTES = 3800;

    private static volatile boolean done;

    private CommandLineCheck() {
    }

    static void warnIfRisky() {
        if (done) {
            return;
        }
        done = true;
        long length = commandLineBytes(Path.of("/proc/self/cmdline"));
        if (length >= RISKY_BYTES) {
            LOG.warn("This JVM's command line is {} bytes long. ONNX Runtime's Java binding has been seen to crash "
                    + "the JVM while starting when it exceeds about 4 KB. If the process dies right after this "
                    + "line, start Java with an argument file (java @args.txt), the CLASSPATH variable, a "
                    + "manifest classpath or java -jar instead of a long -cp.", length);
        }
    }

    static long commandLineBytes(Path cmdline) {
        try {
            return Files.isReadable(cmdline) ? Files.readAllBytes(cmdline).length : -1;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }
}
