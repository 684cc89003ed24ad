package dev.fastembed.hub;

import dev.fastembed.TextEmbedding;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run by {@link CacheWriteFailureIT} in a child JVM whose cache directory is a tiny or read-only tmpfs: loads
 * {@link CacheHealingIT}'s model from the loopback hub and prints the error and every file left in the cache.
 */
public final class CacheWriteProbe {

    private CacheWriteProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path cache = Path.of(args[1]);
        CacheHealingIT.register(CacheHealingIT.INLINE, CacheHealingIT.INLINE_REPO, java.util.List.of());
        try (TextEmbedding model = TextEmbedding.builder().model(CacheHealingIT.INLINE).cacheDir(cache)
                .hub(HuggingFaceHub.builder(Map.of()).endpoint(endpoint).build()).build()) {
            System.out.println("LOADED " + model.embed("nothing to write").length);
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
        }
        try (Stream<Path> files = Files.walk(cache)) {
            files.filter(Files::isRegularFile).forEach(file -> System.out.println("FILE " + cache.relativize(file)));
        }
    }
}
