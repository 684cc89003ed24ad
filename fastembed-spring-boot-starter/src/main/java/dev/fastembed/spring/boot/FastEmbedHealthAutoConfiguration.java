package dev.fastembed.spring.boot;

import dev.fastembed.TextEmbedding;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code fastembed} health indicator, when Boot's health module (Actuator) is on the classpath. */
@AutoConfiguration(after = FastEmbedAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, TextEmbedding.class})
public class FastEmbedHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "fastembedHealthIndicator")
    @ConditionalOnBean(TextEmbedding.class)
    public FastEmbedHealthIndicator fastembedHealthIndicator(TextEmbedding model) {
        return new FastEmbedHealthIndicator(model);
    }
}
