package dev.fastembed.samples.springai;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A search service on the fastembed starter: the embedding model and BM25 come from {@code fastembed.*}
 * properties; the 1000 fortunes shipped with the sample are indexed at startup.
 * Run: {@code mvn -q -pl samples/spring-ai-rag -am compile exec:java}, then {@code curl 'localhost:8080/search?q=cats'}.
 */
@SpringBootApplication
public class RagApplication {

    public static void main(String[] args) {
        SpringApplication.run(RagApplication.class, args);
    }

    @Bean
    SimpleVectorStore vectorStore(EmbeddingModel embeddingModel) {
        return SimpleVectorStore.builder(embeddingModel).build();
    }
}
