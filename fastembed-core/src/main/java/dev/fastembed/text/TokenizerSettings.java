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
 * Truncation and padding as fastembed derives them (spec §5): the max length from tokenizer_config.json
 * ({@code min(model_max_length, max_length)}), else from the catalog; padding from tokenizer.json when it
 * defines one, else right-side to the batch's longest with config.json's pad id.
 *
 * @param maxLength texts are truncated to this many tokens, special tokens included
 * @param padding how batches are padded
 */
record TokenizerSettings(int maxLength, Padding padding) {

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
        int maxLength = maxLength(files, catalogMaxLength);
        Padding padding;
        JsonElement declared = tokenizer.get("padding");
        if (declared != null && declared.isJsonObject()) {
            padding = padding(declared.getAsJsonObject(), graphTakesAttentionMask);
        } else {
            padding = Padding.batchLongest(configPadId(files));
        }
        if (padToMaxLength) {
            padding = padding.withFixedLength(maxLength);
        }
        return new TokenizerSettings(maxLength, padding);
    }

    private static int maxLength(ModelFiles files, int catalogMaxLength) {
        if (files.tokenizerConfig() == null) {
            return catalogMaxLength;
        }
        JsonObject config = read(files.tokenizerConfig());
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

    private static Padding padding(JsonObject padding, boolean graphTakesAttentionMask) {
        boolean left = "left".equalsIgnoreCase(string(padding, "direction", "Right"));
        int fixed = 0;
        JsonElement strategy = padding.get("strategy");
        if (strategy != null && strategy.isJsonObject() && strategy.getAsJsonObject().has("Fixed")
                && !graphTakesAttentionMask) {
            fixed = strategy.getAsJsonObject().get("Fixed").getAsInt();
        }
        int multipleOf = (int) number(padding, "pad_to_multiple_of", 0);
        return new Padding(left, fixed, multipleOf, number(padding, "pad_id", 0), number(padding, "pad_type_id", 0));
    }

    private static long configPadId(ModelFiles files) {
        if (files.config() == null) {
            return 0;
        }
        return number(read(files.config()), "pad_token_id", 0);
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
