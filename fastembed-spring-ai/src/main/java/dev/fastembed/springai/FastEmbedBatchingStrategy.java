package dev.fastembed.springai;

import dev.fastembed.InputType;
import dev.fastembed.TextEmbedding;

import org.springframework.ai.document.Document;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.BatchingStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Batches documents for a local model by the model's own token counts. Spring AI's default
 * ({@code TokenCountBatchingStrategy}) counts OpenAI tokens against OpenAI's request limit and throws on a long
 * document; a local model truncates long texts instead, so this never throws: a document counts at most the
 * model's max length.
 */
public final class FastEmbedBatchingStrategy implements BatchingStrategy {

    /** Tokens per batch by default: large enough to fill fastembed's batches, small enough to bound memory. */
    public static final int DEFAULT_MAX_TOKENS = 16_384;

    private final TextEmbedding model;
    private final int maxTokens;
    private final MetadataMode metadataMode;

    public FastEmbedBatchingStrategy(TextEmbedding model) {
        this(model, DEFAULT_MAX_TOKENS, MetadataMode.EMBED);
    }

    public FastEmbedBatchingStrategy(TextEmbedding model, int maxTokens, MetadataMode metadataMode) {
        this.model = Objects.requireNonNull(model, "model");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.metadataMode = Objects.requireNonNull(metadataMode, "metadataMode");
    }

    @Override
    public List<List<Document>> batch(List<Document> documents) {
        if (documents == null) {
            throw new IllegalArgumentException("documents is null");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document == null) {
                throw new IllegalArgumentException("documents[" + i + "] is null");
            }
            if (document.isText()) { // as the embedding model will embed it: with the passage prefix, if any
                texts.add(model.prefixOf(InputType.PASSAGE) + document.getFormattedContent(metadataMode));
            }
        }
        int[] counts = texts.isEmpty() ? new int[0] : model.tokenCounts(texts); // one tokenizer call for all
        List<List<Document>> batches = new ArrayList<>();
        List<Document> current = new ArrayList<>();
        int tokens = 0;
        int t = 0;
        for (Document document : documents) {
            int count = document.isText() ? counts[t++] : 1;
            if (!current.isEmpty() && tokens + count > maxTokens) {
                batches.add(current);
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(document);
            tokens += count;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
