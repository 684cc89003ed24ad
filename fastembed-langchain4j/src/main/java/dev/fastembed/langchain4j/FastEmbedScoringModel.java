package dev.fastembed.langchain4j;

import dev.fastembed.ScoreScale;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextPair;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.model.scoring.ScoringModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link ScoringModel} on fastembed's cross-encoders, for {@code ReRankingContentAggregator}.
 * Scores come back in input order, computed in length-sorted micro-batches.
 *
 * <p>Scores are the model's raw logits by default (as fastembed): unbounded, often negative, and on a scale of
 * their own per model, so {@code ReRankingContentAggregator}'s {@code minScore} is a logit threshold. Build
 * the encoder with {@link ScoreScale#SIGMOID} to get scores in (0, 1), where {@code minScore = 0.5} means
 * "more likely relevant than not".
 */
public final class FastEmbedScoringModel implements ScoringModel, AutoCloseable {

    private final TextCrossEncoder encoder;
    private final boolean ownsEncoder;

    private FastEmbedScoringModel(TextCrossEncoder encoder, boolean ownsEncoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.ownsEncoder = ownsEncoder;
    }

    /** A scorer over an existing cross-encoder, which stays open when this one closes. */
    public static FastEmbedScoringModel of(TextCrossEncoder encoder) {
        return new FastEmbedScoringModel(encoder, false);
    }

    /** A scorer that owns a cross-encoder built from a fastembed catalog id. */
    public static FastEmbedScoringModel of(String modelName, ScoreScale scale) {
        return new FastEmbedScoringModel(TextCrossEncoder.builder().model(modelName).scale(scale).build(), true);
    }

    /**
     * The score of {@code text} for {@code query}.
     *
     * @throws IllegalArgumentException if either is null
     */
    @Override
    public Response<Double> score(String text, String query) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        return score(TextSegment.from(text), query);
    }

    /**
     * The score of {@code segment} for {@code query} (LangChain4j's default would fail with a bare
     * NullPointerException on a null segment).
     *
     * @throws IllegalArgumentException if either is null
     */
    @Override
    public Response<Double> score(TextSegment segment, String query) {
        if (segment == null) {
            throw new IllegalArgumentException("segment is null");
        }
        Response<List<Double>> scores = scoreAll(List.of(segment), query);
        return Response.from(scores.content().get(0), scores.tokenUsage());
    }

    /**
     * One score per segment, in order; an empty list gives an empty result.
     *
     * @throws IllegalArgumentException if {@code segments}, one of them, or {@code query} is null, naming it
     */
    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments == null) {
            throw new IllegalArgumentException("segments is null");
        }
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        List<String> documents = new ArrayList<>(segments.size());
        List<TextPair> pairs = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            TextSegment segment = segments.get(i);
            if (segment == null) {
                throw new IllegalArgumentException("segments[" + i + "] is null");
            }
            documents.add(segment.text());
            pairs.add(TextPair.of(query, segment.text()));
        }
        List<Double> scores = encoder.rerank(query, documents);
        int tokens = pairs.isEmpty() ? 0 : encoder.tokenCount(pairs);
        return Response.from(scores, new TokenUsage(tokens));
    }

    public TextCrossEncoder crossEncoder() {
        return encoder;
    }

    @Override
    public void close() {
        if (ownsEncoder) {
            encoder.close();
        }
    }
}
