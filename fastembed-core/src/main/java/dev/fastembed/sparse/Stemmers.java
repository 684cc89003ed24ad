package dev.fastembed.sparse;

import dev.fastembed.sparse.snowball.ArabicStemmer;
import dev.fastembed.sparse.snowball.DanishStemmer;
import dev.fastembed.sparse.snowball.DutchStemmer;
import dev.fastembed.sparse.snowball.EnglishStemmer;
import dev.fastembed.sparse.snowball.FinnishStemmer;
import dev.fastembed.sparse.snowball.FrenchStemmer;
import dev.fastembed.sparse.snowball.GermanStemmer;
import dev.fastembed.sparse.snowball.GreekStemmer;
import dev.fastembed.sparse.snowball.HungarianStemmer;
import dev.fastembed.sparse.snowball.ItalianStemmer;
import dev.fastembed.sparse.snowball.NorwegianStemmer;
import dev.fastembed.sparse.snowball.PortugueseStemmer;
import dev.fastembed.sparse.snowball.RomanianStemmer;
import dev.fastembed.sparse.snowball.RussianStemmer;
import dev.fastembed.sparse.snowball.SpanishStemmer;
import dev.fastembed.sparse.snowball.SwedishStemmer;
import dev.fastembed.sparse.snowball.TamilStemmer;
import dev.fastembed.sparse.snowball.TurkishStemmer;

import org.tartarus.snowball.SnowballStemmer;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Snowball stemmers for the 18 languages of fastembed's BM25, stemming exactly as Python fastembed does. It
 * stems with the rust-stemmers 1.2.0 crate, whose algorithms predate several 2018-2020 Snowball changes, so
 * Lucene's newer stemmers give other stems (Finnish {@code 2000} is {@code 200} there, French {@code canoë}
 * stays {@code canoë}, Russian keeps {@code ё}). These classes are compiled from the crate's own .sbl sources
 * ({@code src/main/snowball/make_stemmers.sh}) and run on Lucene's Snowball runtime; {@code StemmersTest}
 * checks them against the Snowball project's test data for those algorithms.
 */
public final class Stemmers {

    private static final Map<String, Supplier<SnowballStemmer>> BY_LANGUAGE = new TreeMap<>(Map.ofEntries(
            Map.entry("arabic", ArabicStemmer::new), Map.entry("danish", DanishStemmer::new),
            Map.entry("dutch", DutchStemmer::new), Map.entry("english", EnglishStemmer::new),
            Map.entry("finnish", FinnishStemmer::new), Map.entry("french", FrenchStemmer::new),
            Map.entry("german", GermanStemmer::new), Map.entry("greek", GreekStemmer::new),
            Map.entry("hungarian", HungarianStemmer::new), Map.entry("italian", ItalianStemmer::new),
            Map.entry("norwegian", NorwegianStemmer::new), Map.entry("portuguese", PortugueseStemmer::new),
            Map.entry("romanian", RomanianStemmer::new), Map.entry("russian", RussianStemmer::new),
            Map.entry("spanish", SpanishStemmer::new), Map.entry("swedish", SwedishStemmer::new),
            Map.entry("tamil", TamilStemmer::new), Map.entry("turkish", TurkishStemmer::new)));

    private Stemmers() {
    }

    /** The 18 languages, lower case, as fastembed names them. */
    public static Set<String> languages() {
        return BY_LANGUAGE.keySet();
    }

    /**
     * A stemmer for the language. Snowball stemmers keep state, so the returned function makes one per
     * thread.
     *
     * @throws IllegalArgumentException for a language fastembed's BM25 does not know
     */
    public static UnaryOperator<String> forLanguage(String language) {
        Supplier<SnowballStemmer> factory = BY_LANGUAGE.get(language.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("language '" + language + "' has no Snowball stemmer here; choose one "
                    + "of " + languages() + ", or pass your own stemmer");
        }
        ThreadLocal<SnowballStemmer> perThread = ThreadLocal.withInitial(factory);
        return word -> {
            SnowballStemmer stemmer = perThread.get();
            stemmer.setCurrent(word);
            stemmer.stem();
            return stemmer.getCurrent();
        };
    }
}
