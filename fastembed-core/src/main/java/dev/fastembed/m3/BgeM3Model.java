package dev.fastembed.m3;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import com.carrotsearch.hppc.LongFloatHashMap;
import com.carrotsearch.hppc.LongHashSet;

import dev.fastembed.ModelLoadException;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.model.BgeM3ModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.sparse.SparseWeights;
import dev.fastembed.text.DensePooling;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BGE-M3's three heads from one ONNX run, post-processed as BGE-M3's own code (FlagEmbedding's
 * {@code BGEM3FlagModel}) does:
 * <ul>
 * <li>dense: the [CLS] vector, L2-normalised;
 * <li>sparse ("lexical weights"): per token id, the largest positive weight of its tokens, the ids of
 *     {@code <s>}, {@code </s>}, {@code <pad>} and {@code <unk>} left out; the indices are the tokenizer's own ids
 *     (0 to 250,001), not hashed or remapped;
 * <li>multi-vector ("colbert_vecs"): one row per attended token but [CLS] ({@code </s>} included), each
 *     L2-normalised.
 * </ul>
 * Normalising is idempotent, so exports whose graph already normalises give the same vectors.
 */
public final class BgeM3Model implements AutoCloseable {

    /** Output names of the export fastembed-rs uses; else a graph's three outputs in this order. */
    static final List<String> OUTPUTS = List.of("dense_vecs", "sparse_vecs", "colbert_vecs");
    private static final String[] UNUSED_TOKENS = {"<s>", "</s>", "<pad>", "<unk>"};

    /** One text's vectors: {@code multiVector} holds {@code rows x dimension} floats, row after row. */
    public record Vectors(float[] dense, SparseEmbedding sparse, float[] multiVector, int rows) {
    }

    private final BgeM3ModelDescription model;
    private final TextTokenizer tokenizer;
    private final int maxBatchTokens;
    private final LongHashSet unused = new LongHashSet();

    public BgeM3Model(BgeM3ModelDescription model, TextTokenizer tokenizer, int maxBatchTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxBatchTokens = maxBatchTokens;
        for (String token : UNUSED_TOKENS) {
            long[] ids = tokenizer.idsWithoutSpecialTokens(token);
            if (ids.length != 1) {
                throw new ModelLoadException("the tokenizer of " + model.id() + " has no single " + token
                        + " token; BGE-M3 needs XLM-RoBERTa's tokenizer.json");
            }
            unused.add(ids[0]);
        }
        unused.add(tokenizer.padId());
    }

    /** One result per text, in input order. */
    public List<Vectors> embed(List<String> texts, OnnxSession session) throws OrtException {
        return TextBatchRunner.run(tokenizer.tokenize(texts), session, maxBatchTokens, outputs(session), this::heads);
    }

    /** Tokens per text, special tokens included. */
    public int[] tokenCounts(List<String> texts) {
        return tokenizer.tokenCounts(texts);
    }

    private List<String> outputs(OnnxSession session) {
        List<String> names = session.outputNames();
        if (names.containsAll(OUTPUTS)) {
            return OUTPUTS;
        }
        if (names.size() == 3) {
            return names;
        }
        throw new ModelLoadException("the graph " + session.path() + " of " + model.id() + " has outputs " + names
                + "; BGE-M3 needs " + OUTPUTS + " (dense [batch, dim], sparse [batch, tokens, 1], multi-vector "
                + "[batch, tokens - 1, dim])");
    }

    private List<Vectors> heads(List<OnnxValue> outputs, EncodedBatch batch) throws OrtException {
        int size = batch.size();
        int seq = batch.length();
        int dim = model.dimension();
        FloatBuffer dense = floats(outputs.get(0), "dense", size, -1, dim);
        FloatBuffer sparse = floats(outputs.get(1), "sparse", size, seq, -1);
        long[] colbertShape = ((OnnxTensor) outputs.get(2)).getInfo().getShape();
        // fastembed-rs's export drops [CLS] (seq - 1 rows); an export that keeps it has seq rows
        int colbertRows = colbertShape.length == 3 && colbertShape[1] == seq ? seq : seq - 1;
        FloatBuffer colbert = floats(outputs.get(2), "multi-vector", size, colbertRows, dim);
        int skip = seq - colbertRows; // 1 when row 0 of the output is token 1
        List<Vectors> out = new ArrayList<>(size);
        for (int row = 0; row < size; row++) {
            float[] denseVector = new float[dim];
            dense.get(row * dim, denseVector);
            DensePooling.normalize(denseVector);

            LongFloatHashMap weights = new LongFloatHashMap();
            float[] kept = new float[(seq - 1) * dim];
            int rows = 0;
            for (int t = 0; t < seq; t++) {
                if (!batch.isToken(row, t)) {
                    continue;
                }
                long id = batch.id(row, t);
                float weight = sparse.get(row * seq + t);
                if (weight > 0 && !unused.contains(id)) {
                    int slot = weights.indexOf(id);
                    if (slot < 0 || weights.indexGet(slot) < weight) {
                        weights.put(id, weight);
                    }
                }
                if (t > 0) { // every token but [CLS]
                    colbert.get(((row * colbertRows) + t - skip) * dim, kept, rows * dim, dim);
                    DensePooling.normalize(kept, rows * dim, dim);
                    rows++;
                }
            }
            out.add(new Vectors(denseVector, SparseWeights.toEmbedding(weights),
                    rows * dim == kept.length ? kept : Arrays.copyOf(kept, rows * dim), rows));
        }
        return out;
    }

    /** The output as floats after checking its shape ({@code -1}: any length). */
    private FloatBuffer floats(OnnxValue value, String head, int batch, int tokens, int dim) {
        long[] shape = ((OnnxTensor) value).getInfo().getShape();
        boolean ok;
        if (tokens < 0) {
            ok = shape.length == 2 && shape[0] == batch && shape[1] == dim;
        } else if (dim < 0) { // sparse: [batch, tokens, 1] or [batch, tokens]
            ok = shape.length >= 2 && shape[0] == batch && shape[1] == tokens
                    && (shape.length == 2 || shape.length == 3 && shape[2] == 1);
        } else {
            ok = shape.length == 3 && shape[0] == batch && shape[1] == tokens && shape[2] == dim;
        }
        if (!ok) {
            throw new IllegalStateException("the " + head + " output of " + model.id() + " has shape "
                    + Arrays.toString(shape) + " for a batch of " + batch + " texts of " + (tokens < 0 ? "any" : tokens)
                    + " tokens; BGE-M3 gives dense [batch, " + model.dimension() + "], sparse [batch, tokens, 1] and "
                    + "multi-vector [batch, tokens - 1, " + model.dimension() + "]");
        }
        FloatBuffer buffer = PinnedFloats.floatsOf((OnnxTensor) value);
        if (buffer == null) {
            throw new IllegalStateException("the " + head + " output of " + model.id() + " is "
                    + ((OnnxTensor) value).getInfo().type + ", not a float type");
        }
        return buffer;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
