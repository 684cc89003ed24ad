package dev.fastembed.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The huggingface_hub cache layout, {@code models--org--name/{blobs,refs,snapshots/<sha>}}, which Python
 * fastembed also writes, so one cache serves both.
 */
public final class HubCacheLayout {

    private HubCacheLayout() {
    }

    /** {@code <cache>/models--org--name}; case kept as written in the source repo id. */
    public static Path repoDirectory(Path cacheDir, String repoId) {
        return cacheDir.resolve("models--" + repoId.replace("/", "--"));
    }

    /** The snapshot directory {@code refs/<revision>} points to, if the ref and the snapshot both exist. */
    public static Optional<Path> snapshot(Path cacheDir, String repoId, String revision) {
        Path repo = repoDirectory(cacheDir, repoId);
        Path ref = repo.resolve("refs").resolve(revision);
        try {
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            String sha = Files.readString(ref, StandardCharsets.UTF_8).strip();
            if (sha.isEmpty() || sha.contains("/") || sha.contains("\\") || sha.contains("..")) {
                return Optional.empty();
            }
            Path snapshot = repo.resolve("snapshots").resolve(sha);
            return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Where fastembed extracts its legacy archives: {@code <cache>/fast-<name>} for the old tar layout,
     * {@code <cache>/<name>} otherwise.
     */
    public static Path legacyArchiveDirectory(Path cacheDir, String modelId, boolean legacyLayout) {
        String name = modelId.substring(modelId.lastIndexOf('/') + 1);
        return cacheDir.resolve((legacyLayout ? "fast-" : "") + name);
    }
}
