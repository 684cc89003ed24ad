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

    /** Query vectors; {@code session} is null when {@link #queriesNeedSession()} is false. */
    List<SparseEmbedding> queries(List<String> texts, OnnxSession session) throws Exception;

    /** Whether queries run the ONNX graph (SPLADE, miniCOIL) or only the tokenizer and tables (BM25, BM42, IDF). */
    boolean queriesNeedSession();

    /** Whether this model has an ONNX graph at all. */
    boolean hasGraph();

    /** fastembed's {@code token_count} per text. */
    int[] tokenCounts(List<String> texts);

    @Override
    default void close() {
    }
}
