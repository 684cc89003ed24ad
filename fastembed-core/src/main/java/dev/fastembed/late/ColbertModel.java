package dev.fastembed.late;

import com.carrotsearch.hppc.LongHashSet;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import dev.fastembed.model.LateInteractionModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ColBERT's pre- and post-processing (spec §6.9): a query or document marker inserted after [CLS];
 * documents keep one unit-length row per token that is neither padding nor ASCII punctuation; queries are
 * padded with the mask token to 31 tokens (32 with the marker) and keep every output row as is.
 */
public final class ColbertModel implements AutoCloseable {

    /** ColBERT's shortest query, before the marker. */
    static final int MIN_QUERY_LENGTH = 31;
    /** Python's {@code string.punctuation}. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final LateInteractionModelDescription model;
    private final TextTokenizer tokenizer;
    private final int maxBatchTokens;
    private final long maskId;
    private final long padId;
    private final LongHashSet skipList = new LongHashSet();

    /** @param tokenizer truncating one token short of the model's limit, to leave room for the marker */
    public ColbertModel(LateInteractionModelDescription model, TextTokenizer tokenizer, int maxBatchTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxBatchTokens = maxBatchTokens;
        long[] mask = tokenizer.idsWithoutSpecialTokens(model.maskToken());
        if (mask.length != 1) {
            throw new IllegalStateException("the tokenizer of " + model.id() + " has no single " + model.maskToken()
                    + " token; is it the model's own tokenizer.json?");
        }
        this.maskId = mask[0];
        this.padId = tokenizer.padId();
        for (char c : PUNCTUATION.toCharArray()) {
            long[] ids = tokenizer.idsWithoutSpecialTokens(String.valueOf(c));
            if (ids.length > 0) {
                skipList.add(ids[0]); // the first piece, as fastembed (for SentencePiece it may be the bare "▁")
            }
        }
    }

    /** One matrix per document: the kept tokens' unit vectors, in token order. */
    public List<float[][]> documents(List<String> texts, OnnxSession session) throws OrtException {
        TextTokenizer.Tokenized tokens = tokenizer.tokenize(texts).withInsertedToken(model.documentMarkerId());
        return TextBatchRunner.run(tokens, session, maxBatchTokens, session.outputNames().get(0), null,
                this::documentHead);
    }

    /** One matrix per query, each run alone: every output row, mask padding included, not renormalized. */
    public List<float[][]> queries(List<String> texts, OnnxSession session) throws OrtException {
        List<float[][]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            TextTokenizer.Tokenized tokens = tokenizer.tokenize(List.of(text))
                    .withMinimumLength(MIN_QUERY_LENGTH, maskId, model.jina())
                    .withInsertedToken(model.queryMarkerId());
            out.addAll(TextBatchRunner.run(tokens, session, Integer.MAX_VALUE, session.outputNames().get(0), null,
                    this::queryHead));
        }
        return out;
    }

    private List<float[][]> documentHead(OnnxValue output, EncodedBatch batch) throws OrtException {
        FloatBuffer hidden = check(output, batch);
        int seq = batch.length();
        int dim = model.dimension();
        List<float[][]> out = new ArrayList<>(batch.size());
        for (int row = 0; row < batch.size(); row++) {
            List<float[]> kept = new ArrayList<>();
            for (int t = 0; t < seq; t++) {
                long id = batch.id(row, t);
                if (!batch.isToken(row, t) || id == padId || skipList.contains(id)) {
                    continue;
                }
                float[] vector = new float[dim];
                hidden.get((row * seq + t) * dim, vector);
                double norm = 0;
                for (float x : vector) {
                    norm += (double) x * x;
                }
                norm = Math.max(Math.sqrt(norm), 1e-12);
                for (int k = 0; k < dim; k++) {
                    vector[k] = (float) (vector[k] / norm);
                }
                kept.add(vector);
            }
            out.add(kept.toArray(new float[0][]));
        }
        return out;
    }

    private List<float[][]> queryHead(OnnxValue output, EncodedBatch batch) throws OrtException {
        return TokenMatrices.split(check(output, batch), batch.size(), batch.length(), model.dimension());
    }

    private FloatBuffer check(OnnxValue output, EncodedBatch batch) throws OrtException {
        long[] shape = ((OnnxTensor) output).getInfo().getShape();
        if (shape.length != 3 || shape[0] != batch.size() || shape[1] != batch.length() || shape[2] != model.dimension()) {
            throw new IllegalStateException("a ColBERT model outputs one " + model.dimension() + "-dimensional vector "
                    + "per token, [batch, tokens, " + model.dimension() + "]; the graph of " + model.id() + " gave "
                    + Arrays.toString(shape));
        }
        return ((OnnxTensor) output).getFloatBuffer();
    }

    /** fastembed's {@code token_count}: documents count their tokens (+1 marker with the extension). */
    public int[] tokenCounts(List<String> texts, boolean isDocument, boolean includeExtension) {
        int[] counts = tokenizer.tokenCounts(texts); // one native call for the batch
        for (int i = 0; i < counts.length; i++) {
            counts[i] = isDocument ? counts[i] + (includeExtension ? 1 : 0)
                    : includeExtension ? Math.max(counts[i], MIN_QUERY_LENGTH) + 1 : counts[i];
        }
        return counts;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
