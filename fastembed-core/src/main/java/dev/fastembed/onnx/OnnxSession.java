package dev.fastembed.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import dev.fastembed.Device;
import dev.fastembed.ModelLoadException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session on a model file, with the graph's input and output names. Loaded from a path so
 * that external data files ({@code model.onnx_data}) resolve and nothing is capped at 2 GB. {@code run} is
 * thread-safe.
 */
public final class OnnxSession implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final Path path;
    private final Device device;
    private final int threads;
    private final Set<String> inputNames;
    private final List<String> outputNames;

    private OnnxSession(OrtEnvironment environment, OrtSession session, Path path, Device device, int threads)
            throws OrtException {
        this.environment = environment;
        this.session = session;
        this.path = path;
        this.device = device;
        this.threads = threads;
        this.inputNames = Set.copyOf(session.getInputNames());
        this.outputNames = List.copyOf(session.getOutputInfo().keySet());
    }

    /**
     * Opens a session with graph optimization level ALL, as fastembed does.
     *
     * @throws ModelLoadException naming the file when it is missing, corrupt or needs an unavailable provider
     */
    public static OnnxSession open(Path model, SessionSettings settings) {
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("ONNX model file " + model.toAbsolutePath() + " does not exist.");
        }
        OrtEnvironment environment = OrtTelemetry.environment();
        Device device = settings.device() == Device.AUTO ? ExecutionProviders.resolveAuto() : settings.device();
        try (SessionOptions options = new SessionOptions()) {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            // Always an explicit count: ONNX Runtime pins the threads of its default one (see CpuTopology).
            int threads = settings.threads() != null ? settings.threads() : CpuTopology.defaultThreads();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(threads);
            options.setCPUArenaAllocator(settings.cpuMemArena() != null ? settings.cpuMemArena()
                    : device != Device.CUDA);
            ExecutionProviders.attach(options, device, settings.deviceId());
            OrtSession session = environment.createSession(model.toAbsolutePath().toString(), options);
            try {
                return new OnnxSession(environment, session, model, device, threads);
            } catch (OrtException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            String message = e.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("nbits")) {
                throw new ModelLoadException("ONNX model " + model.toAbsolutePath() + " uses int4/int8 "
                        + "MatMulNBits, which needs ONNX Runtime 1.23 or newer on the classpath: " + message, e);
            }
            throw new ModelLoadException("Could not load ONNX model " + model.toAbsolutePath() + ": " + message
                    + ". The file may be corrupt or incomplete: delete it (and its cache folder) and fetch it "
                    + "again.", e);
        }
    }

    public OrtEnvironment environment() {
        return environment;
    }

    public Set<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public boolean hasInput(String name) {
        return inputNames.contains(name);
    }

    /** The device this session actually runs on (AUTO resolved). */
    public Device device() {
        return device;
    }

    /** The intra-op threads one run may use (the configured count, else the physical cores this JVM may use). */
    public int threads() {
        return threads;
    }

    public Path path() {
        return path;
    }

    /** Runs the graph, computing only the requested outputs. The caller closes the result. */
    public OrtSession.Result run(Map<String, OnnxTensor> inputs, Set<String> outputs) throws OrtException {
        return session.run(inputs, outputs);
    }

    /**
     * Runs the graph, writing the {@code pinned} outputs into the caller's tensors and computing the other
     * requested ones. The caller closes the result and the pinned tensors.
     */
    public OrtSession.Result run(Map<String, OnnxTensor> inputs, Set<String> outputs, Map<String, OnnxTensor> pinned)
            throws OrtException {
        if (pinned.isEmpty()) {
            return session.run(inputs, outputs);
        }
        java.util.Set<String> computed = new java.util.LinkedHashSet<>(outputs);
        computed.removeAll(pinned.keySet());
        return session.run(inputs, computed, pinned);
    }

    /**
     * The declared shape of float32 output {@code name} ({@code -1} for dynamic dimensions), or null when there is
     * no such output or it is of another type (a float16 export is read through ONNX Runtime's widening copy).
     */
    public long[] floatOutputShape(String name) {
        try {
            ai.onnxruntime.NodeInfo info = session.getOutputInfo().get(name);
            return info != null && info.getInfo() instanceof ai.onnxruntime.TensorInfo tensor
                    && tensor.type == ai.onnxruntime.OnnxJavaType.FLOAT ? tensor.getShape() : null;
        } catch (OrtException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Could not close the ONNX session of " + path, e);
        }
    }

    @Override
    public String toString() {
        return "OnnxSession[" + path + ", " + device + "]";
    }
}
