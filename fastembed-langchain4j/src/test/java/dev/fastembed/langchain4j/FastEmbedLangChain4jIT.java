package dev.fastembed.langchain4j;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.ScoreScale;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.testing.TinyClipPair;
import dev.fastembed.testing.TinyCrossEncoder;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.AugmentationResult;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The adapters inside LangChain4j's own RAG classes: ingestion into an InMemoryEmbeddingStore with DOCUMENT
 * inputs, retrieval with QUERY inputs, re-ranking, and DefaultRetrievalAugmentor end to end, on the 1000
 * fortunes and the real e5-small-v2 int8 model from LangChain4j's jar (its documented {@code query: } /
 * {@code passage: } prefixes), a generated cross-encoder and a generated CLIP pair (fastembed-core's test jar).
 */
class FastEmbedLangChain4jIT {

    @TempDir
    static Path dir;
    static List<String> fortunes;
    static FastEmbedEmbeddingModel e5;
    static InMemoryEmbeddingStore<TextSegment> store;

    @BeforeAll
    static void ingest() throws IOException {
        fortunes = lines("/fortunes/short.txt");
        e5 = FastEmbedEmbeddingModel.builder().modelName("intfloat/e5-small-v2").configure(b -> b.offline(true)).build();
        store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder().embeddingModel(e5).embeddingStore(store)
                .embeddingInputType(EmbeddingInputType.DOCUMENT).build()
                .ingest(fortunes.stream().map(Document::from).toList());
    }

    @AfterAll
    static void close() {
        e5.close();
    }

    @Test
    void retrieval_with_query_inputs_finds_the_right_fortunes() {
        EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder().embeddingModel(e5)
                .embeddingStore(store).embeddingInputType(EmbeddingInputType.QUERY).maxResults(3).build();
        assertThat(texts(retriever.retrieve(Query.from("Why do dogs come when called but cats do not?"))))
                .contains(fortunes.get(337));
        assertThat(texts(retriever.retrieve(Query.from("what marriage teaches a husband about his wife"))))
                .contains(fortunes.get(68));
        assertThat(texts(retriever.retrieve(Query.from("a college student throwing a frisbee"))))
                .contains(fortunes.get(1));
    }

    @Test
    void query_and_document_inputs_get_the_models_documented_prefixes() {
        TextEmbedding core = e5.textEmbedding();
        String text = "The best way to predict the future is to invent it.";
        float[] query = embed(e5, text, EmbeddingInputType.QUERY);
        float[] document = embed(e5, text, EmbeddingInputType.DOCUMENT);
        float[] plain = e5.embed(text).content().vector();
        assertThat(query).containsExactly(core.embed("query: " + text));
        assertThat(document).containsExactly(core.embed("passage: " + text));
        assertThat(plain).containsExactly(core.embed(text)); // no input type: no prefix, as fastembed
        try (FastEmbedEmbeddingModel noPrefixes = FastEmbedEmbeddingModel.builder().modelName("intfloat/e5-small-v2")
                .configure(b -> b.offline(true)).prefixes(false).build()) {
            assertThat(embed(noPrefixes, text, EmbeddingInputType.QUERY)).containsExactly(plain);
        }
        assertThatThrownBy(() -> FastEmbedEmbeddingModel.builder().textModel(core).prefixes(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TextEmbedding.builder().prefixes");
        assertThat(e5.dimension()).isEqualTo(384);
        assertThat(e5.modelName()).isEqualTo("intfloat/e5-small-v2");
    }

    @Test
    void listeners_fire_once_per_call_and_token_usage_is_reported() {
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger responses = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        EmbeddingModelListener listener = new EmbeddingModelListener() {
            @Override
            public void onRequest(EmbeddingModelRequestContext context) {
                requests.incrementAndGet();
            }

            @Override
            public void onResponse(EmbeddingModelResponseContext context) {
                responses.incrementAndGet();
            }

            @Override
            public void onError(EmbeddingModelErrorContext context) {
                errors.incrementAndGet();
            }
        };
        try (FastEmbedEmbeddingModel model = FastEmbedEmbeddingModel.builder().textModel(e5.textEmbedding())
                .listeners(List.of(listener)).build()) {
            Response<List<Embedding>> all = model.embedAll(fortunes.subList(0, 300).stream().map(TextSegment::from)
                    .toList());
            assertThat(all.content()).hasSize(300);
            // LangChain4j's convention (its in-process models): text tokens without [CLS] and [SEP]
            assertThat(all.tokenUsage().inputTokenCount()).isEqualTo(
                    e5.textEmbedding().tokenCount(fortunes.subList(0, 300)) - 2 * 300);
            assertThat(requests).hasValue(1);
            assertThat(responses).hasValue(1);
            assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder().input("x").dimensions(128).build()))
                    .isInstanceOf(UnsupportedFeatureException.class);
            assertThat(errors).hasValue(0); // rejected before the model is called, as LangChain4j validates
            assertThat(model.embed("hi").tokenUsage().inputTokenCount()).isEqualTo(1);
        }
    }

    @Test
    void an_image_sent_to_a_text_model_is_an_unsupported_feature() throws IOException {
        byte[] png = resource("/images/one-pixel.png");
        EmbeddingRequest image = EmbeddingRequest.builder()
                .input(ImageContent.from(Base64.getEncoder().encodeToString(png), "image/png")).build();
        assertThatThrownBy(() -> e5.embed(image)).isInstanceOf(UnsupportedFeatureException.class);
    }

    @Test
    void one_clip_pair_embeds_text_and_image_content_in_one_space() throws IOException {
        TinyClipPair pair = TinyClipPair.writeTo(dir);
        Path text = pair.text();
        Path vision = pair.vision();
        byte[] photo = resource("/images/chelsea.png");
        Files.write(vision.resolve("cat.png"), photo);
        try (TextEmbedding clipText = TextEmbedding.builder().model("test/clip-text-512").modelPath(text).build();
                ImageEmbedding clipVision = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision")
                        .modelPath(vision).build();
                FastEmbedEmbeddingModel clip = FastEmbedEmbeddingModel.builder().textModel(clipText)
                        .imageModel(clipVision).build()) {
            EmbeddingResponse response = clip.embed(EmbeddingRequest.builder().inputs(List.of(
                    EmbeddingInput.from(TextContent.from("a cat")),
                    EmbeddingInput.from(ImageContent.from(Base64.getEncoder().encodeToString(photo), "image/png")),
                    EmbeddingInput.from(ImageContent.from(dir.resolve("clip-vision").resolve("cat.png").toUri())),
                    EmbeddingInput.from(TextContent.from("a dog")))).build());
            List<Embedding> vectors = response.embeddings();
            assertThat(vectors).hasSize(4);
            assertThat(vectors.get(0).vector()).containsExactly(clipText.embed("a cat"));
            assertThat(vectors.get(1).vector()).containsExactly(clipVision.embed(photo));
            assertThat(vectors.get(2).vector()).containsExactly(clipVision.embed(photo)); // the same photo by file URI
            assertThat(vectors.get(3).vector()).containsExactly(clipText.embed("a dog"));
        }
        try (TextEmbedding bge = TextEmbedding.builder().offline(true).build();
                ImageEmbedding clipVision = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision")
                        .modelPath(vision).build()) {
            assertThatThrownBy(() -> FastEmbedEmbeddingModel.builder().textModel(bge).imageModel(clipVision).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two towers");
        }
        // a pair, but the text tower cut to fewer dimensions than the image tower gives: refused
        try (TextEmbedding cut = TextEmbedding.builder().model("test/clip-text-512").modelPath(text).dimension(256)
                .build();
                ImageEmbedding clipVision = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision")
                        .modelPath(vision).build()) {
            assertThatThrownBy(() -> FastEmbedEmbeddingModel.builder().textModel(cut).imageModel(clipVision).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut to 256 dimensions");
        }
        // as wide as the image model, but the catalog does not pair them: refused, naming both
        try (TextEmbedding unpaired = TextEmbedding.builder().model(TinyClipPair.UNPAIRED_TEXT_MODEL).modelPath(text)
                .build();
                ImageEmbedding clipVision = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision")
                        .modelPath(vision).build()) {
            assertThatThrownBy(() -> FastEmbedEmbeddingModel.builder().textModel(unpaired).imageModel(clipVision)
                    .build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(TinyClipPair.UNPAIRED_TEXT_MODEL).hasMessageContaining("clip-ViT-B-32-vision");
        }
    }

    @Test
    void reranking_inside_the_retrieval_augmentor_keeps_the_scorers_order_and_scale() throws IOException {
        Path reranker = TinyCrossEncoder.writeTo(dir);
        try (TextCrossEncoder encoder = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                .modelPath(reranker).scale(ScoreScale.SIGMOID).build();
                FastEmbedScoringModel scorer = FastEmbedScoringModel.of(encoder)) {
            EmbeddingStoreContentRetriever retriever = EmbeddingStoreContentRetriever.builder().embeddingModel(e5)
                    .embeddingStore(store).embeddingInputType(EmbeddingInputType.QUERY).maxResults(8).build();
            DefaultRetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder().contentRetriever(retriever)
                    .contentAggregator(ReRankingContentAggregator.builder().scoringModel(scorer).minScore(0.0)
                            .maxResults(4).build())
                    .build();
            String question = "Why do dogs come when called but cats do not?";
            UserMessage message = UserMessage.from(question);
            AugmentationResult result = augmentor.augment(new AugmentationRequest(message,
                    new Metadata(message, null, List.of())));
            List<Content> contents = result.contents();
            assertThat(contents).hasSize(4);
            List<TextSegment> candidates = retriever.retrieve(Query.from(question)).stream()
                    .map(Content::textSegment).toList();
            assertThat(candidates.stream().map(TextSegment::text)).contains(fortunes.get(337));
            List<Double> scores = scorer.scoreAll(candidates, question).content();
            List<Double> reranked = contents.stream()
                    .map(c -> (Double) c.metadata().get(ContentMetadata.RERANKED_SCORE)).toList();
            assertThat(reranked).isSortedAccordingTo((a, b) -> Double.compare(b, a)).allMatch(s -> s > 0 && s < 1);
            List<Double> expectedTop = new ArrayList<>(scores);
            expectedTop.sort((a, b) -> Double.compare(b, a));
            for (int i = 0; i < 4; i++) {
                assertThat(reranked.get(i)).isCloseTo(expectedTop.get(i), within(1e-9));
            }
            assertThat(scorer.score("ok", "query").content()).isBetween(0.0, 1.0);
            assertThat(scorer.scoreAll(List.of(), "q").content()).isEmpty();
            assertThatThrownBy(() -> scorer.scoreAll(List.of(TextSegment.from("d")), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static float[] embed(FastEmbedEmbeddingModel model, String text, EmbeddingInputType type) {
        return model.embed(EmbeddingRequest.builder().input(text).inputType(type).build()).embeddings().get(0).vector();
    }

    private static List<String> texts(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().text()).toList();
    }

    private static List<String> lines(String resource) throws IOException {
        return new String(resource(resource), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FastEmbedLangChain4jIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
