package dev.fastembed.spring.boot;

import dev.fastembed.BgeM3Embedding;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.LateInteractionMultimodalEmbedding;
import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;

/**
 * The {@code fastembed} health indicator over every fastembed model in the context, when Boot's health module
 * (Actuator) is on the classpath and {@code management.health.fastembed.enabled} is not false.
 */
@AutoConfiguration(after = FastEmbedAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, TextEmbedding.class})
@ConditionalOnEnabledHealthIndicator("fastembed")
public class FastEmbedHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "fastembedHealthIndicator")
    @Conditional(AnyFastEmbedModel.class)
    public FastEmbedHealthIndicator fastembedHealthIndicator(ObjectProvider<TextEmbedding> text,
            ObjectProvider<SparseTextEmbedding> sparse, ObjectProvider<TextCrossEncoder> rerank,
            ObjectProvider<ImageEmbedding> image, ObjectProvider<LateInteractionTextEmbedding> lateInteraction,
            ObjectProvider<LateInteractionMultimodalEmbedding> multimodal, ObjectProvider<BgeM3Embedding> bgeM3) {
        return new FastEmbedHealthIndicator(FastEmbedHealthIndicator.probes(text.getIfUnique(), sparse.getIfUnique(),
                rerank.getIfUnique(), image.getIfUnique(), lateInteraction.getIfUnique(), multimodal.getIfUnique(),
                bgeM3.getIfUnique()));
    }

    /** Some fastembed model is a bean. */
    static final class AnyFastEmbedModel extends AnyNestedCondition {

        AnyFastEmbedModel() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(TextEmbedding.class)
        static final class Text {
        }

        @ConditionalOnBean(SparseTextEmbedding.class)
        static final class Sparse {
        }

        @ConditionalOnBean(TextCrossEncoder.class)
        static final class Rerank {
        }

        @ConditionalOnBean(ImageEmbedding.class)
        static final class Image {
        }

        @ConditionalOnBean(LateInteractionTextEmbedding.class)
        static final class LateInteraction {
        }

        @ConditionalOnBean(LateInteractionMultimodalEmbedding.class)
        static final class Multimodal {
        }

        @ConditionalOnBean(BgeM3Embedding.class)
        static final class BgeM3 {
        }
    }
}
