package dev.fastembed.spring.boot;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.springai.FastEmbedDocumentEmbeddingModel;
import dev.fastembed.springai.FastEmbedEmbeddingModel;
import dev.fastembed.springai.FastEmbedRerankingPostProcessor;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.DocumentEmbeddingModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Spring AI's {@link EmbeddingModel} (with observations), a {@link DocumentEmbeddingModel} for images and a
 * re-ranking post-processor over fastembed's beans, when spring-ai-model and fastembed-spring-ai are on the
 * classpath. Selected like Spring AI's own starters: {@code spring.ai.model.embedding=fastembed} (or unset);
 * the image model with {@code spring.ai.model.embedding.multimodal=fastembed}.
 */
@AutoConfiguration(after = FastEmbedAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({EmbeddingModel.class, FastEmbedEmbeddingModel.class})
public class FastEmbedSpringAiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    @ConditionalOnBean(TextEmbedding.class)
    @ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = "fastembed", matchIfMissing = true)
    public FastEmbedEmbeddingModel fastEmbedSpringAiEmbeddingModel(TextEmbedding text, FastEmbedProperties properties,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<EmbeddingModelObservationConvention> observationConvention) {
        FastEmbedEmbeddingModel model = new FastEmbedEmbeddingModel(text, metadataMode(properties),
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
        observationConvention.ifAvailable(model::setObservationConvention);
        return model;
    }

    @Bean
    @ConditionalOnMissingBean(DocumentEmbeddingModel.class)
    @ConditionalOnBean({TextEmbedding.class, ImageEmbedding.class})
    @ConditionalOnProperty(name = "spring.ai.model.embedding.multimodal", havingValue = "fastembed")
    public FastEmbedDocumentEmbeddingModel fastEmbedDocumentEmbeddingModel(TextEmbedding text, ImageEmbedding image,
            FastEmbedProperties properties) {
        return new FastEmbedDocumentEmbeddingModel(text, image, metadataMode(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(TextCrossEncoder.class)
    public FastEmbedRerankingPostProcessor fastEmbedRerankingPostProcessor(TextCrossEncoder encoder,
            FastEmbedProperties properties) {
        FastEmbedProperties.Rerank rerank = properties.getRerank();
        FastEmbedProperties.Rerank old = properties.getReranker();
        return new FastEmbedRerankingPostProcessor(encoder,
                FastEmbedAutoConfiguration.first(rerank.getTopK(), old.getTopK(), 5),
                FastEmbedAutoConfiguration.first(rerank.getMinScore(), old.getMinScore(), Double.NEGATIVE_INFINITY));
    }

    static MetadataMode metadataMode(FastEmbedProperties properties) {
        String mode = properties.getText().getMetadataMode();
        try {
            return MetadataMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("fastembed.text.metadata-mode must be one of "
                    + java.util.Arrays.toString(MetadataMode.values()) + ", was '" + mode + "'", e);
        }
    }
}
