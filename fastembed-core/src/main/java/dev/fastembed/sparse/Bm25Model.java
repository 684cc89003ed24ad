package dev.fastembed.sparse;

import dev.fastembed.SparseEmbedding;
import dev.fastembed.onnx.OnnxSession;

import java.util.ArrayList;
import java.util.List;

/** {@link Bm25} as an engine kind: no graph, no session. */
public final class Bm25Model implements SparseTextModel {

    private final Bm25 bm25;

    public Bm25Model(Bm25 bm25) {
        this.bm25 = bm25;
    }

    @Override
    public List<SparseEmbedding> documents(List<String> texts, OnnxSession session) {
        List<SparseEmbedding> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(bm25.document(text));
        }
        return out;
    }

    @Override
    public List<SparseEmbedding> queries(List<String> texts, OnnxSession session) {
        List<SparseEmbedding> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(bm25.query(text));
        }
        return out;
    }

    @Override
    public int[] tokenCounts(List<String> texts) {
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = bm25.tokenCount(texts.get(i));
        }
        return counts;
    }
}
