package dev.fastembed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.model.RerankerModelDescription;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reranking on two generated cross-encoders with the real models' inputs and output shapes
 * (src/test/python/make_tiny_models.py): BERT-style with token_type_ids and logits [n,1] (as
 * Xenova/ms-marco-MiniLM-L-6-v2), XLM-R-style without token_type_ids, pad id 1 and logits [n,1,1] (as
 * BAAI/bge-reranker-base). Each score is checked against the graph run on that pair alone.
 */
class TextCrossEncoderIT {

    static final String QUERY = "What is the capital of France?";
    static final List<String> DOCS = List.of("Paris is the capital of France.", "Berlin is the capital of Germany.",
            "", "France", "The Eiffel Tower stands in Paris, the capital and largest city of France, on the Seine.");

    @TempDir
    static Path dir;
    static Path bertDir;
    static Path xlmrDir;

    @BeforeAll
    static void models() throws Exception {
        bertDir = dir.resolve("bert");
        TestSupport.copyResource("tiny-models/tiny-cross-encoder.onnx", bertDir.resolve("onnx/model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", bertDir.resolve("tokenizer.json"));
        xlmrDir = dir.resolve("xlmr");
        TestSupport.copyResource("tiny-models/tiny-reranker-xlmr.onnx", xlmrDir.resolve("onnx/model.onnx"));
        Files.writeString(xlmrDir.resolve("tokenizer.json"), xlmrStyle(Files.readString(bertDir.resolve("tokenizer.json"))));
    }

    /**
     * The BERT vocabulary behind XLM-R's conventions: {@code <s>}/{@code </s>} for [CLS]/[SEP], the
     * {@code <s> A </s></s> B </s>} pair template (RobertaProcessing, all type ids 0) and pad id 1.
     */
    static String xlmrStyle(String bert) {
        JsonObject json = JsonParser.parseString(bert).getAsJsonObject();
        JsonObject vocab = json.getAsJsonObject("model").getAsJsonObject("vocab");
        vocab.remove("[CLS]");
        vocab.remove("[SEP]");
        vocab.remove("[unused0]");
        vocab.addProperty("<s>", 101);
        vocab.addProperty("</s>", 102);
        vocab.addProperty("<pad>", 1);
        JsonArray added = new JsonArray();
        for (Object[] token : new Object[][] {{"[PAD]", 0}, {"<pad>", 1}, {"[UNK]", 100}, {"<s>", 101}, {"</s>", 102},
                {"[MASK]", 103}}) {
            JsonObject t = new JsonObject();
            t.addProperty("id", (Integer) token[1]);
            t.addProperty("content", (String) token[0]);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        json.add("added_tokens", added);
        JsonObject post = JsonParser.parseString("{\"type\": \"RobertaProcessing\", \"sep\": [\"</s>\", 102], "
                + "\"cls\": [\"<s>\", 101], \"trim_offsets\": true, \"add_prefix_space\": false}").getAsJsonObject();
        json.add("post_processor", post);
        json.add("padding", JsonParser.parseString("{\"strategy\": \"BatchLongest\", \"direction\": \"Right\", "
                + "\"pad_to_multiple_of\": null, \"pad_id\": 1, \"pad_type_id\": 0, \"pad_token\": \"<pad>\"}"));
        return json.toString();
    }

    @Test
    void bert_style_scores_equal_each_pair_run_alone_whatever_the_batching() throws Exception {
        try (TextCrossEncoder reranker = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(bertDir).batchSize(2).maxBatchTokens(30).build()) {
            List<Double> scores = reranker.rerank(QUERY, DOCS);
            assertThat(scores).hasSize(DOCS.size());
            for (int i = 0; i < DOCS.size(); i++) {
                assertThat(scores.get(i)).as(DOCS.get(i)).isCloseTo(alone(bertDir, QUERY, DOCS.get(i), true), within(1e-5));
            }
            assertThat(scores.get(0)).isNotEqualTo(scores.get(1));
            List<TextPair> pairs = DOCS.stream().map(d -> TextPair.of(QUERY, d)).toList();
            List<Double> fromPairs = reranker.rerankPairs(pairs);
            for (int i = 0; i < DOCS.size(); i++) {
                assertThat(fromPairs.get(i)).isCloseTo(scores.get(i), within(1e-5));
            }
            List<Double> streamed = reranker.rerankPairs(pairs.stream()).toList();
            for (int i = 0; i < DOCS.size(); i++) {
                assertThat(streamed.get(i)).isCloseTo(scores.get(i), within(1e-5));
                assertThat(reranker.rerank(QUERY, DOCS.get(i))).isCloseTo(scores.get(i), within(1e-5));
            }
            assertThat(reranker.tokenCount(pairs.get(0)) + reranker.tokenCount(pairs.get(1)))
                    .isEqualTo(reranker.tokenCount(pairs.subList(0, 2)));
            assertThatThrownBy(() -> reranker.rerank(QUERY, (String) null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("document is null");
        }
    }

    @Test
    void a_stream_with_a_null_pair_fails_naming_its_position() {
        try (TextCrossEncoder reranker = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(bertDir).build()) {
            assertThatThrownBy(() -> reranker.rerankPairs(java.util.stream.Stream.of(TextPair.of(QUERY, "a"), null))
                    .toList()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs[1] is null");
            assertThatThrownBy(() -> reranker.rerankPairs(java.util.stream.Stream.of(TextPair.of(QUERY, null)))
                    .toList()).hasMessageContaining("pairs[0].document is null");
        }
    }

    @Test
    void type_ids_are_the_encodings_real_ones_zero_for_the_query_and_one_for_the_document() throws Exception {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(bertDir.resolve("tokenizer.json"),
                Map.of("padding", "false"))) {
            long[] types = tokenizer.encode(QUERY, DOCS.get(0)).getTypeIds();
            assertThat(types).contains(0L, 1L);
        }
        double withTypes = alone(bertDir, QUERY, DOCS.get(0), true);
        double withoutTypes = alone(bertDir, QUERY, DOCS.get(0), false);
        assertThat(withTypes).isNotCloseTo(withoutTypes, within(1e-4)); // so the check above can fail
    }

    @Test
    void xlmr_style_with_pad_id_one_and_three_dimensional_logits_works() throws Exception {
        try (TextCrossEncoder reranker = TextCrossEncoder.builder().model("BAAI/bge-reranker-base").modelPath(xlmrDir)
                .batchSize(3).build()) {
            List<Double> scores = reranker.rerank(QUERY, DOCS);
            for (int i = 0; i < DOCS.size(); i++) {
                assertThat(scores.get(i)).as(DOCS.get(i)).isCloseTo(alone(xlmrDir, QUERY, DOCS.get(i), false), within(1e-5));
            }
            try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(xlmrDir.resolve("tokenizer.json"),
                    Map.of("padding", "false"))) {
                Encoding pair = tokenizer.encode("a", "b");
                assertThat(pair.getTokens()).containsExactly("<s>", "a", "</s>", "</s>", "b", "</s>");
            }
        }
    }

    @Test
    void order_holds_under_parallelism_and_tiled_batches() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.addAll(DOCS);
        }
        try (TextCrossEncoder serial = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(bertDir).batchSize(10).build();
                TextCrossEncoder parallel = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                        .modelPath(bertDir).batchSize(10).parallelism(2).build()) {
            List<Double> once = serial.rerank(QUERY, DOCS);
            List<Double> tiled = serial.rerank(QUERY, many);
            List<Double> fromWorkers = parallel.rerank(QUERY, many);
            for (int i = 0; i < many.size(); i++) {
                assertThat(tiled.get(i)).isCloseTo(once.get(i % DOCS.size()), within(1e-5));
                assertThat(fromWorkers.get(i)).isCloseTo(tiled.get(i), within(1e-5));
            }
        }
    }

    @Test
    void a_ten_thousand_word_document_is_truncated_not_refused() {
        String huge = String.join(" ", Collections.nCopies(10_000, "capital"));
        try (TextCrossEncoder reranker = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(bertDir).build()) {
            assertThat(reranker.rerank(QUERY, List.of(huge))).hasSize(1);
            assertThat(reranker.tokenCount(List.of(TextPair.of(QUERY, huge)))).isEqualTo(512);
            assertThat(reranker.tokenCount(List.of(TextPair.of("a", "b")))).isEqualTo(5); // [CLS] a [SEP] b [SEP]
        }
    }

    @Test
    void sigmoid_scale_and_the_ranked_view_give_known_scales_and_order() {
        try (TextCrossEncoder raw = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2").modelPath(bertDir)
                .build();
                TextCrossEncoder sigmoid = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                        .modelPath(bertDir).scale(ScoreScale.SIGMOID).build()) {
            List<Double> logits = raw.rerank(QUERY, DOCS);
            List<Double> probabilities = sigmoid.rerank(QUERY, DOCS);
            for (int i = 0; i < DOCS.size(); i++) {
                assertThat(probabilities.get(i)).isCloseTo(1 / (1 + Math.exp(-logits.get(i))), within(1e-9))
                        .isBetween(0.0, 1.0);
            }
            List<RankedDocument> top = raw.rank(QUERY, DOCS, 3);
            assertThat(top).hasSize(3);
            assertThat(top).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
            for (RankedDocument ranked : top) {
                assertThat(ranked.document()).isEqualTo(DOCS.get(ranked.index()));
                assertThat(ranked.score()).isEqualTo(logits.get(ranked.index()));
            }
            assertThat(raw.rank(QUERY, DOCS, 100)).hasSize(DOCS.size());
        }
    }

    @Test
    void empty_lists_null_texts_and_unknown_models_get_clear_answers() {
        try (TextCrossEncoder reranker = TextCrossEncoder.builder().model("xenova/MS-MARCO-MiniLM-L-6-v2")
                .modelPath(bertDir).build()) {
            assertThat(reranker.rerank(QUERY, List.of())).isEmpty();
            assertThat(reranker.rank(QUERY, List.of(), 5)).isEmpty();
            assertThatThrownBy(() -> reranker.rerank(null, DOCS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("query");
            assertThatThrownBy(() -> reranker.rerank(QUERY, java.util.Arrays.asList("ok", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("documents[1]");
            assertThatThrownBy(() -> reranker.rerankPairs(java.util.Arrays.asList(TextPair.of("q", "d"), null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs[1]");
            assertThatThrownBy(() -> reranker.rank(QUERY, DOCS, -1)).isInstanceOf(IllegalArgumentException.class);
            reranker.close();
            assertThatThrownBy(() -> reranker.rerank(QUERY, DOCS)).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> TextCrossEncoder.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Xenova/ms-marco-MiniLM-L-6-v2");
        assertThatThrownBy(() -> TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-7-v2").build())
                .isInstanceOf(UnknownModelException.class).hasMessageContaining("Xenova/ms-marco-MiniLM-L-6-v2");
        assertThatThrownBy(() -> TextCrossEncoder.builder().model("BAAI/bge-reranker-base")
                .cacheDir(dir.resolve("empty")).build())
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("onnx/model.onnx");
    }

    @Test
    void the_catalog_has_fastembeds_six_rerankers_and_takes_custom_ones() {
        assertThat(TextCrossEncoder.listSupportedModels()).extracting(RerankerModelDescription::id).startsWith(
                "Xenova/ms-marco-MiniLM-L-6-v2", "Xenova/ms-marco-MiniLM-L-12-v2", "BAAI/bge-reranker-base",
                "jinaai/jina-reranker-v1-tiny-en", "jinaai/jina-reranker-v1-turbo-en",
                "jinaai/jina-reranker-v2-base-multilingual");
        String id = "test/custom-xlmr-reranker";
        if (TextCrossEncoder.listSupportedModels().stream().noneMatch(m -> m.id().equals(id))) {
            TextCrossEncoder.addCustomModel(RerankerModelDescription.custom(id, "onnx/model.onnx", 512));
        }
        assertThatThrownBy(() -> TextCrossEncoder.addCustomModel(RerankerModelDescription.custom(id.toUpperCase(),
                "onnx/model.onnx", 512))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        try (TextCrossEncoder custom = TextCrossEncoder.builder().model(id).modelPath(xlmrDir).build()) {
            assertThat(custom.rerank(QUERY, DOCS)).hasSize(DOCS.size());
        }
    }

    /** The graph's score for one pair, unpadded, encoded by DJL directly. */
    private static double alone(Path modelDir, String query, String document, boolean realTypeIds) throws Exception {
        Encoding encoding;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(modelDir.resolve("tokenizer.json"),
                Map.of("padding", "false"))) {
            encoding = tokenizer.encode(query, document);
        }
        long[] ids = encoding.getIds();
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1L);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(modelDir.resolve("onnx/model.onnx").toString(),
                new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {ones}));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env,
                        new long[][] {realTypeIds ? encoding.getTypeIds() : new long[ids.length]}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                Object value = result.get(0).getValue();
                return value instanceof float[][] two ? two[0][0] : ((float[][][]) value)[0][0][0];
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }
}
