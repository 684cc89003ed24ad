package dev.fastembed.spring.boot;

import dev.fastembed.TextEmbedding;
import dev.fastembed.springai.FastEmbedBatchingStrategy;

import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Spring AI's {@link BatchingStrategy} on fastembed's tokenizer, ordered before Spring AI's vector store
 * auto-configurations, which add their own default only when none exists.
 */
@AutoConfiguration(after = FastEmbedAutoConfiguration.class)
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE + 30)
@ConditionalOnClass({BatchingStrategy.class, FastEmbedBatchingStrategy.class})
public class FastEmbedBatchingAutoConfiguration {

    /**
     * Batches a vector store's documents by the model's own token counts. Without it, Spring AI's vector stores
     * fall back to their cl100k-based {@code TokenCountBatchingStrategy}, which throws on a document over about
     * 8k OpenAI tokens, a limit a local model does not have (it truncates).
     */
    @Bean
    @ConditionalOnMissingBean(BatchingStrategy.class)
    @ConditionalOnBean(TextEmbedding.class)
    public FastEmbedBatchingStrategy fastEmbedBatchingStrategy(TextEmbedding text, FastEmbedProperties properties) {
        return new FastEmbedBatchingStrategy(text, properties.getText().getBatchingMaxTokens(),
                FastEmbedSpringAiAutoConfiguration.metadataMode(properties));
    }

}
