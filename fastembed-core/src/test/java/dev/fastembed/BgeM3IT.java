package dev.fastembed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import com.carrotsearch.hppc.LongFloatHashMap;

import dev.fastembed.model.BgeM3ModelDescription;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.fastembed.TestSupport.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * BGE-M3 on a generated graph with the real export's inputs and outputs (input_ids, attention_mask -> dense_vecs
 * [batch, 1024], sparse_vecs [batch, tokens, 1], colbert_vecs [batch, tokens - 1, 1024]) and an XLM-RoBERTa-shaped
 * Unigram tokenizer with the real vocabulary size (250,002; {@code <s>} 0, {@code <pad>} 1, {@code </s>} 2,
 * {@code <unk>} 3). Expected values come from the graph run directly and the formulas of BGE-M3's own code
 * (FlagEmbedding's BGEM3FlagModel): normalised [CLS]; max positive weight per token id without the four special
 * ids; every attended token but [CLS], normalised.
 */
class BgeM3IT {

    static final int VOCABULARY = 250_002;
    /** Words placed high in the vocabulary, so an id that lost bits or went through a hash would show. */
    static final String[] WORDS = {"hello", "world", "multilingual", "embedding", "model", "bonjour", "le", "monde"};
    static final int FIRST_WORD_ID = 249_900;

    @TempDir
    static Path dir;
    static Path modelDir;
    static HuggingFaceTokenizer plain;
    static BgeM3Embedding m3;

    @BeforeAll
    static void model() throws Exception {
        modelDir = dir.resolve("bge-m3");
        TestSupport.copyResource("tiny-models/tiny-bge-m3.onnx", modelDir.resolve("model_quantized.onnx"));
        Files.writeString(modelDir.resolve("tokenizer.json"), xlmRobertaTokenizer());
        Files.writeString(modelDir.resolve("tokenizer_config.json"), "{\"model_max_length\": 8192, "
                + "\"pad_token\": \"<pad>\"}");
        plain = HuggingFaceTokenizer.newInstance(modelDir.resolve("tokenizer.json"), Map.of("padding", "false",
                "truncation", "false"));
        m3 = BgeM3Embedding.builder().modelPath(modelDir).batchSize(4).maxBatchTokens(48).build();
    }

    @AfterAll
    static void close() {
        m3.close();
        plain.close();
    }

    /**
     * XLM-RoBERTa's layout: Metaspace pre-tokenizer, Unigram model, RobertaProcessing ({@code <s> A </s>}),
     * 250,002 pieces: the four specials, single letters, filler pieces, the test's words near the end, and
     * {@code <mask>} last, as in the real vocabulary.
     */
    static String xlmRobertaTokenizer() {
        StringBuilder vocab = new StringBuilder(8_000_000);
        vocab.append("[[\"<s>\",0.0],[\"<pad>\",0.0],[\"</s>\",0.0],[\"<unk>\",0.0]");
        int id = 4;
        vocab.append(",[\"\u2581\",-5.0]");
        id++;
        for (char c = 'a'; c <= 'z'; c++, id++) {
            vocab.append(",[\"").append(c).append("\",-10.0]");
        }
        for (; id < FIRST_WORD_ID; id++) {
            vocab.append(",[\"\u2581filler").append(id).append("\",-20.0]");
        }
        for (String word : WORDS) {
            vocab.append(",[\"\u2581").append(word).append("\",-1.0]");
            id++;
        }
        for (; id < VOCABULARY - 1; id++) {
            vocab.append(",[\"\u2581tail").append(id).append("\",-20.0]");
        }
        vocab.append(",[\"<mask>\",0.0]]");
        String added = "[" + added(0, "<s>") + "," + added(1, "<pad>") + "," + added(2, "</s>") + ","
                + added(3, "<unk>") + "," + added(VOCABULARY - 1, "<mask>") + "]";
        return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":" + added
                + ",\"normalizer\":null,"
                + "\"pre_tokenizer\":{\"type\":\"Metaspace\",\"replacement\":\"\u2581\",\"prepend_scheme\":\"always\","
                + "\"split\":true},"
                + "\"post_processor\":{\"type\":\"RobertaProcessing\",\"sep\":[\"</s>\",2],\"cls\":[\"<s>\",0],"
                + "\"trim_offsets\":true,\"add_prefix_space\":true},"
                + "\"decoder\":{\"type\":\"Metaspace\",\"replacement\":\"\u2581\",\"prepend_scheme\":\"always\","
                + "\"split\":true},"
                + "\"model\":{\"type\":\"Unigram\",\"unk_id\":3,\"vocab\":" + vocab + ",\"byte_fallback\":false}}";
    }

    private static String added(int id, String content) {
        return "{\"id\":" + id + ",\"content\":\"" + content + "\",\"single_word\":false,\"lstrip\":false,"
                + "\"rstrip\":false,\"normalized\":false,\"special\":true}";
    }

    @Test
    void the_tokenizer_has_xlm_robertas_shape() {
        long[] ids = plain.encode("hello world").getIds();
        assertThat(ids).containsExactly(0, FIRST_WORD_ID, FIRST_WORD_ID + 1, 2);
        assertThat(plain.encode("<mask>", false, false).getIds()).containsExactly(VOCABULARY - 1);
    }

    @Test
    void one_pass_gives_bge_m3s_dense_sparse_and_multi_vector_output() throws Exception {
        String text = "hello world hello multilingual embedding xyz";
        BgeM3Output out = m3.embed(text);
        long[] ids = plain.encode(text).getIds();
        Raw raw = run(ids);

        assertThat(out.dense()).hasSize(1024).containsExactly(unit(raw.dense), within(1e-6f));

        LongFloatHashMap expected = new LongFloatHashMap();
        for (int t = 0; t < ids.length; t++) {
            float w = raw.sparse[t][0];
            if (ids[t] > 3 && w > 0 && (!expected.containsKey(ids[t]) || expected.get(ids[t]) < w)) {
                expected.put(ids[t], w);
            }
        }
        assertThat(expected.size()).as("the graph must give some positive and some zero weights").isBetween(2,
                ids.length - 3);
        assertThat(out.sparse().size()).isEqualTo(expected.size());
        for (int i = 0; i < out.sparse().size(); i++) {
            long id = out.sparse().index(i);
            assertThat(expected.containsKey(id)).as("id %d", id).isTrue();
            assertThat(out.sparse().value(i)).isCloseTo(expected.get(id), within(1e-6f));
        }

        MultiVectorEmbedding tokens = out.multiVector();
        assertThat(tokens.rows()).isEqualTo(ids.length - 1); // every token but [CLS], </s> included
        for (int r = 0; r < tokens.rows(); r++) {
            assertThat(tokens.row(r)).containsExactly(unit(raw.colbert[r]), within(1e-6f));
        }
    }

    @Test
    void a_repeated_token_keeps_its_largest_weight_and_ids_stay_the_tokenizers_own() throws Exception {
        String text = "hello ".repeat(8) + "world"; // the graph's weights swing with sin(1.3 * position)
        long[] ids = plain.encode(text).getIds();
        Raw raw = run(ids);
        float max = 0;
        float first = raw.sparse[1][0];
        float last = raw.sparse[8][0];
        for (int t = 1; t <= 8; t++) {
            max = Math.max(max, raw.sparse[t][0]);
        }
        SparseEmbedding sparse = m3.embed(text).sparse();
        Map<Long, Float> weights = sparse.asMap();
        assertThat(max).as("the graph weighs the four hellos differently").isNotEqualTo(last).isNotEqualTo(first);
        assertThat(weights.get((long) FIRST_WORD_ID)).isCloseTo(max, within(1e-6f));
        assertThat(weights.keySet()).allMatch(id -> id >= FIRST_WORD_ID && id < VOCABULARY);
        assertThat(weights.keySet()).doesNotContain(0L, 1L, 2L, 3L);
    }

    @Test
    void batching_padding_and_streams_do_not_change_the_vectors() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            texts.add(String.join(" ", Collections.nCopies(1 + i % 5, WORDS[i % WORDS.length])) + " monde");
        }
        texts.add("");
        texts.add("bonjour le monde, hello world");
        List<BgeM3Output> batched = m3.embed(texts);
        List<BgeM3Output> streamed = m3.embed(texts.stream()).toList();
        for (int i = 0; i < texts.size(); i++) {
            BgeM3Output alone = m3.embed(texts.get(i));
            for (BgeM3Output other : List.of(batched.get(i), streamed.get(i))) {
                assertThat(other.dense()).containsExactly(alone.dense(), within(1e-6f));
                assertThat(other.sparse().indices()).containsExactly(alone.sparse().indices());
                assertThat(other.sparse().values()).containsExactly(alone.sparse().values(), within(1e-6f));
                assertThat(other.multiVector().rows()).isEqualTo(alone.multiVector().rows());
                assertThat(other.multiVector().values()).containsExactly(alone.multiVector().values(),
                        within(1e-6f));
            }
        }
        assertThat(batched.get(14).multiVector().rows()).isEqualTo(1); // "": <s> </s>, the </s> row kept
        assertThat(batched.get(14).sparse().isEmpty()).isTrue();
    }

    @Test
    void the_combined_score_is_flagembeddings_weighted_mean_and_a_text_scores_itself_highest() {
        BgeM3Output query = m3.embed("hello world");
        BgeM3Output same = m3.embed("hello world");
        BgeM3Output other = m3.embed("bonjour le monde");
        double dense = dot(query.dense(), other.dense());
        double colbert = query.multiVector().maxSim(other.multiVector()) / query.multiVector().rows();
        double lexical = query.sparse().dot(other.sparse());
        assertThat(query.score(other, 0.4, 0.2, 0.4)).isCloseTo((0.4 * dense + 0.2 * lexical + 0.4 * colbert) / 1.0,
                within(1e-9));
        assertThat(query.score(same, 1, 0, 0)).isCloseTo(1.0, within(1e-5));
        assertThat(query.score(same, 0, 0, 1)).isCloseTo(1.0, within(1e-5));
        assertThat(query.score(same, 0.4, 0.2, 0.4)).isGreaterThan(query.score(other, 0.4, 0.2, 0.4));
        assertThatThrownBy(() -> query.score(other, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three");
        assertThatThrownBy(() -> query.score(other, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void token_counts_catalog_and_bad_inputs() throws Exception {
        assertThat(m3.tokenCount("hello world")).isEqualTo(4);
        assertThat(m3.tokenCount(List.of("hello", "world model"))).isEqualTo(3 + 4);
        assertThat(m3.dimension()).isEqualTo(1024);
        assertThat(BgeM3Embedding.listSupportedModels()).extracting(BgeM3ModelDescription::id)
                .containsExactly("BAAI/bge-m3");
        assertThatThrownBy(() -> m3.embed(Arrays.asList("ok", null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1]");
        assertThatThrownBy(() -> m3.embed((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m3.embed((Stream<String>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BgeM3Embedding.builder().model("BAAI/bge-m4").build())
                .isInstanceOf(UnknownModelException.class).hasMessageContaining("BAAI/bge-m3");
        // a dense model's graph in BGE-M3's place: named, with what BGE-M3 needs
        Path wrong = dir.resolve("wrong");
        TestSupport.copyResource("tiny-models/tiny-encoder.onnx", wrong.resolve("model_quantized.onnx"));
        Files.copy(modelDir.resolve("tokenizer.json"), wrong.resolve("tokenizer.json"));
        try (BgeM3Embedding model = BgeM3Embedding.builder().modelPath(wrong).lazyLoad(true).build()) {
            assertThatThrownBy(() -> model.embed("hello")).hasMessageContaining("dense_vecs");
        }
        // a BERT tokenizer has none of XLM-RoBERTa's special tokens
        Path bert = dir.resolve("bert");
        TestSupport.copyResource("tiny-models/tiny-bge-m3.onnx", bert.resolve("model_quantized.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", bert.resolve("tokenizer.json"));
        assertThatThrownBy(() -> BgeM3Embedding.builder().modelPath(bert).build()).isInstanceOf(
                ModelLoadException.class).hasMessageContaining("XLM-RoBERTa");
    }

    private record Raw(float[] dense, float[][] sparse, float[][] colbert) {
    }

    private static Raw run(long[] ids) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        try (OrtSession session = env.createSession(modelDir.resolve("model_quantized.onnx").toString(),
                new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor attention = OnnxTensor.createTensor(env, new long[][] {mask});
                OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", attention))) {
            return new Raw(((float[][]) result.get("dense_vecs").orElseThrow().getValue())[0],
                    ((float[][][]) result.get("sparse_vecs").orElseThrow().getValue())[0],
                    ((float[][][]) result.get("colbert_vecs").orElseThrow().getValue())[0]);
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * (double) b[i];
        }
        return sum;
    }
}
