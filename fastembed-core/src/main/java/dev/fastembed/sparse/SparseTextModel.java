package dev.fastembed.sparse;

import dev.fastembed.SparseEmbedding;
import dev.fastembed.onnx.OnnxSession;

import java.util.List;

/**
 * One sparse algorithm's pre- and post-processing. The engine batches, orders and parallelizes; this turns
 * a batch of texts into vectors on a worker's session (null for models without one).
 */
public interface SparseTextModel extends AutoCloseable {

    /** Document vectors, one per text, in the batch's order. */
    List<SparseEmbedding> documents(List<String> texts, OnnxSession session) throws Exception;

    /** Query vectors; {@code session} is null when the kind's queries do not run the graph. */
    List<SparseEmbedding> queries(List<String> texts, OnnxSession session) throws Exception;

    /** fastembed's {@code token_count} per text. */
    int[] tokenCounts(List<String> texts);

    @Override
    default void close() {
    }
}
