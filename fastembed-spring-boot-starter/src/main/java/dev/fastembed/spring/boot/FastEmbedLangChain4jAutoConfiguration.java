package dev.fastembed.spring.boot;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.langchain4j.FastEmbedEmbeddingModel;
import dev.fastembed.langchain4j.FastEmbedScoringModel;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.scoring.ScoringModel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * LangChain4j's {@link EmbeddingModel} and {@link ScoringModel} over fastembed's beans, when langchain4j-core
 * and fastembed-langchain4j are on the classpath. An image model the catalog pairs with the text model (CLIP's
 * two towers) also serves {@code ImageContent} inputs.
 */
@AutoConfiguration(after = FastEmbedAutoConfiguration.class)
@ConditionalOnClass({EmbeddingModel.class, FastEmbedEmbeddingModel.class})
public class FastEmbedLangChain4jAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    @ConditionalOnBean(TextEmbedding.class)
    public FastEmbedEmbeddingModel fastEmbedLangChain4jEmbeddingModel(TextEmbedding text,
            ObjectProvider<ImageEmbedding> image, ObjectProvider<EmbeddingModelListener> listeners) {
        FastEmbedEmbeddingModel.Builder builder = FastEmbedEmbeddingModel.builder().textModel(text)
                .listeners(listeners.orderedStream().toList());
        image.ifAvailable(images -> {
            if (text.description().imageModels().stream()
                    .anyMatch(id -> id.equalsIgnoreCase(images.description().id()))) {
                builder.imageModel(images);
            }
        });
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(ScoringModel.class)
    @ConditionalOnBean(TextCrossEncoder.class)
    public FastEmbedScoringModel fastEmbedLangChain4jScoringModel(TextCrossEncoder encoder) {
        return FastEmbedScoringModel.of(encoder);
    }
}
