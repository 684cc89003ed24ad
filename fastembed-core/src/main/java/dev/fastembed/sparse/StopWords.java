package dev.fastembed.sparse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * NLTK's stop-word lists. 14 languages ship in the jar (see {@code stopwords/SOURCE.md}); the others are read
 * from the {@code Qdrant/bm25} model files.
 */
public final class StopWords {

    private StopWords() {
    }

    /** The list bundled in the jar, if this language has one. */
    public static Optional<Set<String>> bundled(String language) {
        String resource = "stopwords/" + language.toLowerCase(Locale.ROOT) + ".txt";
        try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled " + resource, e);
        }
    }

    /** A list file, one word per line (as Python's {@code splitlines()} reads it). */
    public static Set<String> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the stop-word file " + file, e);
        }
    }

    static Set<String> parse(String text) {
        Set<String> words = new HashSet<>();
        text.lines().forEach(words::add);
        return Set.copyOf(words);
    }
}
