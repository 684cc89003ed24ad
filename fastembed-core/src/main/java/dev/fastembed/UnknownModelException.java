package dev.fastembed;

import java.util.List;

/** A model id that is neither in the built-in catalog nor registered with {@code addCustomModel}. */
public class UnknownModelException extends FastEmbedException {

    private static final long serialVersionUID = 1L;

    private final String modelId;
    private final List<String> suggestions;

    public UnknownModelException(String modelId, List<String> suggestions) {
        super(message(modelId, suggestions));
        this.modelId = modelId;
        this.suggestions = List.copyOf(suggestions);
    }

    private static String message(String modelId, List<String> suggestions) {
        String text = "Model '" + modelId + "' is not in the catalog.";
        if (!suggestions.isEmpty()) {
            text += " Closest supported models: " + String.join(", ", suggestions) + ".";
        }
        return text + " listSupportedModels() lists them all; addCustomModel(...) registers your own.";
    }

    /** The id that was asked for. */
    public String modelId() {
        return modelId;
    }

    /** Catalog ids closest to the requested one, nearest first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
