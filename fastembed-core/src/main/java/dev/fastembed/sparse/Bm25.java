package dev.fastembed.sparse;

import com.carrotsearch.hppc.LongFloatHashMap;

import dev.fastembed.SparseEmbedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * fastembed's BM25 term weights, index for index: Python-{@code \w} tokens, stop words, the 40-code-point
 * limit, Snowball stems, {@code abs(mmh3)} ids. A document weighs each distinct stem
 * {@code tf*(k+1) / (tf + k*(1 - b + b*docLen/avgLen))}; a query gives each distinct stem 1. The IDF part of
 * BM25 is the vector store's (Qdrant's {@code modifier: idf}). Thread-safe.
 */
public final class Bm25 {

    /** fastembed's defaults. */
    public static final double DEFAULT_K = 1.2;
    public static final double DEFAULT_B = 0.75;
    public static final double DEFAULT_AVG_LEN = 256.0;
    public static final int DEFAULT_TOKEN_MAX_LENGTH = 40;

    private final Function<String, List<String>> tokenizer;
    private final UnaryOperator<String> stemmer;
    private final Set<String> stopWords;
    private final double k;
    private final double b;
    private final double avgLen;
    private final int tokenMaxLength;

    /**
     * @param tokenizer text to lower-case tokens (fastembed's: {@link #pythonTokens})
     * @param stemmer word to stem, or null for none
     * @param stopWords words dropped before stemming
     */
    public Bm25(Function<String, List<String>> tokenizer, UnaryOperator<String> stemmer, Set<String> stopWords,
            double k, double b, double avgLen, int tokenMaxLength) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.stemmer = stemmer;
        this.stopWords = Set.copyOf(Objects.requireNonNull(stopWords, "stopWords"));
        if (!(k >= 0) || !(b >= 0 && b <= 1) || !(avgLen > 0) || tokenMaxLength <= 0) {
            throw new IllegalArgumentException("BM25 needs k >= 0, 0 <= b <= 1, avgLen > 0 and tokenMaxLength > 0; "
                    + "got k=" + k + ", b=" + b + ", avgLen=" + avgLen + ", tokenMaxLength=" + tokenMaxLength);
        }
        this.k = k;
        this.b = b;
        this.avgLen = avgLen;
        this.tokenMaxLength = tokenMaxLength;
    }

    /** fastembed's tokenizer: {@code [^\w\s]} to spaces, then {@code SimpleTokenizer}. */
    public static List<String> pythonTokens(String text) {
        return PythonText.simpleTokens(PythonText.removeNonAlphanumeric(text));
    }

    /** Tokens before stop words and the length limit: fastembed's {@code token_count}. */
    public int tokenCount(String text) {
        return tokenizer.apply(text).size();
    }

    /** The stems BM25 keeps, in text order (fastembed's {@code _stem}). */
    public List<String> stems(String text) {
        List<String> tokens = tokenizer.apply(text);
        List<String> stems = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            if (PythonText.isSinglePunctuation(token)) {
                continue;
            }
            String lower = PythonText.lower(token);
            if (stopWords.contains(lower) || PythonText.length(token) > tokenMaxLength) {
                continue;
            }
            String stem = stemmer == null ? lower : stemmer.apply(lower);
            if (!stem.isEmpty()) {
                stems.add(stem);
            }
        }
        return stems;
    }

    public SparseEmbedding document(String text) {
        List<String> stems = stems(text);
        Map<String, int[]> frequencies = new LinkedHashMap<>(); // first-occurrence order, as fastembed
        for (String stem : stems) {
            frequencies.computeIfAbsent(stem, s -> new int[1])[0]++;
        }
        double norm = k * (1 - b + b * stems.size() / avgLen);
        LongFloatHashMap weights = new LongFloatHashMap(frequencies.size());
        for (Map.Entry<String, int[]> entry : frequencies.entrySet()) {
            int tf = entry.getValue()[0];
            // on a hash collision the later stem's weight replaces the earlier one, as in fastembed
            weights.put(TokenHash.id(entry.getKey()), (float) (tf * (k + 1) / (tf + norm)));
        }
        return SparseWeights.toEmbedding(weights);
    }

    public SparseEmbedding query(String text) {
        LongFloatHashMap ones = new LongFloatHashMap();
        for (String stem : stems(text)) {
            ones.put(TokenHash.id(stem), 1.0f);
        }
        return SparseWeights.toEmbedding(ones);
    }
}
