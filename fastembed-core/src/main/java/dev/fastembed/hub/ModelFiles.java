package dev.fastembed.hub;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The local files of one resolved model. Optional files are null when absent.
 *
 * @param model the ONNX file (external data files sit beside it)
 * @param tokenizer the tokenizer.json
 * @param config config.json, or null
 * @param tokenizerConfig tokenizer_config.json, or null
 * @param specialTokensMap special_tokens_map.json, or null
 * @param origin where the files were found, for logs and messages
 */
public record ModelFiles(Path model, Path tokenizer, Path config, Path tokenizerConfig, Path specialTokensMap,
        String origin) {

    public ModelFiles {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(origin, "origin");
    }

    public Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }

    public Optional<Path> tokenizerConfigFile() {
        return Optional.ofNullable(tokenizerConfig);
    }
}
