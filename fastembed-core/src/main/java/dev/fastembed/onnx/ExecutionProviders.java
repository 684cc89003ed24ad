package dev.fastembed.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;

import dev.fastembed.Device;
import dev.fastembed.ModelLoadException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and attaches the execution provider. Whether {@link Device#AUTO} can use CUDA is decided once per
 * process: probing costs seconds where the GPU runtime is present but CUDA libraries are not.
 */
public final class ExecutionProviders {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);
    private static final String GPU_ADVICE = "Replace com.microsoft.onnxruntime:onnxruntime with "
            + "com.microsoft.onnxruntime:onnxruntime_gpu (linux/windows x64; in this project's build: mvn -Pgpu) and "
            + "install the CUDA 12 and cuDNN 9 libraries it needs, or use Device.CPU / Device.AUTO.";
    /**
     * The shared libraries ONNX Runtime 1.29's CUDA provider loads (CUDA 12, cuDNN 9), from its documentation's
     * requirements table: the ones missing are named when the provider does not load, since ONNX Runtime's own
     * exception says only "Failed to load shared library".
     */
    static final List<String> CUDA_LIBRARIES = List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12",
            "libcufft.so.11", "libcurand.so.10", "libcudnn.so.9");

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
            LOG.info("ONNX Runtime's GPU build is on the class path but its CUDA provider did not load ({}{}); "
                    + "Device.AUTO runs every model of this process on the CPU.", e.getMessage(), missingNote());
            return false;
        }
    }

    /** "; missing: ..." naming the CUDA libraries not found on this Linux host, or "" when none is missing. */
    private static String missingNote() {
        List<String> missing = missingCudaLibraries(searchPath());
        return missing.isEmpty() ? "" : "; missing CUDA libraries: " + String.join(", ", missing)
                + " (searched LD_LIBRARY_PATH, the linker's default folders and /usr/local/cuda)";
    }

    /** The CUDA libraries the provider needs that this Linux host lacks (LD_LIBRARY_PATH and the usual folders). */
    public static List<String> missingCudaLibraries() {
        return missingCudaLibraries(searchPath());
    }

    /** The libraries of {@link #CUDA_LIBRARIES} found in none of {@code folders}; none on other systems. */
    static List<String> missingCudaLibraries(List<Path> folders) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        for (String library : CUDA_LIBRARIES) {
            if (folders.stream().noneMatch(folder -> Files.exists(folder.resolve(library)))) {
                missing.add(library);
            }
        }
        return missing;
    }

    private static List<Path> searchPath() {
        List<Path> folders = new ArrayList<>();
        String configured = System.getenv("LD_LIBRARY_PATH");
        if (configured != null) {
            for (String folder : configured.split(":")) {
                if (!folder.isBlank()) {
                    folders.add(Path.of(folder));
                }
            }
        }
        for (String folder : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64",
                "/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/local/lib"}) {
            folders.add(Path.of(folder));
        }
        return folders;
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
                    + e.getMessage() + missingNote() + ". " + GPU_ADVICE, e);
        }
    }
}
