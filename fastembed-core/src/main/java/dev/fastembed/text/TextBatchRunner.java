package dev.fastembed.text;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import dev.fastembed.Device;
import dev.fastembed.onnx.OnnxSession;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Runs a text model on one batch, the same way for every kind: tokenize in one native call, order rows by
 * token count, run slices of one length where they are long enough (else of similar lengths, each padded to its
 * own longest; always within the token budget) with the inputs the graph declares, and let the kind's head turn
 * each slice's output into per-row results, returned in input order.
 */
public final class TextBatchRunner {

    /**
     * A slice keeps to one token length once it holds this many rows; shorter runs of one length join the next.
     * Padding costs more than its share of tokens: ONNX Runtime's softmax took 460 ms on 1000 short texts in
     * padded batches of 8 against 103 ms unpadded (bge-small int8, one thread, {@code benchmarks/run.sh
     * --profile}), and flush-to-zero removed most of it, so the masked scores' denormal results are the likely
     * cause. Equal-length slices ran 14% faster on 1000 short texts, with a minimum of 1, 4 or 8 rows alike; four
     * keeps a list of distinct lengths from becoming a run per text (one text per run took 31% longer than
     * padded runs of 8 in the same profile).
     */
    static final int ROWS_BEFORE_LENGTH_CUT = 4;

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    static final String TASK_ID = "task_id";

    /** Turns one slice's output into one result per row, rows in the slice's order. */
    @FunctionalInterface
    public interface Head<R> {
        List<R> apply(OnnxValue output, EncodedBatch slice) throws OrtException;
    }

    /** Turns one slice's outputs, in the order asked for, into one result per row (BGE-M3's three heads). */
    @FunctionalInterface
    public interface MultiHead<R> {
        List<R> apply(List<OnnxValue> outputs, EncodedBatch slice) throws OrtException;
    }

    /** Inputs besides the text ones (ColPali's pixel_values), made per slice and closed after the run. */
    @FunctionalInterface
    public interface ExtraInputs {
        Map<String, OnnxTensor> create(OrtEnvironment env, EncodedBatch slice) throws OrtException;
    }

    private TextBatchRunner() {
    }

    /**
     * @param maxBatchTokens the most padded tokens (rows x length) one ONNX run may take
     * @param output the graph output to compute
     * @param taskId the scalar {@code task_id} input for graphs that declare one (Jina v3), or null
     */
    public static <R> List<R> run(TextTokenizer tokenizer, List<String> texts, OnnxSession session,
            int maxBatchTokens, String output, Integer taskId, Head<R> head) throws OrtException {
        return run(tokenizer.tokenize(texts), session, maxBatchTokens, output, taskId, head);
    }

    /** The same for rows already tokenized (text pairs for cross-encoders). */
    public static <R> List<R> run(TextTokenizer.Tokenized tokens, OnnxSession session, int maxBatchTokens,
            String output, Integer taskId, Head<R> head) throws OrtException {
        return run(tokens, session, maxBatchTokens, List.of(output), taskId, null, false,
                (outputs, slice) -> head.apply(outputs.get(0), slice));
    }

    /** The same computing several outputs in one ONNX run per slice. */
    public static <R> List<R> run(TextTokenizer.Tokenized tokens, OnnxSession session, int maxBatchTokens,
            List<String> outputs, MultiHead<R> head) throws OrtException {
        return run(tokens, session, maxBatchTokens, outputs, null, null, false, head);
    }

    /**
     * The same for a head whose results keep the padded rows (ColPali's and ColModernVBERT's queries, as
     * fastembed's): slices are cut by the budget alone, so a batch within it is padded to its longest, as
     * fastembed pads it, and never split at a change of length.
     */
    public static <R> List<R> runKeepingPadding(TextTokenizer.Tokenized tokens, OnnxSession session,
            int maxBatchTokens, String output, ExtraInputs extra, Head<R> head) throws OrtException {
        return run(tokens, session, maxBatchTokens, List.of(output), null, extra, true,
                (outputs, slice) -> head.apply(outputs.get(0), slice));
    }

