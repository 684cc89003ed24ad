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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SPLADE from MLM logits {@code [B, S, V]}. SPLADE++ (spec §6.3): {@code max over real tokens of
 * log1p(relu(logit))}, documents and queries alike. Inference-free SPLADE (§6.4): documents take
 * {@code log1p(log1p(relu(max logit)))} with special-token columns zeroed; queries run no graph, only an IDF
 * lookup of their token ids.
 */
public final class SpladeModel extends EncoderSparseModel {

    private final boolean inferenceFree;
    private final Vocabulary vocabulary;
    private final Map<Integer, Float> idf;

    private SpladeModel(TextTokenizer tokenizer, TokenBudget maxBatchTokens, boolean inferenceFree, Vocabulary vocabulary,
            Map<Integer, Float> idf) {
        super(tokenizer, maxBatchTokens);
        this.inferenceFree = inferenceFree;
        this.vocabulary = vocabulary;
        this.idf = idf;
    }

    public static SpladeModel splade(TextTokenizer tokenizer, TokenBudget maxBatchTokens) {
        return new SpladeModel(tokenizer, maxBatchTokens, false, null, Map.of());
    }

    /**
     * @param idfTable idf.json: token string to IDF; tokens missing from the vocabulary are dropped, as in
     *     fastembed
     */
    public static SpladeModel inferenceFree(TextTokenizer tokenizer, TokenBudget maxBatchTokens, java.nio.file.Path tokenizerJson,
            Map<String, Float> idfTable) {
        Vocabulary vocabulary = Vocabulary.read(tokenizerJson);
        Map<Integer, Float> idf = new HashMap<>();
        idfTable.forEach((token, value) -> {
            Integer id = vocabulary.id(token);
            if (id != null) {
                idf.put(id, value);
            }
        });
        return new SpladeModel(tokenizer, maxBatchTokens, true, vocabulary, Map.copyOf(idf));
    }

    @Override
    public List<SparseEmbedding> documents(List<String> texts, OnnxSession session) throws OrtException {
        return TextBatchRunner.run(tokenizer, texts, session, maxBatchTokens(session), session.outputNames().get(0),
                null, this::head);
    }

    @Override
    public List<SparseEmbedding> queries(List<String> texts, OnnxSession session) throws OrtException {
        if (!inferenceFree) {
            return documents(texts, session);
        }
        TextTokenizer.Tokenized tokens = tokenizer.tokenize(texts);
        List<SparseEmbedding> out = new ArrayList<>(texts.size());
        for (int row = 0; row < tokens.size(); row++) {
            LongFloatHashMap weights = new LongFloatHashMap();
            for (long id : tokens.ids(row)) {
                Float value = idf.get((int) id);
                if (value != null && !vocabulary.isSpecial(id)) {
                    weights.put(id, value);
                }
            }
            out.add(SparseWeights.toEmbedding(weights));
        }
        return out;
    }

    private List<SparseEmbedding> head(OnnxValue output, EncodedBatch batch) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) output;
        long[] shape = tensor.getInfo().getShape();
        if (shape.length != 3 || shape[0] != batch.size() || shape[1] != batch.length()) {
            throw new IllegalStateException("SPLADE needs logits [batch, tokens, vocab]; the graph gave "
                    + Arrays.toString(shape));
        }
        FloatBuffer logits = PinnedFloats.floatsOf(tensor); // in place when pinned
        int seq = (int) shape[1];
        int vocab = (int) shape[2];
        List<SparseEmbedding> out = new ArrayList<>(batch.size());
        float[] best = new float[vocab];
        float[] token = new float[vocab];
        for (int row = 0; row < batch.size(); row++) {
            Arrays.fill(best, 0f); // relu: nothing below zero survives
            for (int t = 0; t < seq; t++) {
                if (!batch.isToken(row, t)) {
                    continue;
                }
                // one bulk copy per token, then a plain array loop (FloatBuffer.get(i) per logit checked the
                // bounds of each of the 30,522 reads)
                logits.get((row * seq + t) * vocab, token, 0, vocab);
                for (int v = 0; v < vocab; v++) {
                    float x = token[v];
                    if (x > best[v]) {
                        best[v] = x;
                    }
                }
            }
            if (inferenceFree) {
                for (int special : vocabulary.specialIds()) {
                    if (special < vocab) {
                        best[special] = 0f;
                    }
                }
            }
            out.add(weights(best));
        }
        return out;
    }

    /** log1p is monotonic, so it is applied once to the maximum rather than to every logit. */
    private SparseEmbedding weights(float[] best) {
        int nonZero = 0;
        for (float x : best) {
            if (x > 0) {
                nonZero++;
            }
        }
        long[] indices = new long[nonZero];
        float[] values = new float[nonZero];
        int k = 0;
        for (int v = 0; v < best.length; v++) {
            if (best[v] > 0) {
                double once = Math.log1p(best[v]);
                indices[k] = v;
                values[k++] = (float) (inferenceFree ? Math.log1p(once) : once);
            }
        }
        return SparseEmbedding.of(indices, values);
    }

}
