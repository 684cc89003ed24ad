package dev.fastembed.spring.boot;

import dev.fastembed.BgeM3Embedding;
import dev.fastembed.FacadeBuilder;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.LateInteractionMultimodalEmbedding;
import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.ScoreScale;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.hub.HuggingFaceHub;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * fastembed's core models as beans, one per kind: a dense text model (on unless
 * {@code fastembed.text.enabled=false}), and a sparse model, a re-ranker, an image model, a late-interaction
 * model and a late-interaction multimodal model when their {@code fastembed.<kind>.model} (or
 * {@code model-path}) is set. Each kind takes its own run settings ({@code fastembed.<kind>.batch-size},
 * {@code threads}, {@code parallelism}, {@code device}, {@code device-ids}, {@code lazy-load}...), falling back to
 * the deprecated flat ones. Models load at startup unless lazy and close with the context.
 *
 * <p>Ordered early, so that beans Spring AI's vector stores look for (a {@code BatchingStrategy}) are in place
 * before their auto-configurations add their defaults.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE + 20)
@ConditionalOnClass(TextEmbedding.class)
@EnableConfigurationProperties(FastEmbedProperties.class)
public class FastEmbedAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.TEXT)
    public TextEmbedding fastEmbedTextEmbedding(FastEmbedProperties properties) {
        FastEmbedProperties.Text text = properties.getText();
        TextEmbedding.Builder builder = configure(TextEmbedding.builder(), properties, text, properties.getEmbedding())
                .prefixes(text.isPrefixes());
        if (text.getDimension() != null) {
            builder.dimension(text.getDimension());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.SPARSE)
    public SparseTextEmbedding fastEmbedSparseTextEmbedding(FastEmbedProperties properties) {
        return configure(SparseTextEmbedding.builder(), properties, properties.getSparse(), null).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.RERANK)
    public TextCrossEncoder fastEmbedTextCrossEncoder(FastEmbedProperties properties) {
        FastEmbedProperties.Rerank rerank = properties.getRerank();
        FastEmbedProperties.Rerank old = properties.getReranker();
        ScoreScale scale = first(rerank.getScale(), old.getScale(), ScoreScale.RAW);
        return configure(TextCrossEncoder.builder(), properties, rerank, old).scale(scale).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.IMAGE)
    public ImageEmbedding fastEmbedImageEmbedding(FastEmbedProperties properties) {
        return configure(ImageEmbedding.builder(), properties, properties.getImage(), null).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.LATE_INTERACTION)
    public LateInteractionTextEmbedding fastEmbedLateInteractionTextEmbedding(FastEmbedProperties properties) {
        return configure(LateInteractionTextEmbedding.builder(), properties, properties.getLateInteraction(), null)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.MULTIMODAL)
    public LateInteractionMultimodalEmbedding fastEmbedLateInteractionMultimodalEmbedding(
            FastEmbedProperties properties) {
        return configure(LateInteractionMultimodalEmbedding.builder(), properties, properties.getMultimodal(), null)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnModelKind(ModelKind.BGE_M3)
    public BgeM3Embedding fastEmbedBgeM3Embedding(FastEmbedProperties properties) {
        return configure(BgeM3Embedding.builder(), properties, properties.getBgeM3(), null).build();
    }

    /**
     * A kind's settings: its own, else its deprecated group's ({@code old}, may be null), else the deprecated
     * flat ones, else the builder's defaults; the cache, offline switch and hub are shared.
     */
    static <B extends FacadeBuilder<B>> B configure(B builder, FastEmbedProperties properties,
            FastEmbedProperties.Kind kind, FastEmbedProperties.Kind old) {
        FastEmbedProperties.Kind fallback = old != null ? old : new FastEmbedProperties.Kind();
        String model = first(kind.getModel(), fallback.getModel(), null);
        if (model != null) {
            builder.model(model);
        }
        builder.modelPath(first(kind.getModelPath(), fallback.getModelPath(), null))
                .cacheDir(properties.getCacheDir())
                .offline(properties.isOffline())
                .device(first(kind.getDevice(), fallback.getDevice(), properties.getDevice()))
                .threads(first(kind.getThreads(), fallback.getThreads(), properties.getThreads()))
                .parallelism(first(kind.getParallelism(), fallback.getParallelism(), properties.getParallelism()))
                .lazyLoad(first(kind.getLazyLoad(), fallback.getLazyLoad(),
                        properties.getLazyLoad() != null && properties.getLazyLoad()));
        Integer batchSize = first(kind.getBatchSize(), fallback.getBatchSize(), properties.getBatchSize());
        if (batchSize != null) {
            builder.batchSize(batchSize);
        }
        Integer maxBatchTokens = first(kind.getMaxBatchTokens(), fallback.getMaxBatchTokens(), null);
        if (maxBatchTokens != null) {
            builder.maxBatchTokens(maxBatchTokens);
        }
        java.util.List<Integer> deviceIds = first(kind.getDeviceIds(), fallback.getDeviceIds(),
                properties.getDeviceIds());
        if (deviceIds != null) {
            builder.deviceIds(deviceIds);
        }
        FastEmbedProperties.Hub hub = properties.getHub();
        if (hub.getEndpoint() != null || hub.getToken() != null) {
            HuggingFaceHub.Builder client = HuggingFaceHub.builder();
            if (hub.getEndpoint() != null) {
                client.endpoint(hub.getEndpoint());
            }
            if (hub.getToken() != null) {
                client.token(hub.getToken());
            }
            builder.hub(client.build());
        }
        return builder.revision(hub.getRevision());
    }

    static <T> T first(T value, T fallback, T otherwise) {
        return value != null ? value : fallback != null ? fallback : otherwise;
    }
}
