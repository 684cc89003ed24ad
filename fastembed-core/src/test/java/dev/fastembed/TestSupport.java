package dev.fastembed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Shared test data: real text, fp32 variants of bundled models, vector maths. */
final class TestSupport {

    /** bge-small-en-v1.5 served from LangChain4j's fp32 jar (the catalog entry prefers the int8 one). */
    static final String BGE_FP32 = "test/bge-small-en-v1.5-fp32";
    static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2"; // catalog prefers the fp32 jar

    static {
        ModelDescription bge = ModelCatalog.denseTextModel("BAAI/bge-small-en-v1.5");
        ModelCatalog.addDenseTextModel(ModelDescription.builder(BGE_FP32)
                .dimension(bge.dimension()).pooling(bge.pooling()).normalize(bge.normalize())
                .modelFile(bge.modelFile()).maxLength(bge.maxLength())
                .bundles(List.of(bge.bundles().get(1)))
                .build());
    }

    private TestSupport() {
    }

    static void init() {
        // forces the static registration above
    }

    static List<String> shortTexts() {
        return lines("/fortunes/short.txt");
    }

    static List<String> passages() {
        return lines("/fortunes/passage.txt");
    }

    private static List<String> lines(String resource) {
        try (InputStream in = TestSupport.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static double norm(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += v * (double) v;
        }
        return Math.sqrt(sum);
    }

    /** Copies a classpath resource to a file. */
    static Path copyResource(String resource, Path target) throws IOException {
        try (InputStream in = TestSupport.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    /** {@code v / max(||v||, 1e-12)}: the spec's row normalisation, computed here for expected values. */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    static long[] ones(int n) {
        long[] out = new long[n];
        Arrays.fill(out, 1L);
        return out;
    }

    /**
     * One row through a ColBERT-shaped graph, run directly (input_ids, attention_mask, zero token_type_ids): its
     * token vectors, the reference the facades' outputs are checked against.
     */
    static float[][] runTokenGraph(Path model, long[] ids, long[] attention) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toString(),
                new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {attention});
                OnnxTensor types = OnnxTensor.createTensor(env, new long[1][ids.length]);
                OrtSession.Result result = session.run(Map.of("input_ids", input,
                        "attention_mask", mask, "token_type_ids", types))) {
            return ((float[][][]) result.get(0).getValue())[0];
        }
    }
}
