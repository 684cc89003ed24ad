package dev.fastembed.spring.boot;

import dev.fastembed.FacadeBuilder;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.hub.HuggingFaceHub;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * fastembed's core models as beans: a dense text model (on by default, {@code fastembed.embedding.enabled=false}
 * turns it off), and a sparse model, a re-ranker and an image model when their {@code fastembed.*.model} is set.
 * Models load at startup (unless {@code fastembed.lazy-load}) and close with the context.
 */
@AutoConfiguration
@ConditionalOnClass(TextEmbedding.class)
@EnableConfigurationProperties(FastEmbedProperties.class)
public class FastEmbedAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "fastembed.embedding.enabled", matchIfMissing = true)
    public TextEmbedding fastEmbedTextEmbedding(FastEmbedProperties properties) {
        TextEmbedding.Builder builder = configure(TextEmbedding.builder(), properties, properties.getEmbedding());
        if (!properties.getDeviceIds().isEmpty()) {
            builder.deviceIds(properties.getDeviceIds());
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "fastembed.sparse.model")
    public SparseTextEmbedding fastEmbedSparseTextEmbedding(FastEmbedProperties properties) {
        return configure(SparseTextEmbedding.builder(), properties, properties.getSparse()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "fastembed.reranker.model")
    public TextCrossEncoder fastEmbedTextCrossEncoder(FastEmbedProperties properties) {
        return configure(TextCrossEncoder.builder(), properties, properties.getReranker())
                .scale(properties.getReranker().getScale()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "fastembed.image.model")
    public ImageEmbedding fastEmbedImageEmbedding(FastEmbedProperties properties) {
        return configure(ImageEmbedding.builder(), properties, properties.getImage()).build();
    }

    /** The settings every kind shares. */
    static <B extends FacadeBuilder<B>> B configure(B builder, FastEmbedProperties properties,
            FastEmbedProperties.Model model) {
        if (model.getModel() != null) {
            builder.model(model.getModel());
        }
        builder.modelPath(model.getModelPath())
                .cacheDir(properties.getCacheDir())
                .offline(properties.isOffline())
                .device(properties.getDevice())
                .threads(properties.getThreads())
                .parallelism(properties.getParallelism())
                .lazyLoad(properties.isLazyLoad());
        if (properties.getBatchSize() != null) {
            builder.batchSize(properties.getBatchSize());
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
}
