package dev.fastembed.late;

import com.carrotsearch.hppc.LongHashSet;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import dev.fastembed.model.LateInteractionModelDescription;
import dev.fastembed.model.LateInteractionModelDescription.Family;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.text.DensePooling;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ColBERT family's pre- and post-processing (spec §6.9, fastembed-0.9.md), one class for every
 * {@link LateInteractionModelDescription.Family}: a query or document marker inserted after the first token;
 * documents keep one unit-length row per attended token that is neither padding nor (unless the family has no
 * skip list) ASCII punctuation. ColBERT and Jina-ColBERT queries are padded with the mask token to 31 tokens (32
 * with the marker) and keep every output row as is; LateOn queries are not expanded, and keep their attended
 * rows, unit length, as documents do.
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

    /**
     * @param tokenizer truncating at the model's limit less the family's reserved marker tokens (one for ColBERT
     *     and Jina-ColBERT, none for LateOn, whose tokenizer_config.json already leaves the room)
     */
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
        // LateOn pads with the mask id: a real [MASK] in a text must survive, so only the attention mask counts
        this.padId = model.family().padsWithMask() ? -1 : tokenizer.padId();
        for (char c : model.family().skipsPunctuation() ? PUNCTUATION.toCharArray() : new char[0]) {
            long[] ids = tokenizer.idsWithoutSpecialTokens(String.valueOf(c));
            if (ids.length > 0) {
                skipList.add(ids[0]); // the first piece, as fastembed (for SentencePiece it may be the bare "▁")
            }
        }
    }

    /** One matrix per document: the kept tokens' unit vectors, in token order. */
    public List<TokenVectors> documents(List<String> texts, OnnxSession session) throws OrtException {
        return run(texts, model.documentMarkerId(), skipList, session);
    }

    /**
     * One matrix per query. ColBERT and Jina-ColBERT: each query run alone, every output row, mask padding
     * included, not renormalized. LateOn: batched, the attended rows as unit vectors, no skip list.
     */
    public List<TokenVectors> queries(List<String> texts, OnnxSession session) throws OrtException {
        if (!model.family().expandsQueries()) {
            return run(texts, model.queryMarkerId(), new LongHashSet(), session);
        }
        List<TokenVectors> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            TextTokenizer.Tokenized tokens = tokenizer.tokenize(List.of(text))
                    .withMinimumLength(MIN_QUERY_LENGTH, maskId, model.family() == Family.JINA_COLBERT)
                    .withInsertedToken(model.queryMarkerId());
            out.addAll(TextBatchRunner.run(tokens, session, Integer.MAX_VALUE, session.outputNames().get(0), null,
                    this::queryHead));
        }
        return out;
    }

    private List<TokenVectors> run(List<String> texts, long marker, LongHashSet skipped, OnnxSession session)
            throws OrtException {
        TextTokenizer.Tokenized tokens = tokenizer.tokenize(texts);
        if (model.family().padsWithMask()) {
            tokens = tokens.withMinimumLength(0, maskId, false); // padded to the batch's longest with the mask id
        }
        return TextBatchRunner.run(tokens.withInsertedToken(marker), session, maxBatchTokens,
                session.outputNames().get(0), null, (value, batch) -> keptUnitRows(value, batch, skipped));
    }

    private List<TokenVectors> keptUnitRows(OnnxValue output, EncodedBatch batch, LongHashSet skipped)
            throws OrtException {
        FloatBuffer hidden = check(output, batch);
        int seq = batch.length();
        int dim = model.dimension();
        List<TokenVectors> out = new ArrayList<>(batch.size());
        for (int row = 0; row < batch.size(); row++) {
            int rows = 0;
            for (int t = 0; t < seq; t++) {
                if (kept(batch, row, t, skipped)) {
                    rows++;
                }
            }
            // one array per text, each kept row read straight from the output into its place
            float[] values = new float[rows * dim];
            int r = 0;
            for (int t = 0; t < seq; t++) {
                if (!kept(batch, row, t, skipped)) {
                    continue;
                }
                int offset = r++ * dim;
                hidden.get((row * seq + t) * dim, values, offset, dim);
                DensePooling.normalize(values, offset, dim);
            }
            out.add(new TokenVectors(values, rows));
        }
        return out;
    }

    private boolean kept(EncodedBatch batch, int row, int t, LongHashSet skipped) {
        long id = batch.id(row, t);
        return batch.isToken(row, t) && id != padId && !skipped.contains(id);
    }

    private List<TokenVectors> queryHead(OnnxValue output, EncodedBatch batch) throws OrtException {
        FloatBuffer values = check(output, batch);
        int rows = batch.length();
        int length = rows * model.dimension();
        List<TokenVectors> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            float[] matrix = new float[length];
            values.get(b * length, matrix, 0, length); // every row, mask padding included
            out.add(new TokenVectors(matrix, rows));
        }
        return out;
    }
    private FloatBuffer check(OnnxValue output, EncodedBatch batch) throws OrtException {
        long[] shape = ((OnnxTensor) output).getInfo().getShape();
        if (shape.length != 3 || shape[0] != batch.size() || shape[1] != batch.length() || shape[2] != model.dimension()) {
            throw new IllegalStateException("a ColBERT model outputs one " + model.dimension() + "-dimensional vector "
                    + "per token, [batch, tokens, " + model.dimension() + "]; the graph of " + model.id() + " gave "
                    + Arrays.toString(shape));
        }
        return PinnedFloats.floatsOf((OnnxTensor) output); // in place when pinned
    }

    /**
     * fastembed's {@code token_count}: texts count their tokens, plus the marker with the extension; queries of a
     * family that expands them count at least 31 tokens with the extension.
     */
    public int[] tokenCounts(List<String> texts, boolean isDocument, boolean includeExtension) {
        int[] counts = tokenizer.tokenCounts(texts); // one native call for the batch
        boolean expanded = !isDocument && includeExtension && model.family().expandsQueries();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = expanded ? Math.max(counts[i], MIN_QUERY_LENGTH) + 1
                    : counts[i] + (includeExtension ? 1 : 0);
        }
        return counts;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
