package dev.fastembed.rerank;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cross-encoder's pre- and post-processing: (query, document) pairs encoded together with real type ids
 * and longest-first truncation; the score is column 0 of the first output, raw, whatever its shape
 * ({@code [n]}, {@code [n,1]}, {@code [n,1,1]}).
 */
public final class CrossEncoderModel implements AutoCloseable {

    private final TextTokenizer tokenizer;
    private final TokenBudget budget;

    public CrossEncoderModel(TextTokenizer tokenizer, TokenBudget budget) {
        this.tokenizer = tokenizer;
        this.budget = budget;
    }

    /** Raw scores (logits), one per pair, in input order. */
    public List<Float> scores(List<String> queries, List<String> documents, OnnxSession session) throws OrtException {
        return TextBatchRunner.run(tokenizer.tokenizePairs(queries, documents), session, budget.tokens(session),
                session.outputNames().get(0), null, CrossEncoderModel::head);
    }

    private static List<Float> head(OnnxValue output, EncodedBatch batch) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) output;
        long[] shape = tensor.getInfo().getShape();
        if (shape.length == 0 || shape[0] != batch.size()) {
            throw new IllegalStateException("a cross-encoder output must have one row per pair; the graph gave "
                    + Arrays.toString(shape) + " for " + batch.size() + " pairs");
        }
        long perRow = 1;
        for (int d = 1; d < shape.length; d++) {
            perRow *= shape[d];
        }
        if (perRow == 0) {
            throw new IllegalStateException("the cross-encoder output " + Arrays.toString(shape) + " holds no score");
        }
        FloatBuffer logits = PinnedFloats.floatsOf(tensor);
        if (logits == null) {
            throw new IllegalStateException("the cross-encoder output is " + tensor.getInfo().type + ", not float32");
        }
        List<Float> scores = new ArrayList<>(batch.size());
        for (int row = 0; row < batch.size(); row++) {
            scores.add(logits.get((int) (row * perRow))); // column 0, as fastembed
        }
        return scores;
    }

    /** Tokens per pair after truncation, special tokens included. */
    public int[] tokenCounts(List<String> queries, List<String> documents) {
        return tokenizer.tokenizePairs(queries, documents).lengths();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
