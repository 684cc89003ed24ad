package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.ModelLoadException;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.model.ModelDescription;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** fastembed's tokenizer rules (spec §5, §10.1) on the real BERT tokenizer.json of bge-small-en-v1.5. */
class TextTokenizerTest {

    @TempDir
    static Path dir;
    private static String original;

    private static final ModelDescription MODEL = ModelDescription.builder("test/tokenizer").dimension(4)
            .maxLength(512).build();

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = TextTokenizerTest.class.getClassLoader()
                .getResourceAsStream("bge-small-en-v1.5-tokenizer.json")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void long_pairs_tokenize_exactly_as_the_uncut_pair_does() throws Exception {
        // Long enough to be cut (over 4 x 512 characters), short enough that the uncut pair is cheap to compare.
        String words = "Pairs of long texts are cut after the words their kept tokens come from, unbelievably "
                + "so, with punctuation; digits 12345, CJK \u6f22\u5b57\u304b\u306a and emoji \ud83d\udc4d! ";
        List<String> first = List.of(words.repeat(40), "short query", words.repeat(3) + "x".repeat(5000));
        List<String> second = List.of(words.repeat(25), words.repeat(60), "tail " + words.repeat(30));
        try (TextTokenizer tokenizer = TextTokenizer.load(files("pairs", null, null, null), MODEL, true);
                HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(dir.resolve("pairs/tokenizer.json"),
                        Map.of("padding", "false", "truncation", "true", "maxLength", "512"))) {
            EncodedBatch ours = tokenizer.encodePairs(first, second);
            Encoding[] uncut = reference.batchEncode(new PairList<>(first, second));
            for (int row = 0; row < first.size(); row++) {
                long[] ids = uncut[row].getIds();
                assertThat(ours.tokens(row)).as("row %d", row).isEqualTo(ids.length);
                for (int t = 0; t < ids.length; t++) {
                    assertThat(ours.id(row, t)).as("row %d token %d", row, t).isEqualTo(ids[t]);
                }
            }
        }
    }

    @Test
    void pads_right_to_the_longest_row_with_mask_zero_by_default() throws Exception {
        try (TextTokenizer tokenizer = TextTokenizer.load(files("plain", null, null, null), MODEL, true)) {
            EncodedBatch batch = tokenizer.encode(List.of("hello", "hello big wide world"));
            assertThat(batch.length()).isEqualTo(6);
            assertThat(row(batch.inputIds, 0, 6)).containsExactly(101, 7592, 102, 0, 0, 0);
            assertThat(row(batch.attentionMask, 0, 6)).containsExactly(1, 1, 1, 0, 0, 0);
            assertThat(row(batch.typeIds, 0, 6)).containsOnly(0L);
            assertThat(batch.tokens(1)).isEqualTo(6);
        }
    }

    @Test
    void uses_config_json_pad_token_id_when_tokenizer_json_has_no_padding() throws Exception {
        try (TextTokenizer tokenizer = TextTokenizer.load(files("config", null, "{\"pad_token_id\": 1}", null),
                MODEL, true)) {
            EncodedBatch batch = tokenizer.encode(List.of("hello", "hello world"));
            assertThat(row(batch.inputIds, 0, batch.length())).endsWith(1);
        }
    }

    @Test
    void keeps_tokenizer_json_padding_direction_and_pad_id() throws Exception {
        JsonObject padding = padding("Left", "\"BatchLongest\"", 7);
        try (TextTokenizer tokenizer = TextTokenizer.load(files("left", padding, null, null), MODEL, true)) {
            EncodedBatch batch = tokenizer.encode(List.of("hello", "hello world"));
            assertThat(row(batch.inputIds, 0, 4)).containsExactly(7, 101, 7592, 102);
            assertThat(row(batch.attentionMask, 0, 4)).containsExactly(0, 1, 1, 1);
        }
    }

    @Test
    void honours_a_fixed_padding_length_only_when_the_graph_cannot_mask_pads() throws Exception {
        JsonObject padding = padding("Right", "{\"Fixed\": 128}", 0);
        ModelFiles files = files("fixed", padding, null, null);
        try (TextTokenizer masked = TextTokenizer.load(files, MODEL, true);
                TextTokenizer unmasked = TextTokenizer.load(files, MODEL, false)) {
            assertThat(masked.encode(List.of("hello")).length()).isEqualTo(3);
            assertThat(unmasked.encode(List.of("hello")).length()).isEqualTo(128);
        }
        ModelDescription siglipLike = MODEL.toBuilder().maxLength(64).padToMaxLength(true).build();
        try (TextTokenizer forced = TextTokenizer.load(files("plain2", null, null, null), siglipLike, true)) {
            assertThat(forced.encode(List.of("hello")).length()).isEqualTo(64);
        }
    }

