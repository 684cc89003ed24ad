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
 * <p>Decided once per process, the first time any facade needs ONNX Runtime. A user who set
 * {@value #VARIABLE} (to {@code 0} to opt in, or to anything else) is left alone: we neither change the
 * variable nor call the switch. Code that starts ONNX Runtime before fastembed does (another library in the
 * same JVM) decides for the whole process; that is logged.
 */
public final class OrtTelemetry {

    static final String VARIABLE = "ORT_DISABLE_TELEMETRY";

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
        boolean ours = Decision.OURS;
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        if (ours && !eventsSwitchedOff) {
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

        /** The user's value of the variable when we decided; null when unset. */
        static final String CHOSEN = System.getenv(VARIABLE);
        /** Whether the choice was ours to make. */
        static final boolean OURS = CHOSEN == null;

        static {
            if (OURS && !Platform.isWindows()) {
                if (nativeRuntimeAlreadyLoaded(Path.of("/proc/self/maps"))) {
                    LOG.warn("ONNX Runtime was started in this JVM before fastembed, so its telemetry follows the "
                            + "environment it started with. Set {}=1 in the environment of the process to be sure "
                            + "it is off.", VARIABLE);
                }
                setenvOrWarn();
            } else if (!OURS && "0".equals(CHOSEN.trim())) {
                LOG.info("{}=0: ONNX Runtime's telemetry stays on, as chosen.", VARIABLE);
            }
        }

        private static void setenvOrWarn() {
            try {
                // overwrite = 0: native code of the user's that set the variable after the JVM started wins
                if (CLibrary.INSTANCE.setenv(VARIABLE, "1", 0) != 0) {
                    LOG.warn("setenv({}) failed; ONNX Runtime's telemetry may be on. Set {}=1 in the process "
                            + "environment.", VARIABLE, VARIABLE);
                }
            } catch (LinkageError | RuntimeException e) {
                LOG.warn("Could not set {} through the C library ({}); ONNX Runtime's telemetry may be on. Set "
                        + "{}=1 in the process environment.", VARIABLE, e, VARIABLE);
            }
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

    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}
