package dev.fastembed.sparse;

import com.carrotsearch.hppc.LongFloatHashMap;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import dev.fastembed.SparseEmbedding;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * BM42 (spec §6.6): the last layer's attention from [CLS] to each token ({@code attention_6}, averaged over
 * heads) weighs the words rebuilt from WordPiece pieces; stop words and punctuation go, words are stemmed,
 * a stem's weight is the sum over its pieces (max over repeats), the value {@code ln(1 + weight)^alpha}. Queries
 * run no graph: each distinct stem weighs 1.
 */
public final class Bm42Model extends EncoderSparseModel {

    static final String OUTPUT = "attention_6";
    /** Python's {@code string.punctuation}. */
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final Vocabulary vocabulary;
    private final Set<String> stopWords;
    private final UnaryOperator<String> stemmer;
    private final double alpha;

    public Bm42Model(TextTokenizer tokenizer, TokenBudget maxBatchTokens, Path tokenizerJson, Set<String> stopWords,
            double alpha) {
        super(tokenizer, maxBatchTokens);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("BM42 alpha must be > 0, was " + alpha);
        }
        this.vocabulary = Vocabulary.read(tokenizerJson);
        this.stopWords = Set.copyOf(stopWords);
        this.stemmer = Stemmers.forLanguage("english");
        this.alpha = alpha;
    }

    /** A word rebuilt from its pieces, with the positions it covers. */
    private record Word(String text, int[] positions) {
    }

    @Override
    public List<SparseEmbedding> documents(List<String> texts, OnnxSession session) throws OrtException {
        if (!session.outputNames().contains(OUTPUT)) {
            throw new IllegalStateException("BM42 reads the graph output '" + OUTPUT + "', which " + session.path()
                    + " lacks (it has " + session.outputNames() + "); use the model exported with attentions");
        }
        return TextBatchRunner.run(tokenizer, texts, session, maxBatchTokens(session), OUTPUT, null, this::head);
    }

    private List<SparseEmbedding> head(OnnxValue output, EncodedBatch batch) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) output;
        long[] shape = tensor.getInfo().getShape();
        if (shape.length != 4 || shape[0] != batch.size() || shape[2] != batch.length() || shape[3] != batch.length()) {
            throw new IllegalStateException("BM42 needs attentions [batch, heads, tokens, tokens]; the graph gave "
                    + Arrays.toString(shape));
        }
        FloatBuffer attention = PinnedFloats.floatsOf(tensor);
        int heads = (int) shape[1];
        int seq = (int) shape[2];
        List<SparseEmbedding> out = new ArrayList<>(batch.size());
        double[] weights = new double[seq];
        long[] ids = new long[seq];
        for (int row = 0; row < batch.size(); row++) {
            for (int t = 0; t < seq; t++) {
                ids[t] = batch.id(row, t);
                double sum = 0;
                for (int h = 0; h < heads; h++) {
                    sum += attention.get(((row * heads + h) * seq) * seq + t); // query position 0: [CLS]
                }
                weights[t] = batch.isToken(row, t) ? sum / heads : 0;
            }
            Map<String, Double> stems = new LinkedHashMap<>(); // first occurrence, as fastembed
            for (Word word : words(ids, batch, row)) {
                String stem = stemOf(word.text());
                if (stem == null) {
                    continue;
                }
                double weight = 0;
                for (int position : word.positions()) {
                    weight += weights[position];
                }
                stems.merge(stem, Math.max(0, weight), Math::max); // repeats keep the max, starting from 0
            }
            LongFloatHashMap vector = new LongFloatHashMap(stems.size());
            stems.forEach((stem, weight) -> vector.put(TokenHash.id(stem), (float) Math.pow(Math.log1p(weight), alpha)));
            out.add(SparseWeights.toEmbedding(vector));
        }
        return out;
    }

    @Override
    public List<SparseEmbedding> queries(List<String> texts, OnnxSession session) {
        TextTokenizer.Tokenized tokens = tokenizer.tokenize(texts);
        List<SparseEmbedding> out = new ArrayList<>(texts.size());
        for (int row = 0; row < tokens.size(); row++) {
            LongFloatHashMap vector = new LongFloatHashMap();
            for (Word word : words(tokens.ids(row), null, row)) {
                String stem = stemOf(word.text());
                if (stem != null) {
                    vector.put(TokenHash.id(stem), 1.0f);
                }
            }
            out.add(SparseWeights.toEmbedding(vector));
        }
        return out;
    }

    /** The stem fastembed keeps for a word, or null for stop words and lone ASCII punctuation. */
    private String stemOf(String word) {
        if (stopWords.contains(word) || (word.length() == 1 && ASCII_PUNCTUATION.indexOf(word.charAt(0)) >= 0)) {
            return null;
        }
        String stem = stemmer.apply(word);
        return stem.isEmpty() ? null : stem;
    }

    /**
     * Words rebuilt from WordPiece pieces: a {@code ##} piece extends the current word, any other piece starts
     * one; special tokens are skipped without ending the current word, as in fastembed.
     */
    private List<Word> words(long[] ids, EncodedBatch batch, int row) {
        String prefix = vocabulary.subwordPrefix();
        List<Word> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<Integer> positions = new ArrayList<>();
        for (int t = 0; t < ids.length; t++) {
            if ((batch != null && !batch.isToken(row, t)) || vocabulary.isSpecial(ids[t])) {
                continue;
            }
            String token = vocabulary.token(ids[t]);
            if (!token.startsWith(prefix)) {
                flush(words, current, positions);
                current.append(token);
            } else {
                current.append(token, prefix.length(), token.length());
            }
            positions.add(t);
        }
        flush(words, current, positions);
        return words;
    }

    private static void flush(List<Word> words, StringBuilder current, List<Integer> positions) {
        if (current.length() > 0) {
            words.add(new Word(current.toString(), positions.stream().mapToInt(Integer::intValue).toArray()));
        }
        current.setLength(0);
        positions.clear();
    }

}
