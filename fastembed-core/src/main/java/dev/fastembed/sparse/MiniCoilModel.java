package dev.fastembed.sparse;

import com.carrotsearch.hppc.LongFloatHashMap;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.ModelLoadException;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * miniCOIL (spec §6.7): words known to its vocabulary get 4 dimensions each, a meaning vector
 * {@code tanh(mean token embedding @ W[word])} scaled by a BM25 term weight; other words fall back to hashed
 * BM25 ids above the known range. Queries use the meaning vectors with weight 1.
 */
public final class MiniCoilModel extends EncoderSparseModel {

    static final int GAP = 32_000;
    static final long INT32_MAX = Integer.MAX_VALUE;
    static final double K = 1.2;
    static final double B = 0.75;
    static final double AVG_LEN = 150.0;
    static final int DIMS = 4;
    private static final Set<String> SPECIAL = Set.of("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]");

    private final Vocabulary tokens;
    private final Set<String> stopWords;
    private final UnaryOperator<String> stemmer = Stemmers.forLanguage("english");
    private final List<String> words;
    private final Map<String, Integer> wordIds = new HashMap<>();
    private final Map<String, String> stemMapping = new HashMap<>();
    private final NpyFloatArray weights;
    private final int inputDim;
    private final long unknownShift;

    public MiniCoilModel(TextTokenizer tokenizer, TokenBudget maxBatchTokens, Path tokenizerJson, Set<String> stopWords,
            Path vocabFile, Path weightsFile) {
        super(tokenizer, maxBatchTokens);
        this.tokens = Vocabulary.read(tokenizerJson);
        this.stopWords = Set.copyOf(stopWords);
        JsonObject vocab;
        try {
            vocab = JsonParser.parseString(Files.readString(vocabFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Could not read the miniCOIL vocabulary " + vocabFile + ": " + e.getMessage(), e);
        }
        List<String> list = new ArrayList<>();
        for (JsonElement word : vocab.getAsJsonArray("vocab")) {
            list.add(word.getAsString());
            wordIds.putIfAbsent(word.getAsString(), list.size()); // ids start at 1; 0 is "unknown"
        }
        this.words = List.copyOf(list);
        for (Map.Entry<String, JsonElement> entry : vocab.getAsJsonObject("stem_mapping").entrySet()) {
            stemMapping.put(entry.getKey(), entry.getValue().getAsString());
        }
        this.weights = NpyFloatArray.map(weightsFile);
        int[] shape = weights.shape();
        int vocabSize = words.size() + 1;
        if (shape.length != 3 || shape[0] != vocabSize || shape[2] != DIMS) {
            throw new ModelLoadException(weightsFile + " has shape " + Arrays.toString(shape) + "; miniCOIL needs ["
                    + vocabSize + " (vocabulary + 1), embedding size, " + DIMS + "]");
        }
        this.inputDim = shape[1];
        this.unknownShift = ((long) vocabSize * DIMS / GAP + 2) * GAP;
    }

    /** One word of the sentence map: a known vocabulary word or an out-of-vocabulary form. */
    private static final class Entry {
        int count;
        final int wordId;
        final float[] embedding;

        Entry(int count, int wordId, float[] embedding) {
            this.count = count;
            this.wordId = wordId;
            this.embedding = embedding;
        }
    }

    @Override
    public List<SparseEmbedding> documents(List<String> texts, OnnxSession session) throws OrtException {
        return TextBatchRunner.run(tokenizer, texts, session, maxBatchTokens(session), session.outputNames().get(0), null,
                (output, batch) -> head(output, batch, false));
    }

    @Override
    public List<SparseEmbedding> queries(List<String> texts, OnnxSession session) throws OrtException {
        return TextBatchRunner.run(tokenizer, texts, session, maxBatchTokens(session), session.outputNames().get(0), null,
                (output, batch) -> head(output, batch, true));
    }

    private List<SparseEmbedding> head(OnnxValue output, EncodedBatch batch, boolean query) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) output;
        long[] shape = tensor.getInfo().getShape();
        if (shape.length != 3 || shape[0] != batch.size() || shape[1] != batch.length() || shape[2] != inputDim) {
            throw new IllegalStateException("miniCOIL needs token embeddings [batch, tokens, " + inputDim
                    + "]; the graph gave " + Arrays.toString(shape));
        }
        FloatBuffer hidden = PinnedFloats.floatsOf(tensor);
        List<SparseEmbedding> out = new ArrayList<>(batch.size());
        for (int row = 0; row < batch.size(); row++) {
            out.add(vector(sentence(hidden, batch, row), query));
        }
        return out;
    }

