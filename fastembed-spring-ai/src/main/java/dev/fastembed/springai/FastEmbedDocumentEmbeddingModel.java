package dev.fastembed.springai;

import dev.fastembed.EmbeddedText;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.InputType;
import dev.fastembed.TextEmbedding;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.DocumentEmbeddingModel;
import org.springframework.ai.embedding.DocumentEmbeddingRequest;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.EmbeddingResultMetadata;
import org.springframework.core.io.Resource;
import org.springframework.util.MimeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Text and image documents in one vector space: text documents through a CLIP-style text tower, image
 * {@link Media} (PNG, JPEG, WebP, GIF, BMP; bytes, a {@link Resource} or a {@code file:} URI) through the image
 * tower of the same model. Each embedding's metadata says which modality it came from.
 */
public final class FastEmbedDocumentEmbeddingModel implements DocumentEmbeddingModel {

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/jpg", "image/webp",
            "image/gif", "image/bmp");

    private final TextEmbedding text;
    private final ImageEmbedding images;
    private final MetadataMode metadataMode;

    public FastEmbedDocumentEmbeddingModel(TextEmbedding text, ImageEmbedding images, MetadataMode metadataMode) {
        this.text = Objects.requireNonNull(text, "text");
        this.images = Objects.requireNonNull(images, "images");
        this.metadataMode = Objects.requireNonNull(metadataMode, "metadataMode");
        text.requireImageTower(images); // the catalog pairs towers; fails naming both
    }

    @Override
    public EmbeddingResponse call(DocumentEmbeddingRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request is null");
        }
        List<Document> documents = request.getInstructions();
        List<String> texts = new ArrayList<>();
        List<Object> pictures = new ArrayList<>();
        boolean[] isText = new boolean[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document == null) {
                throw new IllegalArgumentException("documents[" + i + "] of the request is null");
            }
            isText[i] = document.isText();
            if (isText[i]) {
                texts.add(document.getFormattedContent(metadataMode)); // core adds the prefix if switched on
            } else {
                pictures.add(image(document, i));
            }
        }
        List<EmbeddedText> textVectors = texts.isEmpty() ? List.of()
                : text.embedWithTokenCounts(texts, InputType.PASSAGE, 0); // vectors and usage from one pass
        List<float[]> imageVectors = pictures.isEmpty() ? List.of() : images.embed(pictures);
        List<Embedding> embeddings = new ArrayList<>(documents.size());
        int t = 0;
        int m = 0;
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            EmbeddingResultMetadata metadata = isText[i]
                    ? new EmbeddingResultMetadata(document.getId(), EmbeddingResultMetadata.ModalityType.TEXT,
                            MimeType.valueOf("text/plain"), null)
                    : new EmbeddingResultMetadata(document.getId(), EmbeddingResultMetadata.ModalityType.IMAGE,
                            document.getMedia().getMimeType(), null);
            embeddings.add(new Embedding(isText[i] ? textVectors.get(t++).vector() : imageVectors.get(m++), i, metadata));
        }
        int tokens = 0;
        for (EmbeddedText embedded : textVectors) {
            tokens += embedded.tokenCount();
        }
        return new EmbeddingResponse(embeddings, new EmbeddingResponseMetadata(text.description().id() + " + "
                + images.description().id(), new DefaultUsage(tokens, 0, tokens)));
    }

    private static Object image(Document document, int index) {
        Media media = document.getMedia();
        String type = media.getMimeType().getType() + "/" + media.getMimeType().getSubtype();
        if (!IMAGE_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("document " + index + " (" + document.getId() + ") holds " + type
                    + " media; images must be one of " + IMAGE_TYPES);
        }
        Object data = media.getData();
        try {
            if (data instanceof byte[] bytes) {
                return bytes;
            }
            if (data instanceof Resource resource) {
                try (InputStream in = resource.getInputStream()) {
                    return in.readAllBytes();
                }
            }
            URI uri = data instanceof URI u ? u : data instanceof String s && s.startsWith("file:") ? URI.create(s) : null;
            if (uri != null && "file".equals(uri.getScheme())) {
                return Files.readAllBytes(Path.of(uri));
            }
            return media.getDataAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("document " + index + " (" + document.getId() + "): its image could not "
                    + "be read: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("document " + index + " (" + document.getId() + "): its image data "
                    + "is " + (data == null ? "missing" : data.getClass().getSimpleName()) + "; pass bytes, a Resource "
                    + "or a file: URI", e);
        }
    }

    @Override
    public int dimensions() {
        return text.dimension();
    }
}
