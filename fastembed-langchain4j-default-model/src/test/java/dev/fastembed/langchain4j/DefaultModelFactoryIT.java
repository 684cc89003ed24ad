package dev.fastembed.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.spi.model.embedding.EmbeddingModelFactory;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** With this artifact on the classpath, LangChain4j's ingestor and retriever use fastembed when given no model. */
class DefaultModelFactoryIT {

    /** The default model in the cache (huggingface_hub layout), as a first download would have left it. */
    @BeforeAll
    static void cacheTheDefaultModel() throws IOException {
        Path cache = Path.of(System.getenv("FASTEMBED_CACHE_PATH"));
        Path repo = cache.resolve("models--qdrant--bge-small-en-v1.5-onnx-q");
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/0000000000000000000000000000000000000001"));
        Path files = Path.of("target/bge-files");
        Files.copy(files.resolve("bge-small-en-v1.5-q.onnx"), snapshot.resolve("model_optimized.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(files.resolve("bge-small-en-v1.5-q-tokenizer.json"), snapshot.resolve("tokenizer.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "0000000000000000000000000000000000000001");
    }

    @Test
    void the_ingestor_and_retriever_pick_fastembeds_default_model_when_none_is_set() {
        List<EmbeddingModelFactory> factories = ServiceLoader.load(EmbeddingModelFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(factories).singleElement().isInstanceOf(FastEmbedEmbeddingModelFactory.class);

        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder().embeddingStore(store).build().ingest(List.of(
                Document.from("The difference between dogs and cats is that dogs come when they're called."),
                Document.from("Never eat more than you can lift."),
                Document.from("Debugging is twice as hard as writing the code in the first place.")));
        EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder().embeddingStore(store)
                .maxResults(1).build();
        assertThat(retriever.retrieve(Query.from("How hard is debugging code?")).get(0).textSegment().text())
                .startsWith("Debugging");
        assertThat(factories.get(0).create().modelName()).isEqualTo("BAAI/bge-small-en-v1.5");
    }
}
