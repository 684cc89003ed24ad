package dev.fastembed.springai;

import dev.fastembed.EmbeddedText;
import dev.fastembed.InputType;
import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelDescription;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Spring AI {@code EmbeddingModel} on fastembed's engine. {@code call} runs any number of texts through
 * length-sorted micro-batches; indexes start at 0; the response carries the model name and token usage;
 * {@link #dimensions()} needs no inference. Observations follow Spring AI's own models
 * ({@code gen_ai.client.operation}, settable convention).
 *
 * <p>Spring AI has no query/document notion, so this model uses the one place where it shows:
 * {@link #embed(String)} is the query path (vector stores embed queries with it) and gets the model's
 * documented query prefix; documents ({@code call}, {@code embed(Document)}, the batched path) get the passage
 * prefix. For most models both are empty; e5 uses {@code query: } / {@code passage: }, BGE a query instruction.
 * The prefixes, Matryoshka dimensions ({@code EmbeddingOptions.dimensions}) and token counts are core's
 * ({@link TextEmbedding#embedWithTokenCounts}): one tokenization per call. Usage counts the tokens the model saw,
 * special tokens ([CLS], [SEP]) and prefixes included, as Spring AI's own ONNX model (TransformersEmbeddingModel)
 * feeds them; LangChain4j's adapter reports them without special tokens, as LangChain4j's models do.
 */
public final class FastEmbedEmbeddingModel extends AbstractEmbeddingModel implements AutoCloseable {

    /** The provider name in observations. */
    public static final String PROVIDER = "fastembed";
    private static final EmbeddingModelObservationConvention DEFAULT_CONVENTION =
            new DefaultEmbeddingModelObservationConvention();

    private final TextEmbedding model;
    private final boolean ownsModel;
    private final MetadataMode metadataMode;
    private final ObservationRegistry observationRegistry;
    private EmbeddingModelObservationConvention observationConvention = DEFAULT_CONVENTION;

    /**
     * @param model the fastembed model (left open by {@link #close()}); its {@code prefixes} switch decides whether
     *     queries and documents get the model's documented prefixes
     * @param metadataMode which metadata {@link #embed(Document)} embeds with the text
     * @param observationRegistry where observations go ({@link ObservationRegistry#NOOP} for none)
     */
    public FastEmbedEmbeddingModel(TextEmbedding model, MetadataMode metadataMode,
            ObservationRegistry observationRegistry) {
        this(model, false, metadataMode, observationRegistry);
    }

    private FastEmbedEmbeddingModel(TextEmbedding model, boolean ownsModel, MetadataMode metadataMode,
            ObservationRegistry observationRegistry) {
        this.model = Objects.requireNonNull(model, "model");
        this.ownsModel = ownsModel;
        this.metadataMode = Objects.requireNonNull(metadataMode, "metadataMode");
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
    }

    /**
     * A model over a fastembed catalog id (default model when null), closed with this one; queries and documents
     * get the model's documented prefixes; metadata is embedded as Spring AI's EMBED mode.
     */
    public static FastEmbedEmbeddingModel of(String modelId) {
        TextEmbedding.Builder builder = TextEmbedding.builder().prefixes(true);
        if (modelId != null) {
            builder.model(modelId);
        }
        return new FastEmbedEmbeddingModel(builder.build(), true, MetadataMode.EMBED, ObservationRegistry.NOOP);
    }

    public void setObservationConvention(EmbeddingModelObservationConvention observationConvention) {
        this.observationConvention = Objects.requireNonNull(observationConvention, "observationConvention");
    }

    /**
     * One vector per text, in order; an empty list gives an empty result.
     *
     * @throws IllegalArgumentException if {@code texts} or one of them is null, naming its index
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts is null");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null; pass an empty string to keep its place");
            }
        }
        return super.embed(texts);
    }

    /**
     * One vector per document, in order, batched by {@code batchingStrategy} (a vector store's path).
     *
     * @throws IllegalArgumentException if {@code documents} or one of them is null, naming its index
     */
    @Override
    public List<float[]> embed(List<Document> documents, EmbeddingOptions options, BatchingStrategy batchingStrategy) {
        if (documents == null) {
            throw new IllegalArgumentException("documents is null");
        }
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) == null) {
                throw new IllegalArgumentException("documents[" + i + "] is null");
            }
        }
        return super.embed(documents, options, batchingStrategy);
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request is null");
        }
        return observed(request, InputType.PASSAGE);
    }

    /** The query path: the model's documented query prefix is added. */
    @Override
    public float[] embed(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return observed(new EmbeddingRequest(List.of(text), EmbeddingOptions.builder().build()), InputType.QUERY)
                .getResult().getOutput();
    }

    @Override
    public float[] embed(Document document) {
        return call(new EmbeddingRequest(List.of(getEmbeddingContent(document)), EmbeddingOptions.builder().build()))
                .getResult().getOutput();
    }

    /** The document's text with the metadata its {@link MetadataMode} selects. */
    @Override
    public String getEmbeddingContent(Document document) {
        if (document == null) {
            throw new IllegalArgumentException("document must not be null");
        }
        if (!document.isText()) {
            throw new IllegalArgumentException("document " + document.getId() + " holds " + document.getMedia()
                    .getMimeType() + " media, not text; embed it with FastEmbedDocumentEmbeddingModel");
        }
        return document.getFormattedContent(metadataMode);
    }

    @Override
    public int dimensions() {
        return model.dimension();
    }

    public TextEmbedding textEmbedding() {
        return model;
    }

    private EmbeddingResponse observed(EmbeddingRequest given, InputType inputType) {
        // As Spring AI's own models merge their default options: the request names the model it runs on.
        EmbeddingOptions options = given.getOptions();
        EmbeddingRequest request = options != null && options.getModel() != null ? given
                : new EmbeddingRequest(given.getInstructions(), EmbeddingOptions.builder().model(modelName())
                        .dimensions(options == null ? null : options.getDimensions()).build());
        EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
                .embeddingRequest(request).provider(PROVIDER).build();
        return EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
                .observation(observationConvention, DEFAULT_CONVENTION, () -> context, observationRegistry)
                .observe(() -> {
                    EmbeddingResponse response = embed(request, inputType);
                    context.setResponse(response);
                    return response;
                });
    }

    private EmbeddingResponse embed(EmbeddingRequest request, InputType inputType) {
        int dimensions = checkModel(request.getOptions());
        List<String> texts = request.getInstructions();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("instructions[" + i + "] of the embedding request is null");
            }
        }
        List<EmbeddedText> embedded = texts.isEmpty() ? List.of()
                : model.embedWithTokenCounts(texts, inputType, dimensions);
        List<Embedding> embeddings = new ArrayList<>(embedded.size());
        int tokens = 0;
        for (int i = 0; i < embedded.size(); i++) {
            embeddings.add(new Embedding(embedded.get(i).vector(), i));
            tokens += embedded.get(i).tokenCount();
        }
        return new EmbeddingResponse(embeddings,
                new EmbeddingResponseMetadata(modelName(), new DefaultUsage(tokens, 0, tokens)));
    }

    /**
     * The requested dimensions (0: the model's) after checking that the request names this model or none;
     * core checks the dimensions against the catalog's Matryoshka lengths.
     */
    private int checkModel(EmbeddingOptions options) {
        if (options == null) {
            return 0;
        }
        if (options.getModel() != null && !options.getModel().equalsIgnoreCase(modelName())) {
            throw new IllegalArgumentException("the request names model '" + options.getModel() + "', but this "
                    + "EmbeddingModel runs " + modelName() + "; leave the model out of the options or build another");
        }
        Integer wanted = options.getDimensions();
        return wanted == null ? 0 : wanted;
    }

    private ModelDescription description() {
        return model.description();
    }

    public String modelName() {
        return description().id();
    }

    /** Closes the fastembed model if this adapter built it ({@link #of(String)}). */
    @Override
    public void close() {
        if (ownsModel) {
            model.close();
        }
    }
}
