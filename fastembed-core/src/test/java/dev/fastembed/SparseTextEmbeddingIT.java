package dev.fastembed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.fastembed.model.SparseModelDescription;
import dev.fastembed.sparse.TokenHash;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tartarus.snowball.ext.EnglishStemmer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * SparseTextEmbedding end to end: BM25 from the jar alone; SPLADE, inference-free SPLADE and BM42 on small
 * generated graphs with the real output names and shapes (src/test/python/make_tiny_models.py) and the real
 * BERT tokenizer, checked against vectors computed here from each graph's raw output for one text at a time.
 */
class SparseTextEmbeddingIT {

    static final List<String> TEXTS = List.of("Hello World", "The quick brown fox jumps over the lazy dog.",
            "Sparse vectors are what make hybrid search work; tokenization matters!", "a", "",
            "Mangez-vous vraiment des grenouilles?", "Wordpiece splits unaffordability into pieces",
            "fox fox fox, the fox again and again");
    /**
     * Batched runs sum padded rows in another order than single ones; the tiny SPLADE head multiplies its
     * input by phases up to 11,000 inside a sine, which magnifies that float noise to ~2e-5.
     */
    static final float TOLERANCE = 1e-4f;
    static final String BM42_STOPWORDS = "the\na\nand\nare\nover\ninto\n";

    @TempDir
    static Path dir;
    static Path tokenizerJson;
    static Path spladeDir;
    static Path ifSpladeDir;
    static Path bm42Dir;

    @BeforeAll
    static void models() throws Exception {
        tokenizerJson = TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", dir.resolve("tokenizer.json"));
        spladeDir = modelDir("splade", "tiny-splade");
        ifSpladeDir = modelDir("if-splade", "tiny-splade");
        Files.writeString(ifSpladeDir.resolve("idf.json"),
                "{\"hello\": 6.9377565, \"world\": 3.4208686, \"fox\": 2.5, \"[CLS]\": 9.0, \"not-a-token\": 1.0}");
        bm42Dir = modelDir("bm42", "tiny-bm42");
        Files.writeString(bm42Dir.resolve("stopwords.txt"), BM42_STOPWORDS);
    }

    static Path modelDir(String name, String graph) throws Exception {
        Path model = dir.resolve(name);
        TestSupport.copyResource("tiny-models/" + graph + ".onnx", model.resolve("model.onnx"));
        Files.copy(tokenizerJson, model.resolve("tokenizer.json"));
        return model;
    }

    // ---- BM25 ----

    @Test
    void bm25_needs_no_files_and_no_network_and_gives_the_worked_example() {
        try (SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").offline(true).build()) {
            SparseEmbedding doc = bm25.embed("Hello World");
            assertThat(doc.asMap()).containsOnlyKeys(613153351L, 74040069L);
            assertThat((double) doc.asMap().get(613153351L)).isCloseTo(1.6832038254632398, within(1e-6));
            assertThat(bm25.queryEmbed("Hello World").values()).containsOnly(1f);
            assertThat(bm25.passageEmbed(List.of("Hello World"))).containsExactly(doc);
            assertThat(bm25.tokenCount("I must not fear. Fear is the mind-killer.")).isEqualTo(9);
            assertThat(bm25.modelSource()).contains("english");
        }
    }

