package dev.fastembed.springai;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.ScoreScale;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.testing.TinyClipPair;
import dev.fastembed.testing.TinyCrossEncoder;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.DocumentEmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResultMetadata;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.VectorStoreDocumentRetriever;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Spring AI adapters with Spring AI's own SimpleVectorStore and VectorStoreDocumentRetriever, on the 1000
 * fortunes and the real bge-small-en-v1.5 int8 model from LangChain4j's jar; images and re-ranking on
 * generated models from fastembed-core's test jar.
 */
class FastEmbedSpringAiIT {

    @TempDir
    static Path dir;
    static List<String> fortunes;
    static TextEmbedding bge;
    static TextEmbedding bgePlain;
    static TestObservationRegistry observations;
    static FastEmbedEmbeddingModel model;
    static SimpleVectorStore store;

    @BeforeAll
    static void ingest() throws IOException {
        fortunes = new String(resource("/fortunes/short.txt"), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        bge = TextEmbedding.builder().offline(true).prefixes(true).build();
        bgePlain = TextEmbedding.builder().offline(true).build();
        observations = TestObservationRegistry.create();
        model = new FastEmbedEmbeddingModel(bge, MetadataMode.EMBED, observations);
        store = SimpleVectorStore.builder(model).build();
        store.add(fortunes.stream().map(Document::new).toList());
    }

    @AfterAll
    static void close() {
        bge.close();
        bgePlain.close();
    }

    @Test
    void the_vector_store_finds_the_right_fortunes_for_known_queries() {
        assertThat(search("Why do dogs come when called but cats do not?")).contains(fortunes.get(337));
        assertThat(search("what marriage teaches a husband about his wife")).contains(fortunes.get(68));
        assertThat(search("a college student throwing a frisbee")).contains(fortunes.get(1));
    }

    @Test
    void queries_get_the_query_prefix_documents_the_passage_prefix_and_responses_their_metadata() {
        String text = "The best way to predict the future is to invent it.";
        assertThat(model.embed(text)).containsExactly(bge.embed(bge.description().queryPrefix() + text));
        assertThat(model.embed(new Document(text))).containsExactly(bge.embed(text)); // BGE: no passage prefix
        EmbeddingResponse response = model.call(new EmbeddingRequest(fortunes.subList(0, 300), null));
        assertThat(response.getResults()).hasSize(300);
        assertThat(response.getResults().get(0).getIndex()).isZero();
        assertThat(response.getResults().get(299).getIndex()).isEqualTo(299);
        assertThat(response.getMetadata().getModel()).isEqualTo("BAAI/bge-small-en-v1.5");
        assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(bge.tokenCount(fortunes.subList(0, 300)));
        assertThat(model.dimensions()).isEqualTo(384);
        try (FastEmbedEmbeddingModel plain = new FastEmbedEmbeddingModel(bgePlain, MetadataMode.NONE,
                ObservationRegistry.NOOP)) {
            assertThat(plain.embed(text)).containsExactly(bge.embed(text));
            Document withMetadata = new Document("a fox", Map.of("animal", "fox"));
            assertThat(plain.getEmbeddingContent(withMetadata)).isEqualToIgnoringWhitespace("a fox"); // NONE: text only
            assertThat(model.getEmbeddingContent(withMetadata)).contains("animal: fox"); // EMBED: metadata too
        }
    }

    @Test
    void matryoshka_dimensions_in_the_options_cut_the_vectors_as_core_does() throws IOException {
        Path folder = dev.fastembed.testing.TinyTextModels.writeDense(dir.resolve("matryoshka"));
        try (TextEmbedding tiny = TextEmbedding.builder().model(dev.fastembed.testing.TinyTextModels.MATRYOSHKA)
                .modelPath(folder).prefixes(true).build();
                TextEmbedding tinyEight = TextEmbedding.builder().model(dev.fastembed.testing.TinyTextModels.MATRYOSHKA)
                        .modelPath(folder).prefixes(true).dimension(8).build();
                FastEmbedEmbeddingModel adapter = new FastEmbedEmbeddingModel(tiny, MetadataMode.NONE,
                        ObservationRegistry.NOOP)) {
            List<String> texts = List.of("nesting dolls", "a doll inside a doll");
            EmbeddingResponse response = adapter.call(new EmbeddingRequest(texts,
                    EmbeddingOptions.builder().dimensions(8).build()));
            List<float[]> expected = tinyEight.passageEmbed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(response.getResults().get(i).getOutput()).hasSize(8).containsExactly(expected.get(i));
            }
            assertThat(adapter.embed("nesting dolls")).containsExactly(tiny.queryEmbed("nesting dolls")); // "query: "
            assertThatThrownBy(() -> adapter.call(new EmbeddingRequest(texts,
                    EmbeddingOptions.builder().dimensions(5).build()))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[8, 4]");
            // usage counts what the model saw: [CLS] passage : ... [SEP]
            assertThat(response.getMetadata().getUsage().getPromptTokens())
                    .isEqualTo(tiny.tokenCount(List.of("passage: nesting dolls", "passage: a doll inside a doll")));
        }
    }

    @Test
    void every_call_is_observed_like_spring_ais_own_models() {
        observations.clear();
        model.call(new EmbeddingRequest(List.of("one", "two"), null));
        TestObservationRegistryAssert.assertThat(observations)
                .hasObservationWithNameEqualTo("gen_ai.client.operation").that()
                .hasBeenStarted().hasBeenStopped()
                .hasLowCardinalityKeyValue("gen_ai.system", "fastembed")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "BAAI/bge-small-en-v1.5")
                .hasLowCardinalityKeyValue("gen_ai.response.model", "BAAI/bge-small-en-v1.5")
                .hasContextualNameEqualTo("embedding BAAI/bge-small-en-v1.5");
    }

