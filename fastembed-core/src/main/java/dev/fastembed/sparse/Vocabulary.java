package dev.fastembed.sparse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.ModelLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A WordPiece tokenizer's vocabulary as tokenizer.json holds it: token strings by id (what fastembed gets
 * from {@code tokenizer.get_vocab()}) and the special tokens.
 */
final class Vocabulary {

    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final Set<Integer> specialIds;
    private final String subwordPrefix;

    private Vocabulary(String[] tokens, Map<String, Integer> ids, Set<Integer> specialIds, String subwordPrefix) {
        this.tokens = tokens;
        this.ids = ids;
        this.specialIds = specialIds;
        this.subwordPrefix = subwordPrefix;
    }

    static Vocabulary read(Path tokenizerJson) {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(tokenizerJson, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Could not read the vocabulary of " + tokenizerJson + ": " + e.getMessage(), e);
        }
        JsonObject model = root.getAsJsonObject("model");
        JsonElement vocab = model == null ? null : model.get("vocab");
        if (vocab == null || !vocab.isJsonObject()) {
            throw new ModelLoadException(tokenizerJson + " has no WordPiece vocabulary (model.vocab); this sparse "
                    + "model needs a BERT-style tokenizer.json");
        }
        Map<String, Integer> ids = new HashMap<>();
        int max = -1;
        for (Map.Entry<String, JsonElement> entry : vocab.getAsJsonObject().entrySet()) {
            int id = entry.getValue().getAsInt();
            ids.put(entry.getKey(), id);
            max = Math.max(max, id);
        }
        Set<Integer> special = new HashSet<>();
        JsonElement added = root.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement token : added.getAsJsonArray()) {
                JsonObject t = token.getAsJsonObject();
                int id = t.get("id").getAsInt();
                ids.putIfAbsent(t.get("content").getAsString(), id);
                max = Math.max(max, id);
                if (t.has("special") && t.get("special").getAsBoolean()) {
                    special.add(id);
                }
            }
        }
        String[] tokens = new String[max + 1];
        ids.forEach((token, id) -> tokens[id] = token);
        JsonElement prefix = model.get("continuing_subword_prefix");
        return new Vocabulary(tokens, Map.copyOf(ids), Set.copyOf(special),
                prefix == null || prefix.isJsonNull() ? "##" : prefix.getAsString());
    }

    String token(long id) {
        return id >= 0 && id < tokens.length && tokens[(int) id] != null ? tokens[(int) id] : "";
    }

    Integer id(String token) {
        return ids.get(token);
    }

    boolean isSpecial(long id) {
        return specialIds.contains((int) id);
    }

    Set<Integer> specialIds() {
        return specialIds;
    }

    String subwordPrefix() {
        return subwordPrefix;
    }
}
