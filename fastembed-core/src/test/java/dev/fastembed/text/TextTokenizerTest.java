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
