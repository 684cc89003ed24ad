package dev.fastembed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.model.LateInteractionModelDescription;
import dev.fastembed.model.LateInteractionModelDescription.Family;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static dev.fastembed.TestSupport.ones;
import static dev.fastembed.TestSupport.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * LightOn's LateOn and mLateOn (fastembed 0.9.1's {@code lateon.py}) on the generated ColBERT-shaped encoder,
 * checked against the graph run directly on the ids the rules of fastembed-0.9.md give: the marker after the
 * first token, no query expansion, padding with the mask id told apart by the attention mask only, every kept
 * row unit length, no marker reserved from the max length, and no skip list for mLateOn.
 */
class LateOnIT {

    static final String LATE_ON = "lightonai/LateOn";
    static final String M_LATE_ON = "lightonai/mLateOn";
    @TempDir
    static Path dir;
    static Path lateOn;
    static Path mLateOn;
    static HuggingFaceTokenizer tokenizer;
    static long cls;
    static long sep;
    static long mask;

    @BeforeAll
    static void models() throws Exception {
        lateOn = dir.resolve("lateon");
        TestSupport.copyResource("tiny-models/tiny-colbert.onnx", lateOn.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", lateOn.resolve("tokenizer.json"));
        // PyLate's export: model_max_length is the document length with the [D] marker already taken off
        Files.writeString(lateOn.resolve("tokenizer_config.json"), "{\"model_max_length\": 299}");
        tokenizer = HuggingFaceTokenizer.newInstance(lateOn.resolve("tokenizer.json"), Map.of("padding", "false"));
        cls = tokenizer.encode("[CLS]", false, false).getIds()[0];
        sep = tokenizer.encode("[SEP]", false, false).getIds()[0];
        mask = tokenizer.encode("[MASK]", false, false).getIds()[0];

        mLateOn = dir.resolve("mlateon");
        TestSupport.copyResource("tiny-models/tiny-colbert.onnx", mLateOn.resolve("model.onnx"));
        Files.writeString(mLateOn.resolve("tokenizer.json"),
                withMaskToken(Files.readString(lateOn.resolve("tokenizer.json")), "<mask>"));
    }

    /** The BERT vocabulary with its [MASK] renamed, for mmBERT's {@code <mask>} (same id). */
    static String withMaskToken(String bert, String name) {
        JsonObject json = JsonParser.parseString(bert).getAsJsonObject();
        JsonObject vocab = json.getAsJsonObject("model").getAsJsonObject("vocab");
        int id = vocab.remove("[MASK]").getAsInt();
        vocab.addProperty(name, id);
        for (JsonElement token : json.getAsJsonArray("added_tokens")) {
            if (token.getAsJsonObject().get("content").getAsString().equals("[MASK]")) {
                token.getAsJsonObject().addProperty("content", name);
            }
        }
        return json.toString();
    }

    static LateInteractionTextEmbedding model(String id, Path folder, int batchSize) {
        return LateInteractionTextEmbedding.builder().model(id).modelPath(folder).batchSize(batchSize)
                .maxBatchTokens(64).build();
    }

    @Test
    void a_document_keeps_its_attended_tokens_but_punctuation_as_unit_rows_and_a_real_mask_token_survives()
            throws Exception {
        try (LateInteractionTextEmbedding model = model(LATE_ON, lateOn, 4)) {
            String text = "Hello [MASK] World, again";
            MultiVectorEmbedding doc = model.embed(text);
            long[] words = tokenizer.encode(text, false, false).getIds(); // hello [MASK] world , again
            assertThat(words[1]).isEqualTo(mask);
            long[] ids = {cls, 50369, words[0], words[1], words[2], words[3], words[4], sep};
            float[][] raw = TestSupport.runTokenGraph(lateOn.resolve("model.onnx"), ids, ones(ids.length));
            int[] kept = {0, 1, 2, 3, 4, 6, 7}; // the comma (position 5) is in the skip list
            assertThat(doc.rows()).isEqualTo(kept.length);
            for (int r = 0; r < kept.length; r++) {
                assertThat(doc.row(r)).containsExactly(unit(raw[kept[r]]), within(1e-5f));
            }
        }
    }

    @Test
    void a_query_is_not_expanded_and_keeps_its_attended_rows_as_unit_vectors() throws Exception {
        try (LateInteractionTextEmbedding model = model(LATE_ON, lateOn, 4)) {
            MultiVectorEmbedding query = model.queryEmbed("Hello, World");
            long[] words = tokenizer.encode("Hello, World", false, false).getIds();
            long[] ids = {cls, 50368, words[0], words[1], words[2], sep};
            float[][] raw = TestSupport.runTokenGraph(lateOn.resolve("model.onnx"), ids, ones(ids.length));
            assertThat(query.rows()).isEqualTo(6); // no mask expansion to 32, and queries keep punctuation
            for (int r = 0; r < 6; r++) {
                assertThat(query.row(r)).containsExactly(unit(raw[r]), within(1e-5f));
            }
        }
    }

    @Test
    void padding_with_the_mask_id_is_dropped_by_the_attention_mask_whatever_the_batch() {
        List<String> texts = new ArrayList<>(TestSupport.shortTexts().subList(0, 9));
        texts.add("[MASK]");
        texts.add("a [MASK] in a sentence, padded beside longer ones");
        try (LateInteractionTextEmbedding one = model(LATE_ON, lateOn, 1);
                LateInteractionTextEmbedding many = model(LATE_ON, lateOn, 6)) {
            List<MultiVectorEmbedding> alone = one.embed(texts);
            List<MultiVectorEmbedding> batched = many.embed(texts);
            List<MultiVectorEmbedding> queriesAlone = one.queryEmbed(texts);
            List<MultiVectorEmbedding> queriesBatched = many.queryEmbed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batched.get(i).rows()).isEqualTo(alone.get(i).rows());
                assertThat(batched.get(i).values()).containsExactly(alone.get(i).values(), within(1e-5f));
                assertThat(queriesBatched.get(i).rows()).isEqualTo(queriesAlone.get(i).rows());
                assertThat(queriesBatched.get(i).values()).containsExactly(queriesAlone.get(i).values(),
                        within(1e-5f));
            }
            assertThat(alone.get(9).rows()).isEqualTo(4); // [CLS] [D] [MASK] [SEP]: the mask is a token here
            int tokens = tokenizer.encode(texts.get(10)).getIds().length;
            assertThat(alone.get(10).rows()).isEqualTo(tokens + 1 - 1); // + the marker, - the comma
        }
    }

    @Test
    void no_marker_is_reserved_from_the_max_length_pylate_already_left_room() {
        String longText = String.join(" ", Collections.nCopies(400, "word"));
        try (LateInteractionTextEmbedding model = model(LATE_ON, lateOn, 2)) {
            assertThat(model.embed(longText).rows()).isEqualTo(300); // 299 tokens + [D]
            assertThat(model.queryEmbed(longText).rows()).isEqualTo(300);
        }
    }

    @Test
    void mlateon_keeps_punctuation_reads_8192_tokens_and_uses_its_own_markers() throws Exception {
        try (LateInteractionTextEmbedding model = model(M_LATE_ON, mLateOn, 2)) {
            MultiVectorEmbedding doc = model.embed("Hello, World!");
            long[] words = tokenizer.encode("Hello, World!", false, false).getIds();
            long[] ids = {cls, 256001, words[0], words[1], words[2], words[3], sep};
            float[][] raw = TestSupport.runTokenGraph(mLateOn.resolve("model.onnx"), ids, ones(ids.length));
            assertThat(doc.rows()).isEqualTo(7); // "," and "!" kept: mLateOn has an empty skip list
            for (int r = 0; r < 7; r++) {
                assertThat(doc.row(r)).containsExactly(unit(raw[r]), within(1e-5f));
            }
            long[] queryIds = {cls, 256000, words[0], words[1], words[2], words[3], sep};
            float[][] rawQuery = TestSupport.runTokenGraph(mLateOn.resolve("model.onnx"), queryIds,
                    ones(queryIds.length));
            MultiVectorEmbedding query = model.queryEmbed("Hello, World!");
            assertThat(query.row(1)).containsExactly(unit(rawQuery[1]), within(1e-5f));
            String longText = String.join(" ", Collections.nCopies(8300, "word"));
            assertThat(model.embed(longText).rows()).isEqualTo(8193); // the catalog's 8192 tokens + [D]
        }
    }

    @Test
    void token_counts_add_the_marker_with_the_extension_and_never_expand_queries() {
        try (LateInteractionTextEmbedding model = model(LATE_ON, lateOn, 4)) {
            List<String> texts = List.of("short query", "it is a longer text to count");
            int plain = model.tokenCount(texts, false, false);
            assertThat(plain).isEqualTo(4 + 9);
            assertThat(model.tokenCount(texts, false, true)).isEqualTo(plain + 2); // not 2 x 32
            assertThat(model.tokenCount(texts, true, true)).isEqualTo(plain + 2);
            assertThat(model.tokenCount(texts)).isEqualTo(plain);
        }
    }

    @Test
    void the_catalog_lists_both_with_their_rules() {
        assertThat(LateInteractionTextEmbedding.listSupportedModels()).extracting(LateInteractionModelDescription::id)
                .contains(LATE_ON, M_LATE_ON);
        LateInteractionModelDescription en = LateInteractionTextEmbedding.listSupportedModels().stream()
                .filter(m -> m.id().equals(LATE_ON)).findFirst().orElseThrow();
        assertThat(en.family()).isEqualTo(Family.LATE_ON);
        assertThat(en.family().expandsQueries()).isFalse();
        assertThat(en.family().reservedMarkerTokens()).isZero();
        assertThat(Family.M_LATE_ON.skipsPunctuation()).isFalse();
        assertThat(Family.COLBERT.reservedMarkerTokens()).isEqualTo(1);
    }
}