    @Test
    void model_names_and_dimensions_in_options_must_fit_the_model() {
        assertThatThrownBy(() -> model.call(new EmbeddingRequest(List.of("x"),
                EmbeddingOptions.builder().model("text-embedding-3-small").build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text-embedding-3-small");
        assertThatThrownBy(() -> model.call(new EmbeddingRequest(List.of("x"),
                EmbeddingOptions.builder().dimensions(128).build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Matryoshka");
        assertThat(model.call(new EmbeddingRequest(List.of("x"), EmbeddingOptions.builder()
                .model("baai/BGE-small-en-v1.5").dimensions(384).build())).getResults()).hasSize(1);
        assertThatThrownBy(() -> model.embed((Document) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.embed(new Document(Media.builder().mimeType(MimeType.valueOf("image/png"))
                .data(new byte[] {1}).build(), Map.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FastEmbedDocumentEmbeddingModel");
    }

    @Test
    void the_batching_strategy_counts_model_tokens_and_never_throws_on_long_documents() {
        String huge = "word ".repeat(50_000);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            documents.add(new Document(i % 10 == 0 ? huge : fortunes.get(i)));
        }
        List<List<Document>> batches = new FastEmbedBatchingStrategy(bge, 2048, MetadataMode.NONE).batch(documents);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(100);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.stream()
                .mapToInt(d -> bge.tokenCount(d.getText())).sum()).isLessThanOrEqualTo(2048));
        assertThat(model.embed(documents.subList(0, 20), null, new FastEmbedBatchingStrategy(bge))).hasSize(20);
    }

    @Test
    void the_reranking_post_processor_reorders_retrieved_documents_by_cross_encoder_score() throws IOException {
        Path reranker = TinyCrossEncoder.writeTo(dir);
        try (TextCrossEncoder encoder = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(reranker).scale(ScoreScale.SIGMOID).build()) {
            Query query = new Query("Why do dogs come when called but cats do not?");
            List<Document> retrieved = VectorStoreDocumentRetriever.builder().vectorStore(store).topK(8).build()
                    .retrieve(query);
            assertThat(retrieved).hasSize(8);
            List<Document> reranked = new FastEmbedRerankingPostProcessor(encoder, 5, 0.0).process(query, retrieved);
            List<Double> expected = new ArrayList<>(encoder.rerank(query.text(),
                    retrieved.stream().map(Document::getText).toList()));
            expected.sort((a, b) -> Double.compare(b, a));
            assertThat(reranked).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(reranked.get(i).getScore()).isCloseTo(expected.get(i), within(1e-9));
            }
            double third = expected.get(2);
            assertThat(new FastEmbedRerankingPostProcessor(encoder, 10, third).process(query, retrieved)).hasSize(3);
            assertThatThrownBy(() -> new FastEmbedRerankingPostProcessor(encoder, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void text_and_image_documents_embed_in_one_space_with_their_modality() throws IOException {
        TinyClipPair pair = TinyClipPair.writeTo(dir);
        Path text = pair.text();
        Path vision = pair.vision();
        byte[] png = resource("/images/chelsea.png");
        Path file = Files.write(dir.resolve("chelsea.png"), png);
        try (TextEmbedding clipText = TextEmbedding.builder().model("test/clip-text-512").modelPath(text).build();
                ImageEmbedding clipVision = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision")
                        .modelPath(vision).build()) {
            FastEmbedDocumentEmbeddingModel documents = new FastEmbedDocumentEmbeddingModel(clipText, clipVision,
                    MetadataMode.NONE);
            MimeType pngType = MimeType.valueOf("image/png");
            EmbeddingResponse response = documents.call(new DocumentEmbeddingRequest(List.of(
                    new Document("a cat"),
                    new Document(Media.builder().mimeType(pngType).data(png).build(), Map.of()),
                    new Document(Media.builder().mimeType(pngType).data(new ByteArrayResource(png)).build(), Map.of()),
                    new Document(Media.builder().mimeType(pngType).data(file.toUri()).build(), Map.of()))));
            assertThat(response.getResults()).hasSize(4);
            assertThat(response.getResults().get(0).getOutput()).containsExactly(clipText.embed("a cat"));
            float[] photo = clipVision.embed(png);
            for (int i = 1; i < 4; i++) {
                assertThat(response.getResults().get(i).getOutput()).containsExactly(photo);
                assertThat(response.getResults().get(i).getMetadata().getModalityType())
                        .isEqualTo(EmbeddingResultMetadata.ModalityType.IMAGE);
            }
            assertThat(response.getResults().get(0).getMetadata().getModalityType())
                    .isEqualTo(EmbeddingResultMetadata.ModalityType.TEXT);
            assertThat(documents.dimensions()).isEqualTo(512);
            assertThatThrownBy(() -> documents.call(new DocumentEmbeddingRequest(List.of(new Document(Media.builder()
                    .mimeType(MimeType.valueOf("audio/mpeg")).data(new byte[] {1}).build(), Map.of())))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audio/mpeg");
            assertThatThrownBy(() -> new FastEmbedDocumentEmbeddingModel(bge, clipVision, MetadataMode.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two towers");
        }
    }

    private static List<String> search(String query) {
        return store.similaritySearch(SearchRequest.builder().query(query).topK(3).build()).stream()
                .map(Document::getText).toList();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FastEmbedSpringAiIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
