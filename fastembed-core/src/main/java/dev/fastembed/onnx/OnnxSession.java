package dev.fastembed.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;

import dev.fastembed.Device;
import dev.fastembed.ModelLoadException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
    private final Map<String, long[]> textOutputs;

    /** In {@link #tiedShape}: a dimension that is the run's rows, and one that is its tokens (never real sizes). */
    static final long ROWS = Long.MIN_VALUE;
    static final long TOKENS = Long.MIN_VALUE + 1;

    private OnnxSession(OrtEnvironment environment, OrtSession session, Path path, Device device, int threads)
            throws OrtException {
        this.environment = environment;
        this.session = session;
        this.path = path;
        this.device = device;
        this.threads = threads;
        this.inputNames = Set.copyOf(session.getInputNames());
        this.outputNames = List.copyOf(session.getOutputInfo().keySet());
        this.textOutputs = textOutputs(session);
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
    private OrtSession.Result run(Map<String, OnnxTensor> inputs, Set<String> outputs, Map<String, OnnxTensor> pinned)
            throws OrtException {
        if (pinned.isEmpty()) {
            return session.run(inputs, outputs);
        }
        Set<String> computed = new LinkedHashSet<>(outputs);
        computed.removeAll(pinned.keySet());
        return session.run(inputs, computed, pinned);
    }

    /** Reads a run's outputs, in the order asked for, while they are alive. */
    @FunctionalInterface
    public interface OutputReader<R> {
        R read(List<OnnxValue> outputs) throws OrtException;
    }

    /**
     * Runs the graph on text-shaped inputs of {@code rows} x {@code tokens}, computing {@code outputs}: each one
     * whose shape the graph declares ({@link #textOutputShape}) is pinned, written by ONNX Runtime into a direct
     * buffer of ours that {@code read} reads in place through {@link PinnedFloats#floatsOf} (no heap copy of the
     * whole output; SPLADE's logits at the default budget are 62 MB a run), and freed as soon as {@code read}
     * returns. The others are read as ONNX Runtime allocated them. The caller closes the inputs.
     *
     * @throws IllegalStateException when the graph gives no output of a requested name
     */
    public <R> R runText(Map<String, OnnxTensor> inputs, List<String> outputs, int rows, int tokens,
            OutputReader<R> read) throws OrtException {
        Map<String, OnnxTensor> pinned = new HashMap<>();
        List<PinnedFloats> buffers = new ArrayList<>();
        try {
            for (String output : outputs) {
                long[] declared = textOutputShape(output, rows, tokens);
                PinnedFloats buffer = declared == null ? null : PinnedFloats.allocate(environment, declared);
                if (buffer != null) { // else unknown beforehand or too large for one buffer: ONNX Runtime's
                    buffers.add(buffer);
                    pinned.put(output, buffer.tensor());
                }
            }
            try (OrtSession.Result result = run(inputs, new LinkedHashSet<>(outputs), pinned)) {
                List<OnnxValue> values = new ArrayList<>(outputs.size());
                for (String name : outputs) {
                    values.add(pinned.containsKey(name) ? pinned.get(name) : result.get(name)
                            .orElseThrow(() -> new IllegalStateException("the graph " + path + " gave no output "
                                    + name)));
                }
                return read.read(values);
            }
        } finally {
            buffers.forEach(PinnedFloats::close); // read: their memory goes now
        }
    }

    /**
     * The shape float32 output {@code name} will have for a run on {@code rows} texts of {@code tokens} tokens, as
     * the graph declares it: a fixed dimension as declared, one named as {@code input_ids}' first dimension the
     * rows, one named as its second the tokens (ONNX's symbolic dimensions of one name are equal). Null when the
     * output is of another type (a float16 export is read through ONNX Runtime's widening copy), has a dimension
     * of another name or none, or the graph has no {@code input_ids}: its shape is known only after the run.
     */
    public long[] textOutputShape(String name, int rows, int tokens) {
        long[] template = textOutputs.get(name);
        if (template == null) {
            return null;
        }
        long[] shape = template.clone();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == ROWS) {
                shape[d] = rows;
            } else if (shape[d] == TOKENS) {
                shape[d] = tokens;
            }
        }
        return shape;
    }

    /** Each float32 output's declared shape with {@link #ROWS} and {@link #TOKENS} for the tied dimensions. */
    private static Map<String, long[]> textOutputs(OrtSession session) throws OrtException {
        NodeInfo ids = session.getInputInfo().get("input_ids");
        if (ids == null || !(ids.getInfo() instanceof TensorInfo idsInfo) || idsInfo.getShape().length != 2) {
            return Map.of();
        }
        String[] idNames = idsInfo.getDimensionNames();
        Map<String, long[]> out = new HashMap<>();
        for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
            if (output.getValue().getInfo() instanceof TensorInfo info && info.type == OnnxJavaType.FLOAT) {
                long[] template = tiedShape(info.getShape(), info.getDimensionNames(), idNames);
                if (template != null) {
                    out.put(output.getKey(), template);
                }
            }
        }
        return Map.copyOf(out);
    }

    /**
     * {@code shape} with {@link #ROWS} and {@link #TOKENS} where its dimension names are those of the input's two,
     * or null when a dimension is neither fixed nor tied.
     */
    static long[] tiedShape(long[] shape, String[] names, String[] inputNames) {
        if (names == null || inputNames == null || inputNames.length != 2) {
            return null;
        }
        long[] template = shape.clone();
        for (int d = 0; d < template.length; d++) {
            if (template[d] > 0) {
                continue;
            }
            String dimName = d < names.length ? names[d] : null;
            if (dimName == null || dimName.isEmpty()) {
                return null;
            } else if (dimName.equals(inputNames[0])) {
                template[d] = ROWS;
            } else if (dimName.equals(inputNames[1])) {
                template[d] = TOKENS;
            } else {
                return null;
            }
        }
        return template;
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
