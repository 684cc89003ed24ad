package dev.fastembed.benchmarks;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The reference a careful user would write by hand: DJL batch tokenization (its defaults: pad to the longest,
 * truncate at 512), {@code OrtSession.run} with default session options, masked pooling and L2 in plain Java,
 * batches of 32, optionally sorted by length with order restored.
 */
final class OrtBaselinePath implements BenchPath {

    private static final int BATCH = 32;

    private final int batch;
    private final OrtEnvironment env = dev.fastembed.onnx.OrtTelemetry.environment(); // telemetry off first
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean cls;
    private final boolean sorted;

    OrtBaselinePath(BenchModel bench, Path folder, boolean sorted) throws Exception {
        this(bench, folder, sorted, BATCH, new OrtSession.SessionOptions());
    }

    /** With other session options (profiling) and batch size. */
    OrtBaselinePath(BenchModel bench, Path folder, boolean sorted, int batch, OrtSession.SessionOptions options)
            throws Exception {
        this.batch = batch;
        this.session = env.createSession(folder.resolve("model.onnx").toString(), options);
        this.tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                Map.of("padding", "true", "truncation", "true"));
        this.cls = bench.cls;
        this.sorted = sorted;
    }

    @Override
    public String name() {
        return sorted ? "ORT sorted b32" : "ORT unsorted b32";
    }

    @Override
    public List<float[]> embed(List<String> texts) throws Exception {
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        if (sorted) {
            Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        }
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batch) {
            int to = Math.min(order.length, from + batch);
            List<String> rows = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                rows.add(texts.get(order[k]));
            }
            float[][] vectors = run(rows);
            for (int k = from; k < to; k++) {
                out[order[k]] = vectors[k - from];
            }
        }
        return Arrays.asList(out);
    }

    private float[][] run(List<String> batch) throws Exception {
        Encoding[] encodings = tokenizer.batchEncode(batch);
        int rows = encodings.length;
        int seq = encodings[0].getIds().length;
        long[] ids = new long[rows * seq];
        long[] mask = new long[rows * seq];
        long[] types = new long[rows * seq];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(encodings[r].getIds(), 0, ids, r * seq, seq);
            System.arraycopy(encodings[r].getAttentionMask(), 0, mask, r * seq, seq);
            System.arraycopy(encodings[r].getTypeIds(), 0, types, r * seq, seq);
        }
        long[] shape = {rows, seq};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
        inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
        if (session.getInputNames().contains("token_type_ids")) {
            inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
        }
        try (OrtSession.Result result = session.run(inputs)) {
            OnnxTensor hidden = (OnnxTensor) result.get(0);
            int dim = (int) hidden.getInfo().getShape()[2];
            FloatBuffer buffer = hidden.getFloatBuffer();
            float[][] vectors = new float[rows][dim];
            for (int r = 0; r < rows; r++) {
                float[] v = vectors[r];
                if (cls) {
                    buffer.get(r * seq * dim, v);
                } else {
                    int count = 0;
                    for (int t = 0; t < seq; t++) {
                        if (mask[r * seq + t] == 0) {
                            continue;
                        }
                        count++;
                        int base = (r * seq + t) * dim;
                        for (int d = 0; d < dim; d++) {
                            v[d] += buffer.get(base + d);
                        }
                    }
                    for (int d = 0; d < dim; d++) {
                        v[d] /= Math.max(count, 1);
                    }
                }
                double norm = 0;
                for (float x : v) {
                    norm += x * x;
                }
                norm = Math.max(Math.sqrt(norm), 1e-12);
                for (int d = 0; d < dim; d++) {
                    v[d] /= (float) norm;
                }
            }
            return vectors;
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Ends ONNX Runtime's profiling and returns its trace file. */
    String endProfiling() throws Exception {
        return session.endProfiling();
    }

    @Override
    public void close() throws Exception {
        session.close();
        tokenizer.close();
    }
}