    /**
     * One run over every row in input order, padded to the longest: for extra inputs made per input, in order
     * (ColModernVBERT's pages, whose pixel tensor holds every page of the batch).
     */
    public static <R> List<R> runInOrder(TextTokenizer.Tokenized tokens, OnnxSession session, String output,
            ExtraInputs extra, Head<R> head) throws OrtException {
        EncodedBatch all = tokens.padInOrder();
        return runSlice(all, session, List.of(output), null, extra,
                (outputs, slice) -> head.apply(outputs.get(0), slice));
    }

    /**
     * End (exclusive) of the slice that starts at row {@code from} of rows sorted by token count: as many rows
     * as {@code maxBatchTokens} holds (rows x longest row, at least one row), cut at the first change of length
     * once the slice has {@link #ROWS_BEFORE_LENGTH_CUT} rows when {@code cutAtLengths}: going on would pad
     * every row so far.
     *
     * @param lengthAt the token count of the k-th row in sorted order
     * @param cutAtLengths true on the CPU, where padded rows are slow (see {@link #ROWS_BEFORE_LENGTH_CUT}); a GPU
     *     is not slowed by denormals and wants few large runs, so there the budget alone cuts
     */
    static int sliceEnd(IntUnaryOperator lengthAt, int rows, int from, int maxBatchTokens, boolean cutAtLengths) {
        int to = from + 1;
        while (to < rows && (long) (to - from + 1) * lengthAt.applyAsInt(to) <= maxBatchTokens) {
            to++; // rows are sorted, so the newest row is the longest
        }
        if (!cutAtLengths) {
            return to;
        }
        for (int k = from + ROWS_BEFORE_LENGTH_CUT; k < to; k++) {
            if (lengthAt.applyAsInt(k) != lengthAt.applyAsInt(k - 1)) {
                return k;
            }
        }
        return to;
    }

    private static <R> List<R> run(TextTokenizer.Tokenized tokens, OnnxSession session, int maxBatchTokens,
            List<String> output, Integer taskId, ExtraInputs extra, boolean keepsPadding, MultiHead<R> head)
            throws OrtException {
        int[] order = tokens.orderByLength();
        Object[] results = new Object[order.length];
        boolean cutAtLengths = !keepsPadding && session.device() != Device.CUDA;
        int from = 0;
        while (from < order.length) {
            int to = sliceEnd(k -> tokens.length(order[k]), order.length, from, maxBatchTokens, cutAtLengths);
            EncodedBatch slice = tokens.pad(order, from, to);
            List<R> rows = runSlice(slice, session, output, taskId, extra, head);
            for (int k = from; k < to; k++) {
                results[order[k]] = rows.get(k - from);
            }
            from = to;
        }
        @SuppressWarnings("unchecked")
        List<R> inOrder = (List<R>) Arrays.asList(results);
        return inOrder;
    }

    /**
     * Runs one slice ({@link OnnxSession#runText}: outputs of a declared shape are pinned and read in place) and
     * checks that the head gave one result per row.
     */
    private static <R> List<R> runSlice(EncodedBatch batch, OnnxSession session, List<String> outputs,
            Integer taskId, ExtraInputs extra, MultiHead<R> head) throws OrtException {
        OrtEnvironment env = session.environment();
        long[] shape = {batch.size, batch.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(batch.inputIds), shape));
            if (session.hasInput(ATTENTION_MASK)) {
                inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask), shape));
            }
            if (session.hasInput(TOKEN_TYPE_IDS)) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds), shape));
            }
            if (session.hasInput(TASK_ID)) {
                if (taskId == null) {
                    throw new IllegalStateException("the graph " + session.path() + " takes a task_id input, but "
                            + "its catalog entry defines no tasks; register it with task(...) and defaultTask(...)");
                }
                inputs.put(TASK_ID, OnnxTensor.createTensor(env, taskId.longValue())); // 0-d scalar, not [batch]
            }
            if (extra != null) {
                inputs.putAll(extra.create(env, batch));
            }
            List<R> rows = session.runText(inputs, outputs, batch.size, batch.length,
                    values -> head.apply(values, batch));
            if (rows.size() != batch.size) {
                throw new IllegalStateException("a slice of " + batch.size + " rows gave " + rows.size() + " results");
            }
            return rows;
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
