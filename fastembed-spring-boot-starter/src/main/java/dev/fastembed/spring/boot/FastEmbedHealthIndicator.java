package dev.fastembed.spring.boot;

import dev.fastembed.BgeM3Embedding;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.LateInteractionMultimodalEmbedding;
import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.RunSettings;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Actuator health of every fastembed model in the context: per kind its id, where its files came from, whether
 * its session is loaded yet and how it runs (device, batch size, threads, parallelism, device ids). A probe never loads a
 * lazy model: it reports {@code "loaded": false} ("not loaded yet") instead of opening a session of gigabytes.
 * Up while every model is open; down, naming the model, once one has been closed.
 */
public class FastEmbedHealthIndicator extends AbstractHealthIndicator {

    /** What the indicator reads of one model, without loading it. */
    record Probe(String kind, String model, Supplier<String> source, BooleanSupplier loaded, BooleanSupplier closed,
            Supplier<RunSettings> settings, Map<String, Object> extra, Supplier<String> device) {
    }

    private final List<Probe> probes;

    public FastEmbedHealthIndicator(List<Probe> probes) {
        super("fastembed health check failed");
        this.probes = List.copyOf(probes);
    }

    /** Probes of the models given; nulls (kinds not configured) are left out. */
    static List<Probe> probes(TextEmbedding text, SparseTextEmbedding sparse, TextCrossEncoder rerank,
            ImageEmbedding image, LateInteractionTextEmbedding lateInteraction,
            LateInteractionMultimodalEmbedding multimodal, BgeM3Embedding bgeM3) {
        List<Probe> probes = new ArrayList<>();
        if (text != null) {
            probes.add(new Probe("text", text.description().id(), text::modelSource, text::isLoaded, text::isClosed,
                    text::runSettings, Map.of("dimension", text.dimension()), () -> text.device().name()));
        }
        if (sparse != null) {
            probes.add(new Probe("sparse", sparse.description().id(), sparse::modelSource, sparse::isLoaded,
                    sparse::isClosed, sparse::runSettings, Map.of(), () -> sparse.device().name()));
        }
        if (rerank != null) {
            probes.add(new Probe("rerank", rerank.description().id(), rerank::modelSource, rerank::isLoaded,
                    rerank::isClosed, rerank::runSettings, Map.of(), () -> rerank.device().name()));
        }
        if (image != null) {
            probes.add(new Probe("image", image.description().id(), image::modelSource, image::isLoaded,
                    image::isClosed, image::runSettings, Map.of("dimension", image.dimension()),
                    () -> image.device().name()));
        }
        if (lateInteraction != null) {
            probes.add(new Probe("late-interaction", lateInteraction.description().id(), lateInteraction::modelSource,
                    lateInteraction::isLoaded, lateInteraction::isClosed, lateInteraction::runSettings,
                    Map.of("dimension", lateInteraction.dimension()), () -> lateInteraction.device().name()));
        }
        if (multimodal != null) {
            probes.add(new Probe("multimodal", multimodal.description().id(), multimodal::modelSource,
                    multimodal::isLoaded, multimodal::isClosed, multimodal::runSettings, Map.of(),
                    () -> multimodal.device().name()));
        }
        if (bgeM3 != null) {
            probes.add(new Probe("bge-m3", bgeM3.description().id(), bgeM3::modelSource, bgeM3::isLoaded,
                    bgeM3::isClosed, bgeM3::runSettings, Map.of("dimension", bgeM3.dimension()),
                    () -> bgeM3.device().name()));
        }
        return probes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> closed = new ArrayList<>();
        for (Probe probe : probes) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("model", probe.model());
            details.put("source", probe.source().get());
            boolean loaded = probe.loaded().getAsBoolean();
            details.put("loaded", loaded);
            if (!loaded) {
                details.put("status", "not loaded yet (lazy load: the first call loads it)");
            }
            details.putAll(probe.extra());
            // the device its session was built on (CUDA only when ONNX Runtime loaded the provider), else the next
            details.put("device", probe.device().get());
            RunSettings settings = probe.settings().get();
            details.put("batchSize", settings.batchSize());
            details.put("threads", settings.threads() == null ? "default" : settings.threads());
            details.put("parallelism", settings.parallelism() == null ? "in the caller" : settings.parallelism());
            details.put("deviceIds", settings.deviceIds());
            if (probe.closed().getAsBoolean()) {
                details.put("status", "closed");
                closed.add(probe.kind() + " (" + probe.model() + ")");
            }
            builder.withDetail(probe.kind(), details);
        }
        if (closed.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "closed: " + String.join(", ", closed));
        }
    }
}
