package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every dense family of spec §6.2, on small generated graphs carrying the real models' input and output names
 * (src/test/python/make_tiny_models.py) and a real BERT tokenizer. Each is checked against a direct ONNX
 * Runtime run of one unpadded text, pooled by hand: batching, padding and masking must not change a vector.
 */
class DenseFamiliesIT {

    private static final List<String> TEXTS = List.of(
            "hello world",
            "flag embedding",
            "Berlin is the current capital of Germany, Bonn is a former capital of Germany.",
            "a",
            "The problem with people who have no vices is that they have some pretty annoying virtues.");
    private static final AtomicInteger IDS = new AtomicInteger();

    @TempDir
    static Path dir;
    private static Path tokenizerJson;

    @BeforeAll
    static void copyTokenizer() throws Exception {
        tokenizerJson = TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", dir.resolve("tokenizer.json"));
    }

    @Test
    void cls_pooling_takes_the_first_token_then_normalizes() throws Exception {
        check("tiny-encoder", b -> b.pooling(Pooling.CLS).normalize(true), null);
    }

    @Test
    void mean_pooling_averages_real_tokens_only_then_normalizes() throws Exception {
        check("tiny-encoder", b -> b.pooling(Pooling.MEAN).normalize(true), null);
    }

    @Test
    void mean_pooling_without_normalization_keeps_the_raw_scale() throws Exception {
        List<float[]> vectors = check("tiny-encoder", b -> b.pooling(Pooling.MEAN).normalize(false), null);
        assertThat(TestSupport.norm(vectors.get(0))).isNotCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void last_token_pooling_takes_the_last_real_token_with_right_padding() throws Exception {
        check("tiny-encoder", b -> b.pooling(Pooling.LAST_TOKEN).normalize(true), null);
    }

    @Test
    void last_token_pooling_takes_the_last_real_token_with_left_padding() throws Exception {
        Path leftTokenizer = dir.resolve("left").resolve("tokenizer.json");
        Files.createDirectories(leftTokenizer.getParent());
        JsonObject json = JsonParser.parseString(Files.readString(tokenizerJson)).getAsJsonObject();
        JsonObject padding = new JsonObject();
        padding.addProperty("direction", "Left");
        padding.addProperty("strategy", "BatchLongest");
        padding.addProperty("pad_id", 0);
        padding.addProperty("pad_type_id", 0);
        padding.addProperty("pad_token", "[PAD]");
        json.add("padding", padding);
        Files.writeString(leftTokenizer, json.toString(), StandardCharsets.UTF_8);
        check("tiny-encoder", b -> b.pooling(Pooling.LAST_TOKEN).normalize(true), leftTokenizer);
    }

    @Test
    void builtin_sentence_embedding_reads_output_number_one_raw() throws Exception {
        check("tiny-two-outputs", b -> b.pooling(Pooling.DISABLED).normalize(false).outputIndex(1), null);
    }

    @Test
    void clip_text_tower_output_is_returned_untouched() throws Exception {
        List<float[]> vectors = check("tiny-clip", b -> b.pooling(Pooling.DISABLED).normalize(false), null);
        assertThat(TestSupport.norm(vectors.get(2))).isNotCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void siglip_style_text_tower_reads_pooler_output_padded_to_the_max_length() throws Exception {
        // The graph has no attention_mask: its output depends on the pads, so every text is padded to 64.
        List<float[]> vectors = check("tiny-pooler", b -> b.pooling(Pooling.DISABLED).normalize(true)
                .outputName("pooler_output").maxLength(64).padToMaxLength(true), null);
        float[] unpadded = reference("tiny-pooler", TEXTS.get(0), "pooler_output", 0, null, true, 0);
        assertThat(TestSupport.maxAbsDiff(vectors.get(0), unpadded)).isGreaterThan(1e-3);
    }

    @Test
    void jina_v3_style_task_id_is_a_scalar_input_chosen_per_call() throws Exception {
        ModelDescription model = register("tiny-tasks", b -> b.pooling(Pooling.MEAN).normalize(true)
                .task("retrieval.query", 0).task("retrieval.passage", 1).task("separation", 2)
                .defaultTask("retrieval.passage"));
        Path modelDir = modelDir("tiny-tasks", null);
        try (TextEmbedding embedding = TextEmbedding.builder().model(model.id()).modelPath(modelDir).build();
                TextEmbedding separation = TextEmbedding.builder().model(model.id()).modelPath(modelDir)
                        .task("separation").build()) {
            for (int i = 0; i < TEXTS.size(); i++) {
                String text = TEXTS.get(i);
                assertClose(embedding.queryEmbed(text), pooled("tiny-tasks", text, 0L, Pooling.MEAN, true));
                assertClose(embedding.embed(List.of(text)).get(0), pooled("tiny-tasks", text, 1L, Pooling.MEAN, true));
                assertClose(embedding.passageEmbed(List.of(text)).get(0),
                        pooled("tiny-tasks", text, 1L, Pooling.MEAN, true));
                assertClose(separation.embed(text), pooled("tiny-tasks", text, 2L, Pooling.MEAN, true));
            }
            assertThat(TestSupport.maxAbsDiff(embedding.queryEmbed(TEXTS.get(0)), embedding.embed(TEXTS.get(0))))
                    .isGreaterThan(1e-4);
        }
        assertThatThrownBy(() -> TextEmbedding.builder().model(model.id()).modelPath(modelDir).task("nope").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retrieval.query");
    }

    @Test
    void a_catalog_dimension_that_disagrees_with_the_file_is_reported() throws Exception {
        ModelDescription model = register("tiny-encoder", b -> b.pooling(Pooling.CLS).dimension(32));
        try (TextEmbedding embedding = TextEmbedding.builder().model(model.id()).modelPath(modelDir("tiny-encoder",
                null)).build()) {
            assertThatThrownBy(() -> embedding.embed("hello"))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("16-dimensional").hasMessageContaining("32");
        }
    }

    // --- helpers ---

    private interface Customizer {
        ModelDescription.Builder apply(ModelDescription.Builder builder);
    }

    private static ModelDescription register(String file, Customizer customizer) {
        ModelDescription model = customizer.apply(ModelDescription.builder("tiny/" + file + "-" + IDS.incrementAndGet())
                .dimension(16).modelFile("model.onnx").maxLength(128)).build();
        TextEmbedding.addCustomModel(model);
        return model;
    }

    private static Path modelDir(String file, Path tokenizer) throws Exception {
        Path modelDir = dir.resolve(file + "-" + IDS.incrementAndGet());
        TestSupport.copyResource("tiny-models/" + file + ".onnx", modelDir.resolve("model.onnx"));
        Files.copy(tokenizer != null ? tokenizer : tokenizerJson, modelDir.resolve("tokenizer.json"));
        return modelDir;
    }

    /** Embeds TEXTS in mixed-length batches (sizes 2 and 5) and compares each with the single-text reference. */
    private static List<float[]> check(String file, Customizer customizer, Path tokenizer) throws Exception {
        ModelDescription model = register(file, customizer);
        Path modelDir = modelDir(file, tokenizer);
        List<float[]> vectors;
        try (TextEmbedding embedding = TextEmbedding.builder().model(model.id()).modelPath(modelDir).batchSize(2)
                .build(); TextEmbedding wide = TextEmbedding.builder().model(model.id()).modelPath(modelDir).build()) {
            vectors = embedding.embed(TEXTS);
            List<float[]> oneBatch = wide.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] expected = model.pooling() == Pooling.DISABLED
                        ? reference(file, TEXTS.get(i), model.outputName(), model.outputIndex(), null,
                                model.normalize(), model.padToMaxLength() ? model.maxLength() : 0)
                        : pooled(file, TEXTS.get(i), null, model.pooling(), model.normalize());
                assertClose(vectors.get(i), expected);
                assertClose(oneBatch.get(i), expected);
            }
        }
        return vectors;
    }

    /** A direct ORT run of one text, padded with id 0 to {@code padTo} positions if given (mask 1 on real tokens). */
    private static float[] reference(String file, String text, String outputName, int outputIndex, Long taskId,
            boolean normalize, int padTo) throws Exception {
        float[][][] hidden = run(file, text, outputName, outputIndex, taskId, padTo);
        float[] vector = hidden[0][0].clone();
        return normalize ? normalized(vector) : vector;
    }

    private static float[] pooled(String file, String text, Long taskId, Pooling pooling, boolean normalize)
            throws Exception {
        float[][] tokens = run(file, text, null, 0, taskId, 0)[0];
        float[] vector = new float[tokens[0].length];
        switch (pooling) {
            case CLS -> vector = tokens[0].clone();
            case LAST_TOKEN -> vector = tokens[tokens.length - 1].clone();
            case MEAN -> {
                for (float[] token : tokens) {
                    for (int d = 0; d < vector.length; d++) {
                        vector[d] += token[d] / tokens.length;
                    }
                }
            }
            default -> throw new IllegalArgumentException();
        }
        return normalize ? normalized(vector) : vector;
    }

    /** Returns [1][tokens][dim] for 3-D outputs, [1][1][dim] for 2-D ones. */
    private static float[][][] run(String file, String text, String outputName, int outputIndex, Long taskId,
            int padTo) throws Exception {
        long[] ids;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                Map.of("padding", "false"))) {
            ids = tokenizer.encode(text).getIds();
        }
        int length = Math.max(ids.length, padTo);
        long[][] input = new long[1][length];
        long[][] mask = new long[1][length];
        System.arraycopy(ids, 0, input[0], 0, ids.length);
        java.util.Arrays.fill(mask[0], 0, ids.length, 1L);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path onnx = dir.resolve("reference-" + file + ".onnx");
        if (!Files.exists(onnx)) {
            TestSupport.copyResource("tiny-models/" + file + ".onnx", onnx);
        }
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", OnnxTensor.createTensor(env, input));
            if (session.getInputNames().contains("attention_mask")) {
                inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
            }
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[1][length]));
            }
            if (session.getInputNames().contains("task_id")) {
                inputs.put("task_id", OnnxTensor.createTensor(env, taskId));
            }
            String name = outputName != null ? outputName
                    : List.copyOf(session.getOutputNames()).get(outputIndex);
            try (OrtSession.Result result = session.run(inputs)) {
                Object value = result.get(name).orElseThrow().getValue();
                inputs.values().forEach(OnnxTensor::close);
                if (value instanceof float[][][] three) {
                    return three;
                }
                return new float[][][] {(float[][]) value};
            }
        }
    }

    private static float[] normalized(float[] vector) {
        double norm = TestSupport.norm(vector);
        float[] out = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            out[d] = (float) (vector[d] / norm);
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSize(expected.length);
        assertThat(TestSupport.maxAbsDiff(actual, expected)).isLessThan(1e-5);
    }
}
