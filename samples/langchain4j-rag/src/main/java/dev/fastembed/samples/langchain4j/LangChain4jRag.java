package dev.fastembed.samples.langchain4j;

import dev.fastembed.ScoreScale;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.langchain4j.FastEmbedEmbeddingModel;
import dev.fastembed.langchain4j.FastEmbedScoringModel;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.ContentAggregator;
import dev.langchain4j.rag.content.aggregator.DefaultContentAggregator;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.router.DefaultQueryRouter;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hybrid retrieval in one LangChain4j {@link RetrievalAugmentor}, what a LangChain4j user cannot get from its
 * in-process models alone: a dense retriever (fastembed's {@code EmbeddingModel} over an
 * {@code InMemoryEmbeddingStore}) and a keyword retriever (fastembed's BM25, with IDF over the corpus) both answer
 * each question; LangChain4j fuses their rankings by reciprocal rank. With {@code -Dreranker=<cross-encoder id>}
 * (for example {@code Xenova/ms-marco-MiniLM-L-6-v2}, downloaded once) the fused candidates are re-ranked by
 * {@link FastEmbedScoringModel} in LangChain4j's {@code ReRankingContentAggregator}. Offline by default: the dense
 * model comes from the classpath and BM25 needs no model file.
 *
 * <p>Run from the repository root: {@code mvn -q -pl samples/langchain4j-rag -am compile exec:java}, optionally
 * with {@code -Dexec.args="your question"}.
 */
public final class LangChain4jRag {

    private static final List<String> QUESTIONS = List.of(
            "Why do dogs come when called but cats do not?",
            "What does marriage teach a man about his wife?",
            "What is hard about writing software?");

    private LangChain4jRag() {
    }

    public static void main(String[] args) throws Exception {
        List<String> questions = args.length > 0 ? List.of(String.join(" ", args)) : QUESTIONS;
        List<String> corpus = corpus();
        String rerankerId = System.getProperty("reranker");
        try (FastEmbedEmbeddingModel embeddings = FastEmbedEmbeddingModel.builder().build();
                SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").build();
                FastEmbedScoringModel reranker = rerankerId == null ? null : FastEmbedScoringModel.of(
                        TextCrossEncoder.builder().model(rerankerId).scale(ScoreScale.SIGMOID).build())) {
            long start = System.nanoTime();
            List<TextSegment> segments = corpus.stream().map(TextSegment::from).toList();
            InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
            EmbeddingStoreIngestor.builder().embeddingModel(embeddings).embeddingStore(store)
                    .embeddingInputType(EmbeddingInputType.DOCUMENT).build()
                    .ingest(corpus.stream().map(Document::from).toList());
            Bm25Retriever keywords = new Bm25Retriever(bm25, segments, 10);
            System.out.printf("Indexed %d fortunes (dense %s + BM25) in %d ms; %s%n", corpus.size(),
                    embeddings.modelName(), (System.nanoTime() - start) / 1_000_000, reranker == null
                            ? "fused by reciprocal rank (-Dreranker=<cross-encoder id> to re-rank)"
                            : "fused, then re-ranked by " + rerankerId);

            ContentRetriever storeRetriever = EmbeddingStoreContentRetriever.builder().embeddingModel(embeddings)
                    .embeddingStore(store).embeddingInputType(EmbeddingInputType.QUERY).maxResults(10).build();
            // Fusion matches contents by equality: the store's carry ids and scores, BM25's do not, so the dense
            // side hands on plain text segments, and a fortune found by both retrievers is fused into one.
            ContentRetriever dense = query -> storeRetriever.retrieve(query).stream()
                    .map(c -> Content.from(TextSegment.from(c.textSegment().text()))).toList();
            ContentAggregator aggregator = reranker == null ? new DefaultContentAggregator()
                    : ReRankingContentAggregator.builder().scoringModel(reranker).maxResults(5).build();
            RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
                    .queryRouter(new DefaultQueryRouter(dense, keywords))
                    .contentAggregator(aggregator)
                    .build();

            for (String question : questions) {
                UserMessage message = UserMessage.from(question);
                AugmentationResult result = augmentor.augment(new AugmentationRequest(message,
                        Metadata.from(message, null, List.of())));
                List<String> denseTop = texts(dense.retrieve(Query.from(question)));
                List<String> keywordTop = texts(keywords.retrieve(Query.from(question)));
                System.out.printf("%nQ: %s%n", question);
                List<Content> contents = result.contents();
                for (int rank = 0; rank < 3 && rank < contents.size(); rank++) {
                    String text = contents.get(rank).textSegment().text();
                    System.out.printf("  %d. (dense #%s, BM25 #%s) %s%n", rank + 1, position(denseTop, text),
                            position(keywordTop, text), text);
                }
            }
        }
    }

    private static List<String> texts(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().text()).toList();
    }

    private static String position(List<String> ranking, String text) {
        int i = ranking.indexOf(text);
        return i < 0 ? "-" : Integer.toString(i + 1);
    }

    /**
     * BM25 as a LangChain4j {@link ContentRetriever}: fastembed's BM25 document vectors (term frequency part) are
     * computed once; a query's stems score each document by the dot product weighted by the corpus IDF, Qdrant's
     * {@code modifier: idf} formula {@code ln((N - n + 0.5) / (n + 0.5) + 1)}.
     */
    static final class Bm25Retriever implements ContentRetriever {
        private final SparseTextEmbedding bm25;
        private final List<TextSegment> segments;
        private final List<Map<Long, Float>> documents;
        private final Map<Long, Double> idf = new HashMap<>();
        private final int maxResults;

        Bm25Retriever(SparseTextEmbedding bm25, List<TextSegment> segments, int maxResults) {
            this.bm25 = bm25;
            this.segments = segments;
            this.maxResults = maxResults;
            this.documents = bm25.embed(segments.stream().map(TextSegment::text).toList()).stream()
                    .map(SparseEmbedding::asMap).toList();
            Map<Long, Integer> df = new HashMap<>();
            for (Map<Long, Float> document : documents) {
                document.keySet().forEach(id -> df.merge(id, 1, Integer::sum));
            }
            int n = documents.size();
            df.forEach((id, count) -> idf.put(id, Math.log((n - count + 0.5) / (count + 0.5) + 1)));
        }

        @Override
        public List<Content> retrieve(Query query) {
            SparseEmbedding terms = bm25.queryEmbed(query.text());
            List<double[]> scored = new ArrayList<>();
            for (int d = 0; d < documents.size(); d++) {
                Map<Long, Float> document = documents.get(d);
                double score = 0;
                for (int i = 0; i < terms.size(); i++) {
                    long id = terms.index(i);
                    Float weight = document.get(id);
                    if (weight != null) {
                        score += idf.get(id) * weight;
                    }
                }
                if (score > 0) {
                    scored.add(new double[] {d, score});
                }
            }
            scored.sort(Comparator.comparingDouble((double[] s) -> -s[1]));
            List<Content> out = new ArrayList<>();
            for (int r = 0; r < Math.min(maxResults, scored.size()); r++) {
                out.add(Content.from(segments.get((int) scored.get(r)[0])));
            }
            return out;
        }
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = LangChain4jRag.class.getResourceAsStream("/fortunes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
