package dev.fastembed.spring.boot;

import dev.fastembed.FastEmbedException;
import dev.fastembed.UnknownModelException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a fastembed bean that cannot start (an unknown model id, missing files, CUDA without a CUDA runtime,
 * a bad batch size, an unwritable cache) into Boot's startup report. Like Boot's own binding errors, the action
 * names the property that holds the bad value, the value, and where it came from (the property source and
 * line); for an unknown model id it lists the nearest catalog ids. Boot passes the {@link Environment} in.
 */
public class FastEmbedFailureAnalyzer extends AbstractFailureAnalyzer<BeanCreationException> {

    /** The properties holding model ids, searched for the unknown id. */
    static final List<String> MODEL_PROPERTIES = List.of("fastembed.text.model", "fastembed.sparse.model",
            "fastembed.rerank.model", "fastembed.image.model", "fastembed.late-interaction.model",
            "fastembed.multimodal.model", "fastembed.bge-m3.model", "fastembed.embedding.model",
            "fastembed.reranker.model");

    /** Core option names as they appear in messages, and the property that sets each. */
    static final Map<String, String> OPTIONS = options();

    private final Environment environment;

    public FastEmbedFailureAnalyzer(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Option name in core's messages, and the property suffix of a kind that sets it (null: a shared one). */
    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("batchSize", "batch-size");
        options.put("maxBatchTokens", "max-batch-tokens");
        options.put("threads", "threads");
        options.put("parallelism", "parallelism");
        options.put("deviceIds", "device-ids");
        options.put("cacheDir", "fastembed.cache-dir");
        options.put("CUDA", "device");
        options.put("revision", "fastembed.hub.revision");
        options.put("endpoint", "fastembed.hub.endpoint");
        options.put("modelPath", "model-path");
        options.put("dimension", "dimension");
        options.put("metadata-mode", "metadata-mode");
        return options;
    }

    /** The property groups of the kind a bean belongs to: its group, its deprecated group, then the flat names. */
    private static List<String> groups(String bean) {
        String name = bean == null ? "" : bean;
        if (name.contains("BgeM3")) {
            return List.of("fastembed.bge-m3.", "fastembed.");
        }
        if (name.contains("Sparse")) {
            return List.of("fastembed.sparse.", "fastembed.");
        }
        if (name.contains("CrossEncoder") || name.contains("Rerank") || name.contains("Scoring")) {
            return List.of("fastembed.rerank.", "fastembed.reranker.", "fastembed.");
        }
        if (name.contains("Multimodal")) {
            return List.of("fastembed.multimodal.", "fastembed.");
        }
        if (name.contains("LateInteraction")) {
            return List.of("fastembed.late-interaction.", "fastembed.");
        }
        if (name.contains("Image") || name.contains("DocumentEmbedding")) {
            return List.of("fastembed.image.", "fastembed.");
        }
        return List.of("fastembed.text.", "fastembed.embedding.", "fastembed.");
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BeanCreationException cause) {
        Throwable problem = ourProblem(cause);
        if (problem == null) {
            return null;
        }
        String bean = cause.getBeanName() != null ? cause.getBeanName() : "a fastembed bean";
        String description = "fastembed could not start " + bean + ": " + problem.getMessage();
        if (problem instanceof UnknownModelException unknown) {
            List<ConfigurationProperty> holders = new ArrayList<>();
            for (String name : MODEL_PROPERTIES) {
                ConfigurationProperty property = find(name);
                if (property != null && unknown.modelId().equals(String.valueOf(property.getValue()).strip())) {
                    holders.add(property);
                }
            }
            String closest = unknown.suggestions().isEmpty() ? "" : " The closest catalog ids: "
                    + String.join(", ", unknown.suggestions()) + ".";
            if (!holders.isEmpty()) {
                return new FailureAnalysis(description, "Change " + describe(holders.get(0)) + " to a model id of "
                        + "fastembed's catalog." + closest + " Every id: TextEmbedding.listSupportedModels() and its "
                        + "siblings; a model of your own needs addCustomModel(...) and a model-path.", problem);
            }
            return new FailureAnalysis(description, "Set the fastembed.*.model property that reads '"
                    + unknown.modelId() + "' to a catalog id." + closest, problem);
        }
        for (Map.Entry<String, String> option : OPTIONS.entrySet()) {
            if (String.valueOf(problem.getMessage()).contains(option.getKey())) {
                List<String> candidates = option.getValue().startsWith("fastembed.") ? List.of(option.getValue())
                        : groups(cause.getBeanName()).stream().map(group -> group + option.getValue()).toList();
                ConfigurationProperty property = null;
                for (String candidate : candidates) {
                    property = property != null ? property : find(candidate);
                }
                String where = property != null ? describe(property) : candidates.get(0) + " (not set: the default)";
                return new FailureAnalysis(description, "Change " + where + ": " + hint(option.getValue()), problem);
            }
        }
        return new FailureAnalysis(description, "Check the fastembed.* properties: the model ids (" + String.join(", ",
                MODEL_PROPERTIES) + "), fastembed.cache-dir (must be writable), fastembed.offline and the model-path "
                + "properties (the files must be there), fastembed.device and each kind's batch-size / threads / "
                + "parallelism (fastembed.<kind>.*, positive numbers).", problem);
    }

    private static String hint(String property) {
        return switch (property) {
            case "device" -> "cuda needs the onnxruntime_gpu artifact (-Pgpu) and a CUDA runtime; auto "
                    + "falls back to the CPU.";
            case "fastembed.cache-dir" -> "it must be a writable folder.";
            case "fastembed.hub.endpoint" -> "it must be an http(s) URL.";
            case "model-path" -> "the model's files must be in that folder.";
            case "dimension" -> "it must be the model's dimension or one of its Matryoshka lengths.";
            default -> "see the message above for the values it takes.";
        };
    }

    /** The property as bound from the environment (relaxed names, environment variables too), or null. */
    private ConfigurationProperty find(String name) {
        ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(key);
            if (property != null) {
                return property;
            }
        }
        return null;
    }

    /** {@code fastembed.x (now 'v', from <origin>)}, as Boot's binding errors say it. */
    private static String describe(ConfigurationProperty property) {
        return property.getName() + " (now '" + property.getValue() + "', from "
                + (property.getOrigin() != null ? property.getOrigin() : "an unknown source") + ")";
    }

    /** The deepest cause thrown by fastembed itself, or null when the failure is someone else's. */
    private static Throwable ourProblem(Throwable failure) {
        Throwable found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FastEmbedException || (t instanceof IllegalArgumentException
                    && t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().startsWith("dev.fastembed."))) {
                found = t;
            }
        }
        return found;
    }
}