    @Test
    void truncates_to_min_of_model_max_length_and_max_length_from_tokenizer_config() throws Exception {
        String config = "{\"model_max_length\": 16, \"max_length\": 32}";
        try (TextTokenizer tokenizer = TextTokenizer.load(files("short", null, null, config), MODEL, true)) {
            assertThat(tokenizer.maxLength()).isEqualTo(16);
            assertThat(tokenizer.tokenCounts(List.of("word ".repeat(100)))).containsExactly(16);
        }
    }

    @Test
    void ignores_the_1e30_unlimited_sentinel_and_falls_back_to_the_catalog() throws Exception {
        String config = "{\"model_max_length\": 1000000000000000019884624838656}";
        try (TextTokenizer tokenizer = TextTokenizer.load(files("sentinel", null, null, config), MODEL, true)) {
            assertThat(tokenizer.maxLength()).isEqualTo(512);
        }
    }

    @Test
    void long_context_models_are_not_silently_capped_at_512() throws Exception {
        ModelDescription longContext = MODEL.toBuilder().maxLength(8192).build();
        try (TextTokenizer tokenizer = TextTokenizer.load(files("long", null, null, null), longContext, true)) {
            assertThat(tokenizer.tokenCounts(List.of("word ".repeat(3000)))).containsExactly(3002);
            assertThat(tokenizer.tokenCounts(List.of("word ".repeat(9000)))).containsExactly(8192);
        }
    }

    @Test
    void pairs_keep_their_real_type_ids_and_truncate_the_longest_first() throws Exception {
        ModelDescription short16 = MODEL.toBuilder().maxLength(16).build();
        try (TextTokenizer tokenizer = TextTokenizer.load(files("pairs", null, null, null), short16, true)) {
            EncodedBatch batch = tokenizer.encodePairs(List.of("hello", "what is it"), List.of("world", "word ".repeat(50)));
            assertThat(batch.length()).isEqualTo(16);
            // [CLS] hello [SEP] world [SEP] then pads
            assertThat(row(batch.inputIds, 0, 16)).startsWith(101, 7592, 102, 2088, 102, 0);
            assertThat(row(batch.typeIds, 0, 16)).startsWith(0, 0, 0, 1, 1, 0);
            // the long document is cut, the query kept whole
            assertThat(row(batch.typeIds, 1, 16)).startsWith(0, 0, 0, 0, 0, 1).endsWith(1);
            assertThat(batch.tokens(1)).isEqualTo(16);
        }
        try (TextTokenizer tokenizer = TextTokenizer.load(files("pairs2", null, null, null), MODEL, true)) {
            assertThatThrownBy(() -> tokenizer.encodePairs(List.of("a"), List.of())).isInstanceOf(
                    IllegalArgumentException.class);
        }
    }

