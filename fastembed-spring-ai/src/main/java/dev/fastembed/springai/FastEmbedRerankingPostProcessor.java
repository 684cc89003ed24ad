package dev.fastembed.springai;

import dev.fastembed.RankedDocument;
import dev.fastembed.TextCrossEncoder;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Re-ranks retrieved documents with a fastembed cross-encoder, for {@code RetrievalAugmentationAdvisor}'s
 * {@code documentPostProcessors}: each document gets the cross-encoder's score as its {@code score}, the list
 * is sorted best first, documents under {@code minScore} are dropped and at most {@code topK} kept. Scores are
 * on the encoder's scale: raw logits by default, (0, 1) when it was built with {@code ScoreScale.SIGMOID}.
 */
public final class FastEmbedRerankingPostProcessor implements DocumentPostProcessor {

    private final TextCrossEncoder encoder;
    private final int topK;
    private final double minScore;

    /**
     * @param topK the most documents kept
     * @param minScore documents scoring below this are dropped ({@code Double.NEGATIVE_INFINITY} keeps all)
     */
    public FastEmbedRerankingPostProcessor(TextCrossEncoder encoder, int topK, double minScore) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (topK <= 0) {
            throw new IllegalArgumentException("topK must be > 0, was " + topK);
        }
        this.topK = topK;
        this.minScore = minScore;
    }

    @Override
    public List<Document> process(Query query, List<Document> documents) {
        if (query == null || query.text() == null) {
            throw new IllegalArgumentException("query " + (query == null ? "" : "text ") + "is null");
        }
        if (documents == null) {
            throw new IllegalArgumentException("documents is null");
        }
        List<String> texts = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document == null || !document.isText()) {
                throw new IllegalArgumentException("documents[" + i + "] is " + (document == null ? "null"
                        : "not text (" + document.getMedia().getMimeType() + ")")
                        + "; a cross-encoder scores text documents only");
            }
            texts.add(document.getText());
        }
        // ranking is core's (TextCrossEncoder.rank): this class only maps Spring AI's documents in and out
        List<RankedDocument> ranked = encoder.rank(query.text(), texts, topK, minScore);
        List<Document> out = new ArrayList<>(ranked.size());
        for (RankedDocument r : ranked) {
            out.add(documents.get(r.index()).mutate().score(r.score()).build());
        }
        return List.copyOf(out);
    }
}
