package dev.fastembed.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;

import dev.fastembed.Device;
import dev.fastembed.ModelLoadException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and attaches the execution provider. Whether {@link Device#AUTO} can use CUDA is decided once per
 * process: probing costs seconds where the GPU runtime is present but CUDA libraries are not.
 */
public final class ExecutionProviders {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);
    private static final String GPU_ADVICE = "Replace com.microsoft.onnxruntime:onnxruntime with "
            + "com.microsoft.onnxruntime:onnxruntime_gpu (linux/windows x64) and install the CUDA 12 and cuDNN 9 "
            + "libraries it needs, or use Device.CPU / Device.AUTO.";

    private static volatile Boolean autoUsesCuda;

    private ExecutionProviders() {
    }

    /** Whether this ONNX Runtime lists the CUDA provider at all (the CPU jar does not). */
    public static boolean cudaOffered() {
        OrtTelemetry.environment();
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Whether the ONNX Runtime on the class path ships a CUDA provider at all (the onnxruntime_gpu jar does, the
     * CPU jar does not), found without loading any native library: a lazy model must not load one at build.
     */
    public static boolean cudaPackaged() {
        for (String platform : new String[] {"linux-x64", "linux-aarch64", "win-x64"}) {
            for (String library : new String[] {"libonnxruntime_providers_cuda.so", "onnxruntime_providers_cuda.dll"}) {
                if (OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + library) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The device {@link Device#AUTO} resolves to in this process. */
    public static Device resolveAuto() {
        Boolean cuda = autoUsesCuda;
        if (cuda == null) {
            synchronized (ExecutionProviders.class) {
                cuda = autoUsesCuda;
                if (cuda == null) {
                    cuda = probeCuda();
                    autoUsesCuda = cuda;
                }
            }
        }
        return cuda ? Device.CUDA : Device.CPU;
    }

    private static boolean probeCuda() {
        if (!cudaOffered()) {
            return false;
        }
        try (SessionOptions options = new SessionOptions()) {
            options.addCUDA(0);
            return true;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("ONNX Runtime offers CUDA but it could not be loaded ({}); using the CPU for every model "
                    + "in this process.", e.getMessage());
            return false;
        }
    }

    /** Adds the provider for {@code device} (AUTO already resolved) to the options. */
    static void attach(SessionOptions options, Device device, Integer deviceId) {
        if (device != Device.CUDA) {
            return;
        }
        try {
            options.addCUDA(deviceId == null ? 0 : deviceId);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelLoadException("Device.CUDA" + (deviceId == null ? "" : " (device " + deviceId + ")")
                    + " was requested, but ONNX Runtime could not load its CUDA execution provider: "
                    + e.getMessage() + ". " + GPU_ADVICE, e);
        }
    }
}
