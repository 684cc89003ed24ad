package dev.fastembed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A model whose output is float16 (fastembed 0.9.1 upcasts before pooling and normalising, and mean pooling sums
 * in float64). The generated graph's values are about 400, so a sum of squares in float16 (max 65504) would
 * overflow to infinity and zero the vector, as fastembed's normalize did before 0.9.1.
 */
class Float16OutputIT {

    @TempDir
    static Path dir;

    @Test
    void a_float16_output_is_upcast_then_mean_pooled_in_double_and_normalised() throws Exception {
        Path folder = dir.resolve("fp16");
        TestSupport.copyResource("tiny-models/tiny-encoder-fp16.onnx", folder.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", folder.resolve("tokenizer.json"));
        String id = "test/tiny-encoder-fp16";
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(id))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(id).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).source(ModelSource.huggingFace(id))
                    .build());
        }
        List<String> texts = List.of("float sixteen outputs", "a longer text to pad the first one in its batch");
        try (TextEmbedding model = TextEmbedding.builder().model(id).modelPath(folder).build();
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(folder.resolve("tokenizer.json"),
                        Map.of("padding", "false"))) {
            List<float[]> vectors = model.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                long[] ids = tokenizer.encode(texts.get(i)).getIds();
                float[][] hidden = runHalf(folder, ids);
                assertThat(Math.abs(hidden[0][0])).as("large enough to overflow float16 squares").isGreaterThan(30);
                double[] mean = new double[16];
                for (float[] token : hidden) {
                    for (int d = 0; d < 16; d++) {
                        mean[d] += token[d];
                    }
                }
                double norm = 0;
                for (int d = 0; d < 16; d++) {
                    mean[d] /= hidden.length;
                    norm += mean[d] * mean[d];
                }
                norm = Math.sqrt(norm);
                float[] expected = new float[16];
                for (int d = 0; d < 16; d++) {
                    expected[d] = (float) (mean[d] / norm);
                }
                assertThat(vectors.get(i)).containsExactly(expected, within(1e-5f));
                assertThat(TestSupport.norm(vectors.get(i))).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    /** The graph's float16 output for one text, widened here bit by bit (IEEE 754 binary16). */
    private static float[][] runHalf(Path folder, long[] ids) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        try (OrtSession session = env.createSession(folder.resolve("model.onnx").toString(),
                new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor attention = OnnxTensor.createTensor(env, new long[][] {mask});
                OnnxTensor types = OnnxTensor.createTensor(env, new long[1][ids.length]);
                OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", attention,
                        "token_type_ids", types))) {
            ShortBuffer halves = ((OnnxTensor) result.get(0)).getShortBuffer();
            float[][] out = new float[ids.length][16];
            for (int t = 0; t < ids.length; t++) {
                for (int d = 0; d < 16; d++) {
                    out[t][d] = halfToFloat(halves.get(t * 16 + d));
                }
            }
            return out;
        }
    }

    private static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits >>> 15) << 31;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) { // subnormal: mantissa * 2^-24
            return (sign == 0 ? 1 : -1) * mantissa * 0x1p-24f;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
