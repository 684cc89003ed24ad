package dev.fastembed.langchain4j;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.TextEmbedding;
import dev.fastembed.EmbeddedText;
import dev.fastembed.InputType;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A LangChain4j {@link EmbeddingModel} on fastembed's engine: real batching (an ingestor's thousands of
 * segments go through length-sorted batches), the model's own query and document prefixes for
 * {@code inputType(QUERY | DOCUMENT)}, and, with an image tower, {@link ImageContent} inputs in the same
 * vector space as text (CLIP).
 *
 * <p>Validation and listeners always apply: this class implements {@code doEmbed}, so every entry point
 * ({@code embed}, {@code embedAll}, the request API) goes through {@code embed(EmbeddingRequest)}. Every entry
 * point returns one embedding per input, in input order, or throws an {@link IllegalArgumentException} naming
 * the input's index: a null, an image for a text-only model, a remote image. A parameter other than
 * {@code inputType} fails with LangChain4j's {@link UnsupportedFeatureException}.
 */
public final class FastEmbedEmbeddingModel implements EmbeddingModel, AutoCloseable {

    private final TextEmbedding text;
    private final ImageEmbedding images;
    private final boolean ownsModels;
    private final List<EmbeddingModelListener> listeners;

    private FastEmbedEmbeddingModel(Builder b) {
        if (b.textModel != null && b.modelName != null) {
            throw new IllegalArgumentException("give either modelName(...) or textModel(...), not both");
        }
        if (b.textModel != null && b.prefixes != null) {
            throw new IllegalArgumentException("prefixes(...) configures the text model this adapter builds; for a "
                    + "textModel(...) of your own, set TextEmbedding.builder().prefixes(...) on it");
        }
        this.ownsModels = b.textModel == null;
        this.text = b.textModel != null ? b.textModel : b.textBuilder.model(Objects.requireNonNullElse(b.modelName,
                TextEmbedding.DEFAULT_MODEL)).prefixes(b.prefixes == null || b.prefixes).build();
        this.images = b.imageModel;
        if (images != null) {
            text.requireImageTower(images); // the catalog pairs towers; fails naming both
        }
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One embedding for {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is null
     */
    @Override
    public Response<Embedding> embed(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null; pass an empty string to embed nothing");
        }
        return EmbeddingModel.super.embed(text);
    }

    /**
     * One embedding for the segment's text.
     *
     * @throws IllegalArgumentException if {@code segment} is null
     */
    @Override
    public Response<Embedding> embed(TextSegment segment) {
        if (segment == null) {
            throw new IllegalArgumentException("segment is null");
        }
        return EmbeddingModel.super.embed(segment);
    }

    /**
     * One embedding per segment, in order. LangChain4j's default builds its request with a builder that drops
     * null segments silently, which would shift every later embedding onto the wrong segment; here a null is
     * refused, naming its index, before anything runs. An empty list gives an empty result.
     *
     * @throws IllegalArgumentException if {@code segments} or one of them is null
     */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments == null) {
            throw new IllegalArgumentException("segments is null");
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i) == null) {
                throw new IllegalArgumentException("segments[" + i + "] is null; filter it out, or pass "
                        + "TextSegment.from(\"\") to keep its place");
            }
        }
        return EmbeddingModel.super.embedAll(segments);
    }

    /**
     * One embedding per input of the request, in order (LangChain4j's validation, then {@link #doEmbed}).
     *
     * @throws IllegalArgumentException if the request or one of its inputs is null, naming its index
     */
    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request is null");
        }
        List<EmbeddingInput> inputs = request.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException("inputs[" + i + "] is null");
            }
        }
        return EmbeddingModel.super.embed(request);
    }

    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        EmbeddingInputType inputType = request.inputType() != null ? request.inputType()
                : request.parameters().inputType();
        List<EmbeddingInput> inputs = request.inputs();
        Object[] kinds = new Object[inputs.size()]; // a String (text) or a byte[] (an encoded image)
        List<String> texts = new ArrayList<>();
        List<Object> imageInputs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            kinds[i] = content(inputs.get(i), i);
            if (kinds[i] instanceof String s) {
                texts.add(s);
            } else {
                imageInputs.add(kinds[i]);
            }
        }
        // core adds the model's prefixes (when its switch is on) and counts tokens in the same pass
        List<EmbeddedText> textVectors = texts.isEmpty() ? List.of()
                : text.embedWithTokenCounts(texts, inputType(inputType), 0);
        List<float[]> imageVectors = imageInputs.isEmpty() ? List.of() : images.embed(imageInputs);
        List<Embedding> embeddings = new ArrayList<>(inputs.size());
        int t = 0;
        int m = 0;
        int tokens = 0; // LangChain4j's in-process models count text tokens without [CLS]/[SEP]: "hi" is 1
        for (Object kind : kinds) {
            if (kind instanceof String) {
                EmbeddedText embedded = textVectors.get(t++);
                embeddings.add(Embedding.from(embedded.vector()));
                tokens += embedded.textTokenCount();
            } else {
                embeddings.add(Embedding.from(imageVectors.get(m++)));
            }
        }
        return EmbeddingResponse.builder()
                .embeddings(embeddings)
                .modelName(modelName())
                .tokenUsage(new TokenUsage(tokens))
                .build();
    }

    /** The text to embed or the encoded image of one input. */
    private Object content(EmbeddingInput input, int index) {
        if (input == null) {
            throw new IllegalArgumentException("inputs[" + index + "] is null");
        }
        Set<ContentType> types = input.contentTypes();
        if (types.contains(ContentType.IMAGE)) {
            if (images == null) {
                throw new IllegalArgumentException("inputs[" + index + "] is an image, and " + modelName()
                        + " embeds text only; build this model with imageModel(...) (CLIP's image tower)");
            }
            if (input.contents().size() != 1) {
                throw new IllegalArgumentException("inputs[" + index + "] mixes " + types + "; "
                        + modelName() + " embeds one text or one image per input");
            }
            return imageBytes(((ImageContent) input.contents().get(0)).image(), index);
        }
        StringBuilder joined = new StringBuilder();
        for (Content content : input.contents()) {
            joined.append(joined.length() == 0 ? "" : "\n").append(((TextContent) content).text());
        }
        return joined.toString();
    }

    private static Object imageBytes(Image image, int index) {
        if (image.base64Data() != null) {
            return Base64.getDecoder().decode(image.base64Data());
        }
        if (image.url() != null && "file".equals(image.url().getScheme())) {
            return Path.of(image.url());
        }
        throw new IllegalArgumentException("inputs[" + index + "] is an image at " + image.url()
                + "; remote images are not fetched: pass base64 data or a file");
    }

    private static InputType inputType(EmbeddingInputType inputType) {
        if (inputType == null) {
            return InputType.TEXT;
        }
        return inputType == EmbeddingInputType.QUERY ? InputType.QUERY : InputType.PASSAGE;
    }

    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return Set.of(EmbeddingRequestParameters.INPUT_TYPE);
    }

    @Override
    public Set<ContentType> supportedContentTypes() {
        return images == null ? Set.of(ContentType.TEXT) : Set.of(ContentType.TEXT, ContentType.IMAGE);
    }

    @Override
    public int dimension() {
        return text.dimension();
    }

    @Override
    public String modelName() {
        return text.description().id();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public List<EmbeddingModelListener> listeners() {
        return listeners;
    }

    /** The core facade behind this model, for what LangChain4j has no interface for (token counts, streams). */
    public TextEmbedding textEmbedding() {
        return text;
    }

    /** Closes the fastembed models this adapter built; models passed in with {@code textModel(...)} stay open. */
    @Override
    public void close() {
        if (ownsModels) {
            text.close();
        }
    }

    /** Builder for {@link FastEmbedEmbeddingModel}. */
    public static final class Builder {
        private final TextEmbedding.Builder textBuilder = TextEmbedding.builder();
        private String modelName;
        private TextEmbedding textModel;
        private ImageEmbedding imageModel;
        private Boolean prefixes;
        private List<EmbeddingModelListener> listeners = List.of();

        private Builder() {
        }

        /** A fastembed catalog id; default BAAI/bge-small-en-v1.5. */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /** Further options of the text model this adapter builds (cache, device, threads, batching...). */
        public Builder configure(java.util.function.Consumer<TextEmbedding.Builder> options) {
            options.accept(textBuilder);
            return this;
        }

        /** An existing text model to use (and leave open on {@link #close()}). */
        public Builder textModel(TextEmbedding textModel) {
            this.textModel = Objects.requireNonNull(textModel, "textModel");
            return this;
        }

        /** The image tower of the same model (CLIP): {@link ImageContent} inputs are then accepted. Not closed by us. */
        public Builder imageModel(ImageEmbedding imageModel) {
            this.imageModel = Objects.requireNonNull(imageModel, "imageModel");
            return this;
        }

        /**
         * Whether QUERY and DOCUMENT inputs get the prefixes the model card documents (e5 {@code query: } and
         * {@code passage: }, BGE's query instruction, nomic's {@code search_query: }...); default true. Inputs
         * without a type never get one. It sets {@code TextEmbedding.Builder.prefixes} on the text model this
         * adapter builds; with {@link #textModel}, set it on that model instead.
         */
        public Builder prefixes(boolean prefixes) {
            this.prefixes = prefixes;
            return this;
        }

        public Builder listeners(List<EmbeddingModelListener> listeners) {
            this.listeners = List.copyOf(listeners);
            return this;
        }

        public FastEmbedEmbeddingModel build() {
            return new FastEmbedEmbeddingModel(this);
        }
    }
}
