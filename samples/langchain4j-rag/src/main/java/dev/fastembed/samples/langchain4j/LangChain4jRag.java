package dev.fastembed.samples.langchain4j;

import dev.fastembed.ScoreScale;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.langchain4j.FastEmbedEmbeddingModel;
import dev.fastembed.langchain4j.FastEmbedScoringModel;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.langchain4j.model.output.Response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Retrieval then re-ranking with LangChain4j's own classes on fastembed: the 1000 fortunes shipped with the
 * sample are ingested into an {@code InMemoryEmbeddingStore}; each question retrieves 10 candidates densely and
 * re-ranks them. Offline, the re-ranker is BM25 term overlap (fastembed's BM25 as a {@code ScoringModel});
 * with {@code -Dreranker=Xenova/ms-marco-MiniLM-L-6-v2} (downloaded once) it is a real cross-encoder.
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
        try (FastEmbedEmbeddingModel embeddings = FastEmbedEmbeddingModel.builder().build();
                SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").build();
                AutoCloseable reranker = reranker(bm25)) {
            InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
            long start = System.nanoTime();
            EmbeddingStoreIngestor.builder().embeddingModel(embeddings).embeddingStore(store)
                    .embeddingInputType(EmbeddingInputType.DOCUMENT).build()
                    .ingest(corpus.stream().map(Document::from).toList());
            System.out.printf("Ingested %d fortunes with %s in %d ms; re-ranking with %s%n", corpus.size(),
                    embeddings.modelName(), (System.nanoTime() - start) / 1_000_000, reranker);
            EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                    .embeddingModel(embeddings).embeddingStore(store).embeddingInputType(EmbeddingInputType.QUERY)
                    .maxResults(10).build();
            for (String question : questions) {
                List<TextSegment> candidates = retriever.retrieve(Query.from(question)).stream()
                        .map(Content::textSegment).toList();
                List<Double> scores = ((ScoringModel) reranker).scoreAll(candidates, question).content();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)));
                System.out.printf("%nQ: %s%n", question);
                for (int rank = 0; rank < 3 && rank < order.size(); rank++) {
                    int i = order.get(rank);
                    System.out.printf("  %d. (dense #%d, score %.3f) %s%n", rank + 1, i + 1, scores.get(i),
                            candidates.get(i).text());
                }
            }
        }
    }

    private static AutoCloseable reranker(SparseTextEmbedding bm25) {
        String model = System.getProperty("reranker");
        if (model != null) {
            return FastEmbedScoringModel.of(TextCrossEncoder.builder().model(model).scale(ScoreScale.SIGMOID).build());
        }
        return new Bm25Scorer(bm25);
    }

    /** BM25 term overlap as a LangChain4j ScoringModel: the query's stems weighted by each document's BM25 weights. */
    private record Bm25Scorer(SparseTextEmbedding bm25) implements ScoringModel, AutoCloseable {
        @Override
        public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            SparseEmbedding terms = bm25.queryEmbed(query);
            List<SparseEmbedding> documents = bm25.embed(segments.stream().map(TextSegment::text).toList());
            return Response.from(documents.stream().map(terms::dot).toList());
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "BM25 term overlap (offline; -Dreranker=<cross-encoder id> for a cross-encoder)";
        }
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = LangChain4jRag.class.getResourceAsStream("/fortunes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
