package dev.fastembed.hub.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The local files of one resolved model. Optional files are null when absent.
 *
 * @param directory the folder the files were found in (a snapshot, a model path, an extracted bundle)
 * @param model the ONNX file (external data files sit beside it), or null for a model with none (BM25)
 * @param tokenizer the tokenizer.json, or null for a model that needs none (BM25, image models)
 * @param config config.json, or null
 * @param tokenizerConfig tokenizer_config.json, or null
 * @param specialTokensMap special_tokens_map.json, or null
 * @param origin where the files were found, for logs and messages
 */
public record ModelFiles(Path directory, Path model, Path tokenizer, Path config, Path tokenizerConfig,
        Path specialTokensMap, String origin) {

    public ModelFiles {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(origin, "origin");
    }

    public Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }

    public Optional<Path> tokenizerConfigFile() {
        return Optional.ofNullable(tokenizerConfig);
    }

    /** A file of the model by its repo path (nested or flat), e.g. {@code stopwords/english.txt}. */
    public Optional<Path> file(String repoPath) {
        return Optional.ofNullable(ModelResolver.locate(directory, repoPath));
    }
}
