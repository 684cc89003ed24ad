package dev.fastembed.spring.boot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.model.ImageModelDescription;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.RerankerModelDescription;
import dev.fastembed.model.SparseModelDescription;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE hints for the model properties list exactly the catalog's ids, so they cannot drift from it. */
class ConfigurationMetadataTest {

    @Test
    void model_property_hints_list_every_catalog_id() throws IOException {
        Map<String, List<String>> hints = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json")) {
            JsonObject json = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
            for (JsonElement hint : json.getAsJsonArray("hints")) {
                List<String> values = new ArrayList<>();
                hint.getAsJsonObject().getAsJsonArray("values")
                        .forEach(v -> values.add(v.getAsJsonObject().get("value").getAsString()));
                hints.put(hint.getAsJsonObject().get("name").getAsString(), values);
            }
        }
        assertThat(hints.get("fastembed.text.model")).containsExactlyElementsOf(
                ModelCatalog.denseTextModels().stream().map(ModelDescription::id).toList());
        assertThat(hints.get("fastembed.sparse.model")).containsExactlyElementsOf(
                ModelCatalog.sparseTextModels().stream().map(SparseModelDescription::id).toList());
        assertThat(hints.get("fastembed.rerank.model")).containsExactlyElementsOf(
                ModelCatalog.rerankerModels().stream().map(RerankerModelDescription::id).toList());
        assertThat(hints.get("fastembed.image.model")).containsExactlyElementsOf(
                ModelCatalog.imageModels().stream().map(ImageModelDescription::id).toList());
        assertThat(hints.get("fastembed.late-interaction.model")).containsExactlyElementsOf(
                ModelCatalog.lateInteractionModels().stream()
                        .map(dev.fastembed.model.LateInteractionModelDescription::id).toList());
        assertThat(hints.get("fastembed.multimodal.model")).containsExactlyElementsOf(
                ModelCatalog.multimodalModels().stream().map(dev.fastembed.model.MultimodalModelDescription::id)
                        .toList());
    }
}
