package dev.fastembed.sparse;

import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.GreekStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Snowball stemmers (Lucene's build of the official Java ones) for the 18 languages of fastembed's BM25.
 * fastembed uses the rust-stemmers crate: same algorithms, possibly a different Snowball release, so rare
 * words may stem differently.
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