    @Test
    void tokenizer_config_sides_win_over_tokenizer_json_as_fastembed_0_9_1() throws Exception {
        List<String> texts = List.of("one two three four five six seven", "short");
        // tokenizer.json pads on the right; tokenizer_config.json says left for both sides (fastembed #775, #776)
        ModelFiles files = files("sides", padding("Right", "\"BatchLongest\"", 0), null,
                "{\"model_max_length\": 6, \"padding_side\": \"left\", \"truncation_side\": \"left\"}");
        try (TextTokenizer tokenizer = TextTokenizer.load(files, MODEL, true);
                HuggingFaceTokenizer plain = HuggingFaceTokenizer.newInstance(dir.resolve("sides/tokenizer.json"),
                        Map.of("padding", "false", "truncation", "false"))) {
            long[] full = plain.encode(texts.get(0)).getIds(); // [CLS] one .. seven [SEP]: 9 ids
            long[] shortIds = plain.encode(texts.get(1)).getIds();
            EncodedBatch batch = tokenizer.encode(texts);
            assertThat(batch.length).isEqualTo(6);
            // left truncation drops the text's first tokens and keeps [CLS] and [SEP]
            assertThat(row(batch.inputIds, 0, 6)).containsExactly(full[0], full[4], full[5], full[6], full[7],
                    full[8]);
            // left padding puts the pads before [CLS]
            assertThat(row(batch.inputIds, 1, 6)).containsExactly(0, 0, 0, shortIds[0], shortIds[1], shortIds[2]);
            assertThat(row(batch.attentionMask, 1, 6)).containsExactly(0, 0, 0, 1, 1, 1);
            assertThat(tokenizer.tokenCounts(texts)).containsExactly(6, 3);
        }
        // without tokenizer_config.json's sides, tokenizer.json's direction holds, and truncation keeps the start
        ModelFiles serialized = files("serialized-sides", padding("Left", "\"BatchLongest\"", 0), null,
                "{\"model_max_length\": 6}");
        try (TextTokenizer tokenizer = TextTokenizer.load(serialized, MODEL, true);
                HuggingFaceTokenizer plain = HuggingFaceTokenizer.newInstance(dir.resolve("sides/tokenizer.json"),
                        Map.of("padding", "false", "truncation", "false"))) {
            long[] full = plain.encode(texts.get(0)).getIds();
            EncodedBatch batch = tokenizer.encode(texts);
            assertThat(row(batch.inputIds, 0, 6)).containsExactly(full[0], full[1], full[2], full[3], full[4],
                    full[8]);
            assertThat(row(batch.attentionMask, 1, 6)).containsExactly(0, 0, 0, 1, 1, 1);
        }
        ModelFiles wrong = files("wrong-side", null, null, "{\"padding_side\": \"middle\"}");
        assertThatThrownBy(() -> TextTokenizer.load(wrong, MODEL, true)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("padding_side \"middle\"");
    }

    @Test
    void the_pad_id_comes_from_the_vocabulary_when_no_file_declares_it() throws Exception {
        // no padding in tokenizer.json, no config.json (newer exporters skip it): the pad token's vocabulary id
        ModelFiles fromVocabulary = files("pad-vocab", null, null, "{\"pad_token\": \"[MASK]\"}");
        ModelFiles fromAddedToken = files("pad-object", null, null,
                "{\"pad_token\": {\"content\": \"[SEP]\", \"special\": true}}");
        ModelFiles fromConfig = files("pad-config", null, "{\"pad_token_id\": 7}", "{\"pad_token\": \"[MASK]\"}");
        ModelFiles fromPadding = files("pad-padding", padding("Right", "\"BatchLongest\"", 9),
                "{\"pad_token_id\": 7}", "{\"pad_token\": \"[MASK]\"}");
        ModelFiles none = files("pad-none", null, null, null);
        try (TextTokenizer vocabulary = TextTokenizer.load(fromVocabulary, MODEL, true);
                TextTokenizer added = TextTokenizer.load(fromAddedToken, MODEL, true);
                TextTokenizer config = TextTokenizer.load(fromConfig, MODEL, true);
                TextTokenizer declared = TextTokenizer.load(fromPadding, MODEL, true);
                TextTokenizer nothing = TextTokenizer.load(none, MODEL, true)) {
            assertThat(vocabulary.padId()).isEqualTo(103); // [MASK] in BERT's vocabulary
            assertThat(added.padId()).isEqualTo(102);
            assertThat(config.padId()).isEqualTo(7);
            assertThat(declared.padId()).isEqualTo(9);
            assertThat(nothing.padId()).isZero();
            EncodedBatch batch = vocabulary.encode(List.of("one two three", "one"));
            assertThat(batch.inputIds[batch.length + 3]).isEqualTo(103);
        }
    }

    @Test
    void a_corrupt_tokenizer_json_is_reported_with_its_path() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Path file = Files.writeString(broken.resolve("tokenizer.json"), "{\"model\": 42");
        ModelFiles files = new ModelFiles(file.getParent(), file, file, null, null, null, "test");
        assertThatThrownBy(() -> TextTokenizer.load(files, MODEL, true)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());
    }

    private static JsonObject padding(String direction, String strategy, int padId) {
        return JsonParser.parseString("{\"direction\": \"" + direction + "\", \"strategy\": " + strategy
                + ", \"pad_to_multiple_of\": null, \"pad_id\": " + padId
                + ", \"pad_type_id\": 0, \"pad_token\": \"[PAD]\"}").getAsJsonObject();
    }

    private static ModelFiles files(String name, JsonObject padding, String config, String tokenizerConfig)
            throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        JsonObject json = JsonParser.parseString(original).getAsJsonObject();
        if (padding != null) {
            json.add("padding", padding);
        }
        Path tokenizer = Files.writeString(folder.resolve("tokenizer.json"), json.toString());
        Path configFile = config == null ? null : Files.writeString(folder.resolve("config.json"), config);
        Path tokenizerConfigFile = tokenizerConfig == null ? null
                : Files.writeString(folder.resolve("tokenizer_config.json"), tokenizerConfig);
        return new ModelFiles(tokenizer.getParent(), tokenizer, tokenizer, configFile, tokenizerConfigFile, null, "test " + name);
    }

    private static long[] row(long[] flat, int row, int length) {
        long[] out = new long[length];
        System.arraycopy(flat, row * length, out, 0, length);
        return out;
    }
}
