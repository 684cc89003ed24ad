package dev.fastembed.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way into ONNX Runtime: switches its telemetry off before the native library starts, then hands out
 * the environment.
 *
 * <p>ONNX Runtime 1.29's official Linux and macOS builds (the Maven Central jars) upload usage events to
 * Microsoft through the 1DS SDK and keep a device id under {@code ~/.cache/Microsoft/DeveloperTools}, unless
 * {@value #VARIABLE}{@code =1} is in the process environment when the runtime initialises (docs/Privacy.md in
 * microsoft/onnxruntime, v1.29.0). The same start-up code reads {@code /proc/self/cmdline} and crashed the JVM
 * (SIGSEGV) on command lines over ~4 KB; with the variable set it never runs. A JVM cannot change its own
 * environment through Java, so the C library's {@code setenv} is called through JNA (on the classpath with
 * DJL). Windows builds read no such variable: they log ETW events, recorded only while a trace session
 * collects them, which {@link OrtEnvironment#setTelemetry(boolean)} switches off on every platform.
 *
 * <p>Decided once per process, the first time any facade needs ONNX Runtime. A value the user set is never
 * changed (a blank one counts as unset); only {@code 0} opts in, and then the switch is not called either.
 * Code that starts ONNX Runtime before fastembed does (another library in the same JVM) decides for the whole
 * process; on Linux that is logged.
 */
public final class OrtTelemetry {

    static final String VARIABLE = "ORT_DISABLE_TELEMETRY";
    /** Seen on Linux x64: 1.29.0 crashed with telemetry on from about 4 KB; 1.22.0 did not. */
    static final int RISKY_COMMAND_LINE_BYTES = 3800;

    private static final Logger LOG = LoggerFactory.getLogger(OrtTelemetry.class);

    private static volatile boolean eventsSwitchedOff;

    private OrtTelemetry() {
    }

    /**
     * The process's ONNX Runtime environment, with telemetry off unless the user chose otherwise.
     *
     * @throws UnsatisfiedLinkError when ONNX Runtime's native library cannot load on this platform
     */
    public static OrtEnvironment environment() {
        boolean optedIn = Decision.OPTED_IN;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        if (!optedIn && !eventsSwitchedOff) {
            synchronized (OrtTelemetry.class) {
                if (!eventsSwitchedOff) {
                    try {
                        environment.setTelemetry(false);
                    } catch (OrtException | RuntimeException e) {
                        LOG.warn("Could not switch ONNX Runtime's telemetry events off: {}", e.getMessage());
                    }
                    eventsSwitchedOff = true;
                }
            }
        }
        return environment;
    }

    /** The JVM's class initialisation makes this run exactly once, before the first use of ONNX Runtime. */
    private static final class Decision {

        /** The user's value of the variable, null when unset or blank. */
        static final String CHOSEN = chosen(System.getenv(VARIABLE));
        /** Only {@code 0} opts in; any other value the user set is left as it is. */
        static final boolean OPTED_IN = "0".equals(CHOSEN);

        static {
            boolean windows = System.getProperty("os.name", "").startsWith("Windows");
            if (CHOSEN == null && !windows) {
                if (nativeRuntimeAlreadyLoaded(Path.of("/proc/self/maps"))) {
                    LOG.warn("ONNX Runtime was started in this JVM before fastembed, so its telemetry follows the "
                            + "environment it started with. Set {}=1 in the environment of the process to be sure "
                            + "it is off.", VARIABLE);
                }
                setenvOrWarn();
            } else if (OPTED_IN) {
                LOG.info("{}=0: ONNX Runtime's telemetry stays on, as chosen.", VARIABLE);
                long bytes = commandLineBytes(Path.of("/proc/self/cmdline"));
                if (bytes > RISKY_COMMAND_LINE_BYTES) {
                    LOG.warn("This JVM's command line is {} bytes long. With telemetry on, ONNX Runtime 1.29.0 has "
                            + "crashed the JVM (SIGSEGV) while starting on command lines over ~4 KB: if the process "
                            + "dies now, unset {} or shorten the command line (java @argfile, CLASSPATH).", bytes,
                            VARIABLE);
                }
            } else if (!"1".equals(CHOSEN)) {
                LOG.warn("{}={} is neither 0 (telemetry on) nor 1 (off); left as set, ONNX Runtime decides what it "
                        + "means.", VARIABLE, CHOSEN);
            }
        }

        private static String chosen(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }

        private static void setenvOrWarn() {
            try {
                // Overwrite a blank value only: native code that set it after the JVM started keeps its choice.
                if (!setenv(VARIABLE, "1", System.getenv(VARIABLE) != null)) {
                    LOG.warn("setenv({}) failed; ONNX Runtime's telemetry may be on. Set {}=1 in the process "
                            + "environment.", VARIABLE, VARIABLE);
                }
            } catch (LinkageError | RuntimeException e) {
                LOG.warn("Could not set {} through the C library ({}); ONNX Runtime's telemetry may be on. Set "
                        + "{}=1 in the process environment.", VARIABLE, e, VARIABLE);
            }
        }
    }

    /** The length of this process's command line, or -1 where it cannot be read (Linux only). */
    static long commandLineBytes(Path cmdline) {
        try {
            return Files.isReadable(cmdline) ? Files.readAllBytes(cmdline).length : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whether a shared library named like ONNX Runtime's is mapped into this process (Linux only). */
    static boolean nativeRuntimeAlreadyLoaded(Path maps) {
        try {
            if (!Files.isReadable(maps)) {
                return false;
            }
            try (var lines = Files.lines(maps)) {
                return lines.anyMatch(line -> line.contains("/libonnxruntime.so")
                        || line.contains("/libonnxruntime.dylib"));
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The C library's {@code setenv}: what native code's {@code getenv} then sees. */
    static boolean setenv(String name, String value, boolean overwrite) {
        return CLibrary.INSTANCE.setenv(name, value, overwrite ? 1 : 0) == 0;
    }

    /** The C library's {@code getenv}, which the JVM's {@code System.getenv} snapshot does not follow. */
    static String nativeGetenv(String name) {
        return CLibrary.INSTANCE.getenv(name);
    }

    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }
}