    @Test
    void bm25_is_the_same_in_the_caller_on_workers_and_as_a_stream() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.addAll(List.of("hello world", "attention embedding", "Mangez-vous vraiment des grenouilles?"));
        }
        try (SparseTextEmbedding caller = SparseTextEmbedding.builder().model("qdrant/BM25").batchSize(16).build();
                SparseTextEmbedding workers = SparseTextEmbedding.builder().model("Qdrant/bm25").batchSize(16)
                        .parallelism(2).build();
                SparseTextEmbedding allCores = SparseTextEmbedding.builder().model("Qdrant/bm25").batchSize(16)
                        .parallelism(0).build()) {
            List<SparseEmbedding> expected = caller.embed(texts);
            assertThat(workers.embed(texts)).isEqualTo(expected);
            assertThat(allCores.embed(texts)).isEqualTo(expected);
            try (Stream<SparseEmbedding> stream = workers.embed(texts.stream())) {
                assertThat(stream.toList()).isEqualTo(expected);
            }
        }
    }

    @Test
    void bm25_options_change_the_vectors_as_fastembed_does() {
        try (SparseTextEmbedding french = SparseTextEmbedding.builder().model("Qdrant/bm25").language("French").build();
                SparseTextEmbedding raw = SparseTextEmbedding.builder().model("Qdrant/bm25").disableStemmer(true)
                        .build();
                SparseTextEmbedding custom = SparseTextEmbedding.builder().model("Qdrant/bm25")
                        .tokenizer(text -> List.of(text.toLowerCase().split("\\|"))).stemmer(w -> w)
                        .stopWords(Set.of("x")).k(2).b(0).build()) {
            assertThat(french.embed("Je suis au lit").size()).isEqualTo(1);
            // no stemmer means no stop words either: "the" stays, "sentence" is not cut
            assertThat(raw.embed("the sentence").asMap()).containsOnlyKeys(TokenHash.id("the"), TokenHash.id("sentence"));
            SparseEmbedding piped = custom.embed("a b|x|a b");
            assertThat(piped.asMap()).containsOnlyKeys(TokenHash.id("a b"));
            assertThat((double) piped.value(0)).isCloseTo(2 * 3.0 / (2 + 2), within(1e-6)); // b=0: no length norm
        }
    }

    @Test
    void bm25_languages_not_in_the_jar_read_their_list_from_the_model_files() throws Exception {
        Path cache = dir.resolve("empty-cache");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model("Qdrant/bm25").language("greek").cacheDir(cache)
                .build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("greek.txt")
                .hasMessageContaining("Qdrant/bm25");
        Path files = Files.createDirectories(dir.resolve("bm25-files"));
        Files.writeString(files.resolve("greek.txt"), "και\nτο\n");
        try (SparseTextEmbedding greek = SparseTextEmbedding.builder().model("Qdrant/bm25").language("greek")
                .modelPath(files).build()) {
            assertThat(greek.embed("και το σπίτι").size()).isEqualTo(1);
        }
    }

    @Test
    void bad_models_options_and_inputs_are_refused_with_what_to_do() {
        assertThatThrownBy(() -> SparseTextEmbedding.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Qdrant/bm25");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model("Qdrant/bm52").build())
                .isInstanceOf(UnknownModelException.class).hasMessageContaining("Qdrant/bm25");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1").language("english")
                .modelPath(spladeDir).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BM25 options");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().language("klingon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stemmer(...)");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model("Qdrant/bm25").k(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k >= 0");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model("Qdrant/bm42-all-minilm-l6-v2-attentions")
                .modelPath(bm42Dir).alpha(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> SparseTextEmbedding.builder().model("Qdrant/minicoil-v1")
                .cacheDir(dir.resolve("no-models")).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("minicoil.triplet.model.npy").hasMessageContaining("Qdrant/minicoil-v1");
        try (SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").build()) {
            assertThatThrownBy(() -> bm25.embed(java.util.Arrays.asList("ok", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[1]");
            assertThatThrownBy(() -> bm25.queryEmbed(java.util.Arrays.asList("ok", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queries[1]");
            bm25.close();
            assertThatThrownBy(() -> bm25.embed("x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> bm25.queryEmbed("x")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void the_catalog_lists_fastembeds_six_sparse_models_and_maps_the_misspelled_splade_id() {
        assertThat(SparseTextEmbedding.listSupportedModels()).extracting(SparseModelDescription::id).containsExactly(
                "prithivida/Splade_PP_en_v1", "prithvida/Splade_PP_en_v1", "Qdrant/bm42-all-minilm-l6-v2-attentions",
                "Qdrant/bm25", "Qdrant/minicoil-v1", "opensearch-project/opensearch-neural-sparse-encoding-doc-v3-gte");
        assertThat(dev.fastembed.model.ModelCatalog.sparseTextModel("PRITHVIDA/Splade_PP_en_v1").id())
                .isEqualTo("prithivida/Splade_PP_en_v1");
    }

    // ---- SPLADE ----

    @Test
    void splade_is_the_masked_max_of_log1p_relu_logits_whatever_the_batching() throws Exception {
        try (SparseTextEmbedding splade = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                .modelPath(spladeDir).batchSize(3).maxBatchTokens(40).build();
                SparseTextEmbedding parallel = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                        .modelPath(spladeDir).parallelism(2).batchSize(2).build()) {
            List<SparseEmbedding> vectors = splade.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                Map<Long, Float> expected = expectedSplade(TEXTS.get(i), false);
                Map<Long, Float> actual = vectors.get(i).asMap();
                assertThat(actual.keySet()).as(TEXTS.get(i)).containsExactlyElementsOf(expected.keySet());
                expected.forEach((k, v) -> assertThat(actual.get(k)).isCloseTo(v, within(TOLERANCE)));
            }
            assertThat(vectors.get(0).size()).isBetween(100, 30_000); // relu kept some, dropped others
            assertThat(splade.queryEmbed(TEXTS.get(1))).isEqualTo(vectors.get(1));
            List<SparseEmbedding> fromWorkers = parallel.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(fromWorkers.get(i).indicesAsLongs()).isEqualTo(vectors.get(i).indicesAsLongs());
            }
            assertThat(splade.tokenCount("Hello World")).isEqualTo(4); // [CLS] hello world [SEP]
        }
    }

    @Test
    void inference_free_splade_doubles_log1p_drops_special_tokens_and_answers_queries_from_the_idf_table()
            throws Exception {
        String id = "opensearch-project/opensearch-neural-sparse-encoding-doc-v3-gte";
        try (SparseTextEmbedding model = SparseTextEmbedding.builder().model(id).modelPath(ifSpladeDir).batchSize(3)
                .build()) {
            List<SparseEmbedding> docs = model.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                Map<Long, Float> expected = expectedSplade(TEXTS.get(i), true);
                Map<Long, Float> actual = docs.get(i).asMap();
                assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
                expected.forEach((k, v) -> assertThat(actual.get(k)).isCloseTo(v, within(TOLERANCE)));
                assertThat(actual).doesNotContainKeys(0L, 100L, 101L, 102L, 103L);
            }
            SparseEmbedding query = model.queryEmbed("Hello hello World, and a fox!");
            assertThat(query.asMap()).containsExactly(Map.entry(2088L, 3.4208686f), Map.entry(4419L, 2.5f),
                    Map.entry(7592L, 6.9377565f)); // world, fox, hello; [CLS] is special, "and" has no IDF
        }
        // Queries never touch the graph, even when lazy: a broken ONNX file does not matter to them.
        Path broken = modelDir("if-splade-broken", "tiny-splade");
        Files.copy(ifSpladeDir.resolve("idf.json"), broken.resolve("idf.json"));
        Files.write(broken.resolve("model.onnx"), new byte[] {1, 2, 3});
        try (SparseTextEmbedding lazy = SparseTextEmbedding.builder().model(id).modelPath(broken).lazyLoad(true)
                .build()) {
            assertThat(lazy.queryEmbed("hello world").size()).isEqualTo(2);
            assertThatThrownBy(() -> lazy.embed("hello world")).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("model.onnx");
        }
    }

    /** Spec §6.3/§6.4 computed here from the graph's raw logits for one unpadded text. */
    private static Map<Long, Float> expectedSplade(String text, boolean inferenceFree) throws Exception {
        float[][][] logits = (float[][][]) runSingle(spladeDir, text, "logits");
        int vocab = logits[0][0].length;
        Map<Long, Float> out = new TreeMap<>();
        for (int v = 0; v < vocab; v++) {
            if (inferenceFree && Set.of(0, 100, 101, 102, 103).contains(v)) {
                continue;
            }
            double best = 0;
            for (float[] position : logits[0]) {
                double value = inferenceFree ? position[v] : Math.log1p(Math.max(position[v], 0));
                best = Math.max(best, value);
            }
            if (inferenceFree) {
                best = Math.log1p(Math.log1p(Math.max(best, 0)));
            }
            if (best > 0) {
                out.put((long) v, (float) best);
            }
        }
        return out;
    }

    // ---- BM42 ----

    @Test
    void bm42_weighs_rebuilt_words_by_cls_attention_and_queries_weigh_one() throws Exception {
        String id = "Qdrant/bm42-all-minilm-l6-v2-attentions";
        try (SparseTextEmbedding bm42 = SparseTextEmbedding.builder().model(id).modelPath(bm42Dir).batchSize(3)
                .maxBatchTokens(48).build();
                SparseTextEmbedding parallel = SparseTextEmbedding.builder().model(id).modelPath(bm42Dir)
                        .parallelism(2).batchSize(2).build()) {
            List<SparseEmbedding> docs = bm42.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                Map<Long, Float> expected = expectedBm42(TEXTS.get(i));
                Map<Long, Float> actual = docs.get(i).asMap();
                assertThat(actual.keySet()).as(TEXTS.get(i)).containsExactlyInAnyOrderElementsOf(expected.keySet());
                expected.forEach((k, v) -> assertThat(actual.get(k)).isCloseTo(v, within(1e-5f)));
            }
            assertThat(parallel.embed(TEXTS)).extracting(SparseEmbedding::size)
                    .isEqualTo(docs.stream().map(SparseEmbedding::size).toList());
            assertThat(docs.get(6).asMap()).containsKey(TokenHash.id("unafford")); // un ##aff ##ord ##ability joined
            assertThat(bm42.embed(".").isEmpty()).isTrue();
            SparseEmbedding query = bm42.queryEmbed("The quick brown fox, the FOX!");
            assertThat(query.asMap()).containsOnlyKeys(TokenHash.id("quick"), TokenHash.id("brown"), TokenHash.id("fox"));
            assertThat(query.values()).containsOnly(1f);
        }
    }

    /** Spec §6.6 computed here: DJL's own token strings, Lucene's English stemmer, raw attention_6. */
    private static Map<Long, Float> expectedBm42(String text) throws Exception {
        float[][][][] attention = (float[][][][]) runSingle(bm42Dir, text, "attention_6");
        String[] tokens;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"))) {
            Encoding encoding = tokenizer.encode(text);
            tokens = encoding.getTokens();
        }
        Set<String> stop = Set.of(BM42_STOPWORDS.split("\n"));
        List<String> words = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t].startsWith("[") && tokens[t].endsWith("]")) {
                continue;
            }
            double w = 0;
            for (float[][] head : attention[0]) {
                w += head[0][t];
            }
            w /= attention[0].length;
            if (tokens[t].startsWith("##") && !words.isEmpty()) {
                int last = words.size() - 1;
                words.set(last, words.get(last) + tokens[t].substring(2));
                weights.set(last, weights.get(last) + w);
            } else {
                words.add(tokens[t]);
                weights.add(w);
            }
        }
        Map<String, Double> stems = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (stop.contains(word) || (word.length() == 1 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".contains(word))) {
                continue;
            }
            EnglishStemmer stemmer = new EnglishStemmer();
            stemmer.setCurrent(word);
            stemmer.stem();
            stems.merge(stemmer.getCurrent(), Math.max(0, weights.get(i)), Math::max);
        }
        Map<Long, Float> out = new HashMap<>();
        stems.forEach((stem, weight) -> out.put(TokenHash.id(stem), (float) Math.sqrt(Math.log1p(weight))));
        return out;
    }

    private static Object runSingle(Path modelDir, String text, String output) throws Exception {
        long[] ids;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false"))) {
            ids = tokenizer.encode(text).getIds();
        }
        long[] ones = new long[ids.length];
        java.util.Arrays.fill(ones, 1L);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(modelDir.resolve("model.onnx").toString(),
                new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
                OnnxTensor types = OnnxTensor.createTensor(env, new long[1][ids.length]);
                OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", mask,
                        "token_type_ids", types), Set.of(output))) {
            return result.get(0).getValue();
        }
    }

    /**
     * fastembed's open bug #749: BM42 and miniCOIL fail with lazy_load=True and parallel workers together. Here a
     * lazy model with two workers gives exactly what an eager one with two workers gives (same one-thread sessions,
     * so the same floats), documents and queries alike.
     */
    @Test
    void bm42_and_minicoil_work_with_lazy_load_and_parallel_workers_together() throws Exception {
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            texts.add(TestSupport.shortTexts().get(i % TestSupport.shortTexts().size()));
        }
        MiniCoilIT.dir = java.nio.file.Files.createTempDirectory("minicoil-lazy");
        MiniCoilIT.model();
        List<SparseTextEmbedding.Builder> kinds = List.of(
                SparseTextEmbedding.builder().model("Qdrant/bm42-all-minilm-l6-v2-attentions").modelPath(bm42Dir),
                SparseTextEmbedding.builder().model(MiniCoilIT.ID).modelPath(MiniCoilIT.modelDir));
        for (SparseTextEmbedding.Builder kind : kinds) {
            try (SparseTextEmbedding eager = kind.lazyLoad(false).parallelism(2).batchSize(16).build()) {
                List<SparseEmbedding> documents = eager.embed(texts);
                List<SparseEmbedding> queries = eager.queryEmbed(texts);
                try (SparseTextEmbedding lazyParallel = kind.lazyLoad(true).parallelism(2).batchSize(16).build()) {
                    assertThat(lazyParallel.embed(texts)).isEqualTo(documents);
                    assertThat(lazyParallel.queryEmbed(texts)).isEqualTo(queries);
                }
            }
        }
    }
}
