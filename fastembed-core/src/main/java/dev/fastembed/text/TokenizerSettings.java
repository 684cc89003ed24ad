package dev.fastembed.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.ModelLoadException;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.model.ModelDescription;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Truncation and padding as fastembed 0.9.1 derives them ({@code load_tokenizer}, spec §5, fastembed #775/#776):
 * <ul>
 * <li>the max length from tokenizer_config.json ({@code min(model_max_length, max_length)}), else the catalog's;
 * <li>the truncation side from tokenizer_config.json's {@code truncation_side}, else tokenizer.json's
 *     truncation direction, else right;
 * <li>the padding side from tokenizer_config.json's {@code padding_side}, else tokenizer.json's padding
 *     direction, else right;
 * <li>the pad id from tokenizer.json's padding, else config.json's {@code pad_token_id} (config.json is
 *     optional: newer exporters no longer write it), else the vocabulary's id of the pad token (tokenizer.json's
 *     padding {@code pad_token}, else tokenizer_config.json's {@code pad_token}), else 0.
 * </ul>
 *
 * @param maxLength texts are truncated to this many tokens, special tokens included
 * @param truncateLeft whether truncation drops a text's first tokens rather than its last
 * @param padding how batches are padded
 */
record TokenizerSettings(int maxLength, boolean truncateLeft, Padding padding) {

    /** Lengths at or above this are "unlimited" sentinels (transformers writes 1e30), not real limits. */
    private static final double SENTINEL = 1_000_000;

    /**
     * @param graphTakesAttentionMask whether the ONNX graph has an {@code attention_mask} input. A fixed padding
     *     length in tokenizer.json is honoured only when the graph has none (its output then depends on the
     *     pads) or the catalog asks for it (SigLIP). With a mask, pads are invisible to attention and pooling:
     *     fixed padding would only add compute (MiniLM's bundled tokenizer.json pads every text to 128).
     */
    static TokenizerSettings of(ModelFiles files, ModelDescription model, boolean graphTakesAttentionMask) {
        return of(files, model.maxLength(), model.padToMaxLength(), graphTakesAttentionMask);
    }

    /**
     * @param catalogMaxLength the catalog's context length, used when tokenizer_config.json gives none
     * @param padToMaxLength pad every text to the max length whatever tokenizer.json says (SigLIP)
     */
    static TokenizerSettings of(ModelFiles files, int catalogMaxLength, boolean padToMaxLength,
            boolean graphTakesAttentionMask) {
        JsonObject tokenizer = read(files.tokenizer());
        JsonObject tokenizerConfig = files.tokenizerConfig() == null ? new JsonObject() : read(files.tokenizerConfig());
        int maxLength = maxLength(tokenizerConfig, catalogMaxLength);
        JsonObject declared = object(tokenizer, "padding");
        JsonObject truncation = object(tokenizer, "truncation");
        String truncationSide = side(tokenizerConfig, "truncation_side", truncation, "direction");
        boolean left = "left".equalsIgnoreCase(side(tokenizerConfig, "padding_side", declared, "direction"));
        int fixed = 0;
        if (declared != null && object(declared, "strategy") != null && object(declared, "strategy").has("Fixed")
                && !graphTakesAttentionMask) {
            fixed = object(declared, "strategy").get("Fixed").getAsInt();
        }
        int multipleOf = declared == null ? 0 : (int) number(declared, "pad_to_multiple_of", 0);
        long padTypeId = declared == null ? 0 : number(declared, "pad_type_id", 0);
        Padding padding = new Padding(left, fixed, multipleOf, padId(files, tokenizer, tokenizerConfig, declared),
                padTypeId);
        if (padToMaxLength) {
            padding = padding.withFixedLength(maxLength);
        }
        return new TokenizerSettings(maxLength, "left".equalsIgnoreCase(truncationSide), padding);
    }

    /** The same settings truncating {@code reserved} tokens earlier (never below one token). */
    TokenizerSettings reserving(int reserved) {
        return new TokenizerSettings(Math.max(1, maxLength - reserved), truncateLeft, padding);
    }

    /** tokenizer_config.json's {@code configKey}, else {@code serialized}'s {@code serializedKey}, else right. */
    private static String side(JsonObject tokenizerConfig, String configKey, JsonObject serialized,
            String serializedKey) {
        String side = string(tokenizerConfig, configKey, null);
        if (side == null || side.isEmpty()) {
            side = serialized == null ? null : string(serialized, serializedKey, null);
        }
        if (side == null || side.isEmpty()) {
            return "right";
        }
        if (!side.equalsIgnoreCase("left") && !side.equalsIgnoreCase("right")) {
            boolean fromConfig = string(tokenizerConfig, configKey, null) != null
                    && !string(tokenizerConfig, configKey, "").isEmpty();
            throw new ModelLoadException((fromConfig ? "tokenizer_config.json's " + configKey
                    : "tokenizer.json's " + serializedKey) + " \"" + side + "\" is neither left nor right; fix the "
                    + "model's " + (fromConfig ? "tokenizer_config.json" : "tokenizer.json") + ".");
        }
        return side;
    }

    private static long padId(ModelFiles files, JsonObject tokenizer, JsonObject tokenizerConfig,
            JsonObject declared) {
        if (declared != null && declared.has("pad_id")) {
            return number(declared, "pad_id", 0);
        }
        if (files.config() != null) {
            JsonElement configured = read(files.config()).get("pad_token_id");
            if (configured != null && configured.isJsonPrimitive() && configured.getAsJsonPrimitive().isNumber()) {
                return configured.getAsLong();
            }
        }
        String padToken = declared == null ? null : string(declared, "pad_token", null);
        if (padToken == null) {
            padToken = tokenText(tokenizerConfig.get("pad_token"));
        }
        Long fromVocabulary = padToken == null ? null : vocabularyId(tokenizer, padToken);
        return fromVocabulary != null ? fromVocabulary : 0;
    }

    /** A token as tokenizer_config.json writes it: a string, or an AddedToken object with its content. */
    private static String tokenText(JsonElement token) {
        if (token == null || token.isJsonNull()) {
            return null;
        }
        if (token.isJsonPrimitive()) {
            return token.getAsString();
        }
        return token.isJsonObject() ? string(token.getAsJsonObject(), "content", null) : null;
    }

    /** The id of {@code token}: an added token's, else the model vocabulary's (a map, or Unigram's list). */
    private static Long vocabularyId(JsonObject tokenizer, String token) {
        JsonElement added = tokenizer.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement entry : added.getAsJsonArray()) {
                if (entry.isJsonObject() && token.equals(string(entry.getAsJsonObject(), "content", null))) {
                    return number(entry.getAsJsonObject(), "id", 0);
                }
            }
        }
        JsonObject model = object(tokenizer, "model");
        JsonElement vocab = model == null ? null : model.get("vocab");
        if (vocab != null && vocab.isJsonObject()) {
            JsonElement id = vocab.getAsJsonObject().get(token);
            return id != null && id.isJsonPrimitive() ? id.getAsLong() : null;
        }
        if (vocab != null && vocab.isJsonArray()) { // Unigram: [[piece, score], ...], the id is the position
            int index = 0;
            for (JsonElement piece : vocab.getAsJsonArray()) {
                if (piece.isJsonArray() && !piece.getAsJsonArray().isEmpty()
                        && token.equals(piece.getAsJsonArray().get(0).getAsString())) {
                    return (long) index;
                }
                index++;
            }
        }
        return null;
    }

    private static JsonObject object(JsonObject parent, String key) {
        JsonElement value = parent.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    private static int maxLength(JsonObject config, int catalogMaxLength) {
        double limit = Double.MAX_VALUE;
        for (String key : new String[] {"model_max_length", "max_length"}) {
            JsonElement value = config.get(key);
            if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                double length = value.getAsDouble();
                if (length > 0 && length < SENTINEL) {
                    limit = Math.min(limit, length);
                }
            }
        }
        return limit == Double.MAX_VALUE ? catalogMaxLength : (int) limit;
    }

    private static String string(JsonObject object, String key, String fallback) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : fallback;
    }

    private static long number(JsonObject object, String key, long fallback) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                ? value.getAsLong() : fallback;
    }

    static JsonObject read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement element = JsonParser.parseReader(reader);
            if (!element.isJsonObject()) {
                throw new ModelLoadException(file.toAbsolutePath() + " is not a JSON object; replace it with the "
                        + "model's original file.");
            }
            return element.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException loadException) {
                throw loadException;
            }
            throw new ModelLoadException("Could not read " + file.toAbsolutePath() + ": " + e.getMessage()
                    + ". Replace it with the model's original file.", e);
        }
    }
}
