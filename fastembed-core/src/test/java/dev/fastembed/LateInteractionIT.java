package dev.fastembed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import dev.fastembed.model.LateInteractionModelDescription;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.fastembed.TestSupport.ones;
import static dev.fastembed.TestSupport.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ColBERT on a generated encoder with the real output shape ([B, S, 128]) and the real BERT tokenizer, checked
 * against the graph run directly on the ids spec §6.9 says ColBERT feeds it.
 */
class LateInteractionIT {

    static final String ID = "colbert-ir/colbertv2.0";
    @TempDir
    static Path dir;
    static Path modelDir;
    static HuggingFaceTokenizer tokenizer;
    static long cls;
    static long sep;
    static long mask;

    @BeforeAll
    static void model() throws Exception {
        modelDir = dir.resolve("colbert");
        TestSupport.copyResource("tiny-models/tiny-colbert.onnx", modelDir.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", modelDir.resolve("tokenizer.json"));
        tokenizer = HuggingFaceTokenizer.newInstance(modelDir.resolve("tokenizer.json"), Map.of("padding", "false"));
        cls = tokenizer.encode("[CLS]", false, false).getIds()[0];
        sep = tokenizer.encode("[SEP]", false, false).getIds()[0];
        mask = tokenizer.encode("[MASK]", false, false).getIds()[0];
    }

    LateInteractionTextEmbedding colbert(int batchSize) {
        return LateInteractionTextEmbedding.builder().model(ID).modelPath(modelDir).batchSize(batchSize)
                .maxBatchTokens(40).build();
    }

    @Test
    void a_document_keeps_cls_the_marker_its_words_and_sep_as_unit_rows() throws Exception {
        try (LateInteractionTextEmbedding model = colbert(4)) {
            MultiVectorEmbedding hello = model.embed("Hello World");
            assertThat(hello.rows()).isEqualTo(5); // [CLS] [unused1] hello world [SEP], as fastembed
            long[] words = tokenizer.encode("Hello World", false, false).getIds();
            long[] ids = {cls, 2, words[0], words[1], sep};
            float[][] raw = TestSupport.runTokenGraph(modelDir.resolve("model.onnx"), ids, ones(ids.length));
            for (int r = 0; r < 5; r++) {
                assertThat(hello.row(r)).containsExactly(unit(raw[r]), within(1e-5f));
            }
            MultiVectorEmbedding punctuated = model.embed("Hello, World!");
            assertThat(punctuated.rows()).isEqualTo(5); // "," and "!" skipped
            assertThat(model.embed("").rows()).isEqualTo(3); // [CLS] marker [SEP]
        }
    }

    @Test
    void a_query_is_padded_with_mask_to_thirty_two_rows_and_kept_raw() throws Exception {
        try (LateInteractionTextEmbedding model = colbert(4)) {
            MultiVectorEmbedding query = model.queryEmbed("Hello World");
            assertThat(query.rows()).isEqualTo(32);
            long[] words = tokenizer.encode("Hello World", false, false).getIds();
            long[] ids = new long[32];
            long[] attention = new long[32];
            Arrays.fill(ids, mask);
            ids[0] = cls;
            ids[1] = 1; // [unused0]
            ids[2] = words[0];
            ids[3] = words[1];
            ids[4] = sep;
            Arrays.fill(attention, 0, 5, 1L); // mask padding is not attended (ColBERT; Jina attends it)
            float[][] raw = TestSupport.runTokenGraph(modelDir.resolve("model.onnx"), ids, attention);
            for (int r = 0; r < 32; r++) {
                assertThat(query.row(r)).containsExactly(raw[r], within(1e-5f));
            }
            String longer = String.join(" ", java.util.Collections.nCopies(40, "word"));
            assertThat(model.queryEmbed(longer).rows()).isEqualTo(43); // 40 + [CLS] [SEP] + marker, not cut to 32
        }
    }

    @Test
    void documents_do_not_depend_on_batching_and_maxsim_scores_a_text_highest_against_itself() {
        List<String> docs = new ArrayList<>(TestSupport.shortTexts().subList(0, 12));
        docs.add("Hello World");
        try (LateInteractionTextEmbedding one = colbert(1); LateInteractionTextEmbedding many = colbert(5)) {
            List<MultiVectorEmbedding> single = one.embed(docs);
            List<MultiVectorEmbedding> batched = many.embed(docs);
            for (int i = 0; i < docs.size(); i++) {
                assertThat(batched.get(i).rows()).isEqualTo(single.get(i).rows());
                assertThat(batched.get(i).values()).containsExactly(single.get(i).values(), within(1e-5f));
            }
            // Unit rows: a text scores its own row count against itself, the most any document can reach.
            MultiVectorEmbedding query = one.embed("Hello World");
            int best = 0;
            for (int i = 1; i < docs.size(); i++) {
                if (query.maxSim(single.get(i)) > query.maxSim(single.get(best))) {
                    best = i;
                }
            }
            assertThat(docs.get(best)).isEqualTo("Hello World");
            assertThat(query.maxSim(single.get(best))).isCloseTo(5.0, within(1e-5));
            MultiVectorEmbedding a = MultiVectorEmbedding.of(new float[] {1, 0, 0, 1}, 2, 2);
            MultiVectorEmbedding b = MultiVectorEmbedding.of(new float[] {0.5f, 0.5f, 1, 0}, 2, 2);
            assertThat(a.maxSim(b)).isCloseTo(1.0 + 0.5, within(1e-9)); // row 1: max(0.5, 1); row 2: max(0.5, 0)
        }
    }

    @Test
    void token_counts_follow_fastembeds_is_doc_and_include_extension_switches() {
        try (LateInteractionTextEmbedding model = colbert(4)) {
            List<String> texts = List.of("short doc", "it is a long document to check the token count");
            assertThat(model.tokenCount(texts, false, true)).isEqualTo(64);
            int plain = model.tokenCount(texts, true, false);
            assertThat(model.tokenCount(texts, true, true)).isEqualTo(plain + 2);
            assertThat(model.tokenCount(texts)).isEqualTo(plain);
            assertThat(model.tokenCount(texts.get(0)) + model.tokenCount(texts.get(1))).isEqualTo(plain);
            assertThat(model.dimension()).isEqualTo(128);
        }
    }

    @Test
    void bad_inputs_and_a_wrong_output_shape_get_clear_errors() throws Exception {
        try (LateInteractionTextEmbedding model = colbert(4)) {
            assertThatThrownBy(() -> model.embed(Arrays.asList("ok", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1]");
            assertThatThrownBy(() -> model.embed((String) null)).isInstanceOf(IllegalArgumentException.class);
        }
        Path wrong = dir.resolve("wrong");
        TestSupport.copyResource("tiny-models/tiny-clip.onnx", wrong.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", wrong.resolve("tokenizer.json"));
        try (LateInteractionTextEmbedding model = LateInteractionTextEmbedding.builder().model(ID).modelPath(wrong)
                .build()) {
            assertThatThrownBy(() -> model.embed("x")).hasMessageContaining("[batch, tokens, 128]");
        }
        assertThat(LateInteractionTextEmbedding.listSupportedModels()).extracting(LateInteractionModelDescription::id)
                .containsExactly("colbert-ir/colbertv2.0", "answerdotai/answerai-colbert-small-v1", "jinaai/jina-colbert-v2",
                        "lightonai/LateOn", "lightonai/mLateOn");
        assertThatThrownBy(() -> LateInteractionTextEmbedding.builder().model("colbert-ir/colbertv3.0").build())
                .isInstanceOf(UnknownModelException.class).hasMessageContaining("colbert-ir/colbertv2.0");
    }
}
