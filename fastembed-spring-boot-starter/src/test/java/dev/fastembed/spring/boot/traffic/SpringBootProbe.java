package dev.fastembed.spring.boot.traffic;

import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/**
 * Run in a child JVM by {@link NoHiddenTrafficIT}: a Spring Boot application on the starter, with the default
 * dense model behind LangChain4j's and Spring AI's embedding models, BM25 and a generated cross-encoder, then
 * up for {@code lingerSeconds}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SpringBootProbe {

    /** Arguments: the cross-encoder's folder, the seconds to linger. */
    public static void main(String[] args) throws InterruptedException {
        long lingerSeconds = Long.parseLong(args[1]);
        System.out.println("cmdline " + CommandLine.bytes());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringBootProbe.class)
                .web(WebApplicationType.NONE)
                .properties("fastembed.offline=true", "fastembed.sparse.model=Qdrant/bm25",
                        "fastembed.reranker.model=Xenova/ms-marco-MiniLM-L-6-v2",
                        "fastembed.reranker.model-path=" + args[0])
                .run()) {
            System.out.println("langchain4j " + context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class)
                    .embed("hello world").content().dimension());
            System.out.println("spring-ai " + context.getBean(org.springframework.ai.embedding.EmbeddingModel.class)
                    .embed("hello world").length);
            System.out.println("sparse " + context.getBean(SparseTextEmbedding.class).embed("hello world").size());
            System.out.println("rerank " + context.getBean(TextCrossEncoder.class)
                    .rerank("a question", List.of("one answer", "another")).size());
            Thread.sleep(lingerSeconds * 1000);
        }
        System.out.println("done");
    }
}
