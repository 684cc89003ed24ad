package dev.fastembed.spring.boot;

import dev.fastembed.TextEmbedding;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator health of the dense text model: up with its id, dimension, the device it runs on, where its files
 * came from and whether its session is loaded yet; down once it has been closed.
 */
public class FastEmbedHealthIndicator extends AbstractHealthIndicator {

    private final TextEmbedding model;

    public FastEmbedHealthIndicator(TextEmbedding model) {
        super("fastembed health check failed");
        this.model = model;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("model", model.description().id())
                .withDetail("dimension", model.dimension())
                .withDetail("device", model.device().name())
                .withDetail("source", model.modelSource())
                .withDetail("loaded", model.isLoaded());
        try {
            model.tokenCount("ok"); // fails once the model is closed
            builder.up();
        } catch (IllegalStateException closed) {
            builder.down().withDetail("reason", closed.getMessage());
        }
    }
}
