package dev.fastembed.samples.springai;

import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory BM25 index over fastembed's BM25 vectors. fastembed gives the term-frequency half of BM25; the
 * IDF half is the index's job (Qdrant's {@code modifier: idf} does it server-side), so it is computed here:
 * {@code idf = ln(1 + (N - n + 0.5) / (n + 0.5))}.
 */
final class Bm25Index {

    record Hit(String id, String text, double score) {
    }

    private final SparseTextEmbedding bm25;
    private final List<String> ids = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<SparseEmbedding> vectors = new ArrayList<>();
    private final Map<Long, Integer> documentFrequency = new HashMap<>();

    Bm25Index(SparseTextEmbedding bm25) {
        this.bm25 = bm25;
    }

    synchronized void add(List<String> newIds, List<String> newTexts) {
        List<SparseEmbedding> embedded = bm25.embed(newTexts);
        for (int i = 0; i < newTexts.size(); i++) {
            ids.add(newIds.get(i));
            texts.add(newTexts.get(i));
            vectors.add(embedded.get(i));
            for (long index : embedded.get(i).indicesAsLongs()) {
                documentFrequency.merge(index, 1, Integer::sum);
            }
        }
    }

    synchronized List<Hit> search(String query, int k) {
        SparseEmbedding terms = bm25.queryEmbed(query);
        int n = vectors.size();
        Map<Long, Double> idf = new HashMap<>();
        for (long term : terms.indicesAsLongs()) {
            int df = documentFrequency.getOrDefault(term, 0);
            idf.put(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        List<Hit> hits = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            SparseEmbedding doc = vectors.get(d);
            double score = 0;
            for (int i = 0; i < doc.size(); i++) {
                Double weight = idf.get(doc.index(i));
                if (weight != null) {
                    score += weight * doc.value(i);
                }
            }
            if (score > 0) {
                hits.add(new Hit(ids.get(d), texts.get(d), score));
            }
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.subList(0, Math.min(k, hits.size()));
    }
}