    /** Steps 1-5 of spec §6.7: resolve words, encode known ones, clean the rest. */
    private Map<String, Entry> sentence(FloatBuffer hidden, EncodedBatch batch, int row) {
        int seq = batch.length();
        List<Integer> positions = new ArrayList<>();
        for (int t = 0; t < seq; t++) {
            if (batch.isToken(row, t)) {
                positions.add(t);
            }
        }
        // Words from pieces, with a hard-coded "##" and special tokens kept as words.
        List<String> rebuilt = new ArrayList<>();
        List<List<Integer>> wordPositions = new ArrayList<>();
        for (int t : positions) {
            String token = tokens.token(batch.id(row, t));
            if (token.startsWith("##") && !rebuilt.isEmpty()) {
                int last = rebuilt.size() - 1;
                rebuilt.set(last, rebuilt.get(last) + token.substring(2));
                wordPositions.get(last).add(t);
            } else {
                rebuilt.add(token);
                wordPositions.add(new ArrayList<>(List.of(t)));
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        Map<String, Integer> oov = new LinkedHashMap<>();
        Map<Integer, List<Integer>> groups = new TreeMap<>(); // by vocab id ascending, 0 included
        for (int w = 0; w < rebuilt.size(); w++) {
            String word = rebuilt.get(w);
            int id = vocabId(word);
            groups.computeIfAbsent(id, k -> new ArrayList<>()).addAll(wordPositions.get(w));
            if (id != 0) {
                counts.merge(id, 1, Integer::sum);
            } else {
                oov.merge(word, 1, Integer::sum);
            }
        }
        Map<String, Entry> sentence = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> group : groups.entrySet()) {
            int id = group.getKey();
            if (id != 0) {
                sentence.put(words.get(id - 1), new Entry(counts.get(id), id, encode(hidden, row, seq, id,
                        group.getValue())));
            }
        }
        oov.forEach((word, count) -> sentence.put(word, new Entry(count, -1, new float[] {1})));

        Map<String, Entry> cleaned = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> item : sentence.entrySet()) {
            Entry entry = item.getValue();
            if (entry.wordId > 0) {
                cleaned.put(item.getKey(), entry);
                continue;
            }
            if (unwanted(item.getKey())) {
                continue;
            }
            for (String subword : PythonText.removeNonAlphanumeric(item.getKey()).strip().split("\\s+")) {
                if (subword.isEmpty()) {
                    continue;
                }
                String stem = stemmer.apply(subword);
                if (PythonText.length(stem) > 40 || unwanted(stem)) {
                    continue;
                }
                Entry existing = cleaned.get(stem);
                if (existing == null) {
                    cleaned.put(stem, new Entry(entry.count, entry.wordId, entry.embedding));
                } else {
                    existing.count += entry.count; // may add to a known word with the same key, as fastembed
                }
            }
        }
        return cleaned;
    }

    private int vocabId(String word) {
        if (stopWords.contains(word)) {
            return 0;
        }
        Integer direct = wordIds.get(word);
        if (direct != null) {
            return direct;
        }
        String canonical = stemMapping.get(word);
        if (canonical == null) {
            canonical = stemMapping.get(stemmer.apply(word));
        }
        Integer mapped = canonical == null ? null : wordIds.get(canonical);
        return mapped == null ? 0 : mapped;
    }

    private boolean unwanted(String word) {
        return SPECIAL.contains(word) || stopWords.contains(word) || PythonText.isSinglePunctuation(word);
    }

    /** {@code tanh(mean of the word's token embeddings @ W[id])}, a 4-d meaning vector. */
    private float[] encode(FloatBuffer hidden, int row, int seq, int id, List<Integer> positions) {
        double[] mean = new double[inputDim];
        for (int t : positions) {
            int offset = (row * seq + t) * inputDim;
            for (int d = 0; d < inputDim; d++) {
                mean[d] += hidden.get(offset + d);
            }
        }
        float[] meaning = new float[DIMS];
        int base = id * inputDim * DIMS;
        for (int j = 0; j < DIMS; j++) {
            double sum = 0;
            for (int d = 0; d < inputDim; d++) {
                sum += (float) (mean[d] / positions.size()) * weights.get(base + d * DIMS + j);
            }
            meaning[j] = (float) Math.tanh(sum);
        }
        return meaning;
    }

    /** Steps 6-7: BM25-weighted meaning vectors for known words, hashed ids above the known range for others. */
    private SparseEmbedding vector(Map<String, Entry> sentence, boolean query) {
        int length = 0;
        for (Entry entry : sentence.values()) {
            length += entry.count;
        }
        LongFloatHashMap out = new LongFloatHashMap();
        for (Map.Entry<String, Entry> item : sentence.entrySet()) {
            Entry entry = item.getValue();
            double tf = query ? 1.0
                    : entry.count * (K + 1) / (entry.count + K * (1 - B + B * length / AVG_LEN));
            if (entry.wordId > 0) {
                double norm = 0;
                for (float x : entry.embedding) {
                    norm += (double) x * x;
                }
                norm = Math.sqrt(norm);
                for (int j = 0; j < DIMS; j++) {
                    double e = norm < 1e-8 ? entry.embedding[j] : entry.embedding[j] / norm;
                    out.put((long) entry.wordId * DIMS + j, (float) (e * tf));
                }
            } else {
                long id = unknownShift + TokenHash.id(item.getKey()) % (INT32_MAX - unknownShift);
                out.put(id, (float) tf);
            }
        }
        return SparseWeights.toEmbedding(out);
    }
}
