package dev.fastembed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.fastembed.sparse.TokenHash;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * miniCOIL on a generated Jina-style encoder (512-d token embeddings), a five-word vocabulary and a
 * random W[6, 512, 4] written here as a .npy file; the expected vector of one sentence is worked out by hand
 * from the encoder's raw output, step by step as spec §6.7 describes.
 */
class MiniCoilIT {

    static final String ID = "Qdrant/minicoil-v1";
    static final List<String> VOCAB = List.of("hello", "world", "fox", "quick", "vector");
    static final String SENTENCE = "Hello vectors, the hello quick world grenouilles!";

    @TempDir
    static Path dir;
    static Path modelDir;
    static float[][][] w; // [6][512][4]

    @BeforeAll
    static void model() throws Exception {
        modelDir = dir.resolve("minicoil");
        TestSupport.copyResource("tiny-models/tiny-minicoil.onnx", modelDir.resolve("onnx/model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", modelDir.resolve("tokenizer.json"));
        Files.writeString(modelDir.resolve("stopwords.txt"), "the\na\n");
        Files.writeString(modelDir.resolve("minicoil.triplet.model.vocab"), "{\"vocab\": [\"hello\", \"world\", \"fox\", "
                + "\"quick\", \"vector\"], \"stem_mapping\": {\"vector\": \"vector\", \"hello\": \"hello\"}}");
        Random random = new Random(11);
        w = new float[VOCAB.size() + 1][512][4];
        for (float[][] word : w) {
            for (float[] row : word) {
                for (int j = 0; j < 4; j++) {
                    row[j] = (float) (random.nextGaussian() * 0.05);
                }
            }
        }
        writeNpy(modelDir.resolve("minicoil.triplet.model.npy"), w);
    }

    @Test
    void a_sentence_gives_meaning_vectors_for_known_words_and_hashed_bm25_ids_for_the_rest() throws Exception {
        String[] tokens;
        long[] ids;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(modelDir.resolve("tokenizer.json"),
                Map.of("padding", "false"))) {
            var encoding = tokenizer.encode(SENTENCE);
            tokens = encoding.getTokens();
            ids = encoding.getIds();
        }
        assertThat(tokens).containsExactly("[CLS]", "hello", "vectors", ",", "the", "hello", "quick", "world", "gr",
                "##eno", "##uil", "##les", "!", "[SEP]");
        float[][] e = hidden(ids);
        // hello: positions 1 and 5, vocab id 1; vectors -> stem "vector" -> id 5; quick id 4; world id 2;
        // grenouilles (4 pieces) is out of vocabulary -> stem "grenouill" hashed; the, ",", "!", [CLS], [SEP] dropped.
        Map<Long, Float> expected = new java.util.HashMap<>();
        int length = 2 + 1 + 1 + 1 + 1;
        putKnown(expected, 1, meaning(e, new int[] {1, 5}, 1), tf(2, length));
        putKnown(expected, 5, meaning(e, new int[] {2}, 5), tf(1, length));
        putKnown(expected, 4, meaning(e, new int[] {6}, 4), tf(1, length));
        putKnown(expected, 2, meaning(e, new int[] {7}, 2), tf(1, length));
        long shift = ((6L * 4) / 32000 + 2) * 32000;
        assertThat(shift).isEqualTo(64_000);
        expected.put(shift + TokenHash.id("grenouill") % (Integer.MAX_VALUE - shift), (float) tf(1, length));

        try (SparseTextEmbedding model = SparseTextEmbedding.builder().model(ID).modelPath(modelDir).build()) {
            List<SparseEmbedding> docs = model.embed(List.of("fox", SENTENCE, "a"));
            Map<Long, Float> actual = docs.get(1).asMap();
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((k, v) -> assertThat(actual.get(k)).as("index " + k).isCloseTo(v, within(1e-5f)));
            assertThat(docs.get(2).isEmpty()).isTrue(); // a stop word alone

            SparseEmbedding query = model.queryEmbed(SENTENCE);
            assertThat(query.indicesAsLongs()).isEqualTo(docs.get(1).indicesAsLongs());
            double helloTf = tf(2, length);
            assertThat(query.asMap().get(4L)).isCloseTo((float) (actual.get(4L) / helloTf), within(1e-5f));
            assertThat(query.asMap().get(shift + TokenHash.id("grenouill") % (Integer.MAX_VALUE - shift)))
                    .isEqualTo(1f);
        }
    }

    @Test
    void a_weights_file_of_the_wrong_shape_is_refused_naming_it() throws Exception {
        Path broken = dir.resolve("broken");
        for (String file : List.of("onnx/model.onnx", "tokenizer.json", "stopwords.txt", "minicoil.triplet.model.vocab")) {
            Files.createDirectories(broken.resolve(file).getParent());
            Files.copy(modelDir.resolve(file), broken.resolve(file));
        }
        writeNpy(broken.resolve("minicoil.triplet.model.npy"), new float[3][512][4]);
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model(ID).modelPath(broken).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("minicoil.triplet.model.npy").hasMessageContaining("[6 (vocabulary + 1)");
        Files.write(broken.resolve("minicoil.triplet.model.npy"), "not numpy".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model(ID).modelPath(broken).build())
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("not a .npy file");
    }

    private static void putKnown(Map<Long, Float> out, int wordId, float[] meaning, double tf) {
        double norm = 0;
        for (float x : meaning) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < 4; j++) {
            out.put((long) wordId * 4 + j, (float) (meaning[j] / norm * tf));
        }
    }

    private static double tf(int count, int length) {
        return count * 2.2 / (count + 1.2 * (1 - 0.75 + 0.75 * length / 150.0));
    }

    private static float[] meaning(float[][] e, int[] positions, int wordId) {
        float[] out = new float[4];
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            for (int d = 0; d < 512; d++) {
                double mean = 0;
                for (int p : positions) {
                    mean += e[p][d];
                }
                sum += mean / positions.length * w[wordId][d][j];
            }
            out[j] = (float) Math.tanh(sum);
        }
        return out;
    }

    private static float[][] hidden(long[] ids) throws Exception {
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1L);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(modelDir.resolve("onnx/model.onnx").toString(),
                new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
                OnnxTensor types = OnnxTensor.createTensor(env, new long[1][ids.length]);
                OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", mask,
                        "token_type_ids", types))) {
            return ((float[][][]) result.get(0).getValue())[0];
        }
    }

    /** numpy.save's format 1.0 for a C-ordered little-endian float32 array. */
    private static void writeNpy(Path file, float[][][] array) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + array.length + ", "
                + array[0].length + ", " + array[0][0].length + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer data = ByteBuffer.allocate(array.length * array[0].length * array[0][0].length * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float[][] a : array) {
            for (float[] b : a) {
                for (float x : b) {
                    data.putFloat(x);
                }
            }
        }
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream bytes = new DataOutputStream(out)) {
            bytes.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            bytes.write(header.length() & 0xFF);
            bytes.write(header.length() >> 8);
            bytes.write(header.getBytes(StandardCharsets.US_ASCII));
            bytes.write(data.array());
        }
    }
}
