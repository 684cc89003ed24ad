package dev.fastembed.text;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;

import dev.fastembed.ModelLoadException;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dense text kind's pre- and post-processing: tokenize a batch, feed the inputs the graph declares,
 * select the model's output, pool and normalize. Batching and threads are the engine's.
 */
public final class DenseTextModel {

    private final ModelDescription model;
    private final TextTokenizer tokenizer;
    private final TokenBudget budget;

    public DenseTextModel(ModelDescription model, TextTokenizer tokenizer, TokenBudget budget) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.budget = budget;
    }

    /**
     * Embeds one batch.
     *
     * @param taskId the value of the scalar {@code task_id} input for graphs that declare one (Jina v3)
     */
    public List<float[]> embed(List<String> texts, OnnxSession session, Integer taskId) throws OrtException {
        return run(tokenizer.tokenize(texts), session, taskId);
    }

    private List<float[]> run(TextTokenizer.Tokenized tokens, OnnxSession session, Integer taskId)
            throws OrtException {
        return TextBatchRunner.run(tokens, session, budget.tokens(session), outputName(session), taskId, this::pool);
    }

    /** One text's vector with the tokens it took, from the same tokenization. */
    public record Counted(float[] vector, int tokens, int textTokens) {
    }

    /**
     * Embeds one batch and counts its tokens from the same tokenization: {@code tokens} as {@link #tokenCounts},
     * {@code textTokens} without special tokens.
     */
    public List<Counted> embedCounted(List<String> texts, OnnxSession session, Integer taskId) throws OrtException {
        TextTokenizer.Tokenized tokens = tokenizer.tokenize(texts);
        List<float[]> vectors = run(tokens, session, taskId);
        List<Counted> out = new ArrayList<>(vectors.size());
        for (int row = 0; row < vectors.size(); row++) {
            out.add(new Counted(vectors.get(row), tokens.length(row), tokens.textTokens(row)));
        }
        return out;
    }

    /** Tokens per text after truncation, special tokens included. */
    public int[] tokenCounts(List<String> texts) {
        return tokenizer.tokenCounts(texts);
    }

    private String outputName(OnnxSession session) {
        List<String> outputs = session.outputNames();
        if (model.outputName() != null) {
            if (!outputs.contains(model.outputName())) {
                throw new ModelLoadException("The ONNX graph " + session.path() + " has no output '"
                        + model.outputName() + "' (it has " + outputs + "); is it the right file for " + model.id()
                        + "?");
            }
            return model.outputName();
        }
        if (model.outputIndex() >= outputs.size()) {
            throw new ModelLoadException("The ONNX graph " + session.path() + " has " + outputs.size()
                    + " outputs " + outputs + ", but " + model.id() + " reads output #" + model.outputIndex() + ".");
        }
        return outputs.get(model.outputIndex());
    }

    private List<float[]> pool(OnnxValue value, EncodedBatch batch) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("output of " + model.id() + " is not a tensor");
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        FloatBuffer hidden = PinnedFloats.floatsOf(tensor); // in place when pinned
        if (hidden == null) {
            throw new IllegalStateException("output of " + model.id() + " is " + info.type + ", not float32");
        }
        int rows = batch.size;
        List<float[]> vectors = new ArrayList<>(rows);
        if (shape.length == 2) {
            int dim = (int) shape[1];
            checkDimension(dim);
            for (int b = 0; b < rows; b++) {
                vectors.add(finish(DensePooling.row(hidden, b, dim)));
            }
            return vectors;
        }
        if (shape.length != 3) {
            throw new IllegalStateException("output of " + model.id() + " has shape " + Arrays.toString(shape)
                    + "; expected [batch, dim] or [batch, tokens, dim]");
        }
        int seq = (int) shape[1];
        int dim = (int) shape[2];
        checkDimension(dim);
        if (seq != batch.length && model.pooling() != Pooling.CLS) {
            throw new IllegalStateException("output of " + model.id() + " has " + seq + " positions for "
                    + batch.length + " input tokens; cannot apply the attention mask");
        }
        double[] scratch = model.pooling() == Pooling.MEAN ? new double[dim] : null;
        for (int b = 0; b < rows; b++) {
            float[] vector = switch (model.pooling()) {
                case CLS -> DensePooling.cls(hidden, b, seq, dim);
                case MEAN -> DensePooling.mean(hidden, batch.attentionMask, b, seq, dim, scratch);
                case LAST_TOKEN -> DensePooling.lastToken(hidden, batch.attentionMask, b, seq, dim);
                case DISABLED -> throw new IllegalStateException("output of " + model.id() + " is per token ("
                        + Arrays.toString(shape) + ") but its pooling is DISABLED; choose CLS, MEAN or "
                        + "LAST_TOKEN");
            };
            vectors.add(finish(vector));
        }
        return vectors;
    }

    private void checkDimension(int dim) {
        if (dim != model.dimension()) {
            throw new IllegalStateException("the model file of " + model.id() + " outputs " + dim
                    + "-dimensional vectors, but its catalog entry says " + model.dimension());
        }
    }

    private float[] finish(float[] vector) {
        return model.normalize() ? DensePooling.normalize(vector) : vector;
    }
}
