package dev.fastembed.spring.boot;

import dev.fastembed.ModelLoadException;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.UnknownModelException;
import dev.fastembed.springai.FastEmbedRerankingPostProcessor;
import dev.fastembed.testing.TinyClipPair;
import dev.fastembed.testing.TinyCrossEncoder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auto-configuration's beans, conditions, properties and failures, in real application contexts. */
class FastEmbedAutoConfigurationIT {

    @TempDir
    static Path dir;
    static Path reranker;
    static Path clipText;
    static Path clipVision;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FastEmbedAutoConfiguration.class,
                    FastEmbedBatchingAutoConfiguration.class, FastEmbedLangChain4jAutoConfiguration.class, FastEmbedSpringAiAutoConfiguration.class,
                    FastEmbedHealthAutoConfiguration.class))
            .withPropertyValues("fastembed.offline=true");

    @BeforeAll
    static void models() throws IOException {
        reranker = TinyCrossEncoder.writeTo(dir);
        TinyClipPair clip = TinyClipPair.writeTo(dir);
        clipText = clip.text();
        clipVision = clip.vision();
    }

    @Test
    void an_image_model_serves_langchain4j_image_content_and_spring_ais_document_model_when_selected() {
        String[] clip = {"fastembed.embedding.model=test/clip-text-512", "fastembed.embedding.model-path=" + clipText,
                "fastembed.image.model=Qdrant/clip-ViT-B-32-vision", "fastembed.image.model-path=" + clipVision};
        runner.withPropertyValues(clip).run(context -> {
            assertThat(context).hasSingleBean(dev.fastembed.ImageEmbedding.class)
                    .doesNotHaveBean(org.springframework.ai.embedding.DocumentEmbeddingModel.class); // not selected
            assertThat(context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class).supportedContentTypes())
                    .contains(dev.langchain4j.data.message.ContentType.IMAGE);
        });
        runner.withPropertyValues(clip).withPropertyValues("spring.ai.model.embedding.multimodal=fastembed")
                .run(context -> assertThat(context)
                        .hasSingleBean(org.springframework.ai.embedding.DocumentEmbeddingModel.class));
    }

    @Test
    void lazy_load_defers_the_session_until_first_use() {
        runner.withPropertyValues("fastembed.lazy-load=true", "fastembed.threads=1").run(context -> {
            TextEmbedding model = context.getBean(TextEmbedding.class);
            assertThat(model.isLoaded()).isFalse();
            model.embed("now");
            assertThat(model.isLoaded()).isTrue();
        });
    }

    @Test
    void by_default_the_default_model_serves_core_langchain4j_and_spring_ai() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TextEmbedding.class)
                    .hasSingleBean(dev.langchain4j.model.embedding.EmbeddingModel.class)
                    .hasSingleBean(org.springframework.ai.embedding.EmbeddingModel.class)
                    .doesNotHaveBean(SparseTextEmbedding.class)
                    .doesNotHaveBean(TextCrossEncoder.class)
                    .doesNotHaveBean(dev.langchain4j.model.scoring.ScoringModel.class);
            assertThat(context.getBean(TextEmbedding.class).description().id()).isEqualTo("BAAI/bge-small-en-v1.5");
            assertThat(context.getBean(org.springframework.ai.embedding.EmbeddingModel.class).dimensions()).isEqualTo(384);
            assertThat(context.getBean(dev.langchain4j.model.embedding.EmbeddingModel.class).embed("hi").content()
                    .dimension()).isEqualTo(384);
        });
    }

    @Test
    void the_health_indicator_reports_model_dimension_and_device_and_is_absent_without_actuator() {
        runner.run(context -> {
            org.springframework.boot.health.contributor.Health health = context.getBean(FastEmbedHealthIndicator.class)
                    .health(true);
            assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> text = (java.util.Map<String, Object>) health.getDetails().get("text");
            assertThat(text).containsEntry("model", "BAAI/bge-small-en-v1.5")
                    .containsEntry("dimension", 384).containsEntry("device", "CPU").containsEntry("loaded", true);
            context.getBean(TextEmbedding.class).close();
            assertThat(context.getBean(FastEmbedHealthIndicator.class).health(true).getStatus())
                    .isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
        });
        runner.withClassLoader(new FilteredClassLoader(org.springframework.boot.health.contributor.HealthIndicator.class))
                .run(context -> assertThat(context).hasSingleBean(TextEmbedding.class)
                        .doesNotHaveBean(FastEmbedHealthIndicator.class));
    }

    @Test
    void each_framework_is_wired_only_when_it_is_on_the_classpath() {
        runner.withClassLoader(new FilteredClassLoader(dev.langchain4j.model.embedding.EmbeddingModel.class))
                .run(context -> assertThat(context).hasSingleBean(TextEmbedding.class)
                        .doesNotHaveBean("fastEmbedLangChain4jEmbeddingModel")
                        .hasSingleBean(org.springframework.ai.embedding.EmbeddingModel.class));
        runner.withClassLoader(new FilteredClassLoader(org.springframework.ai.embedding.EmbeddingModel.class))
                .run(context -> assertThat(context).hasSingleBean(TextEmbedding.class)
                        .hasBean("fastEmbedLangChain4jEmbeddingModel")
                        .doesNotHaveBean("fastEmbedSpringAiEmbeddingModel"));
        runner.withClassLoader(new FilteredClassLoader(dev.langchain4j.model.embedding.EmbeddingModel.class,
                org.springframework.ai.embedding.EmbeddingModel.class))
                .run(context -> assertThat(context).hasSingleBean(TextEmbedding.class)
                        .doesNotHaveBean("fastEmbedLangChain4jEmbeddingModel")
                        .doesNotHaveBean("fastEmbedSpringAiEmbeddingModel"));
    }

    @Test
    void spring_ai_selection_and_the_enabled_switch_are_honoured() {
        runner.withPropertyValues("spring.ai.model.embedding=none").run(context -> assertThat(context)
                .hasSingleBean(TextEmbedding.class).doesNotHaveBean("fastEmbedSpringAiEmbeddingModel"));
        runner.withPropertyValues("spring.ai.model.embedding=fastembed").run(context -> assertThat(context)
                .hasBean("fastEmbedSpringAiEmbeddingModel"));
        runner.withPropertyValues("fastembed.embedding.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(TextEmbedding.class).doesNotHaveBean("fastEmbedLangChain4jEmbeddingModel")
                .doesNotHaveBean("fastEmbedSpringAiEmbeddingModel"));
    }

    @Test
    void sparse_and_reranker_models_load_when_configured_with_their_adapters() {
        runner.withPropertyValues("fastembed.sparse.model=Qdrant/bm25", "fastembed.reranker.model=Xenova/ms-marco-MiniLM-L-6-v2",
                "fastembed.reranker.model-path=" + reranker, "fastembed.reranker.scale=sigmoid",
                "fastembed.reranker.top-k=2", "fastembed.batch-size=8", "fastembed.parallelism=2")
                .run(context -> {
                    assertThat(context).hasSingleBean(SparseTextEmbedding.class).hasSingleBean(TextCrossEncoder.class)
                            .hasSingleBean(dev.langchain4j.model.scoring.ScoringModel.class)
                            .hasSingleBean(FastEmbedRerankingPostProcessor.class);
                    assertThat(context.getBean(SparseTextEmbedding.class).embed("Hello World").size()).isEqualTo(2);
                    double score = context.getBean(dev.langchain4j.model.scoring.ScoringModel.class)
                            .score("Paris is the capital of France.", "capital of France?").content();
                    assertThat(score).isBetween(0.0, 1.0);
                });
    }

    @Test
    void a_bean_of_the_users_own_wins_and_beans_close_with_the_context() {
        AtomicReference<TextEmbedding> created = new AtomicReference<>();
        runner.withUserConfiguration(OwnModel.class).run(context -> {
            assertThat(context).hasSingleBean(TextEmbedding.class);
            assertThat(context.getBean(TextEmbedding.class)).isSameAs(OwnModel.MODEL);
        });
        runner.run(context -> created.set(context.getBean(TextEmbedding.class)));
        assertThatThrownBy(() -> created.get().embed("after close")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wrong_settings_stop_startup_with_an_analysis_that_says_what_to_change() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        assertFailure("fastembed.embedding.model=BAAI/bge-smal-en-v1.5", UnknownModelException.class,
                "BAAI/bge-small-en-v1.5");
        assertFailure("fastembed.batch-size=0", IllegalArgumentException.class, "batchSize");
        assertFailure("fastembed.device=cuda", ModelLoadException.class, "CUDA");
        assertFailure("fastembed.cache-dir=" + notADirectory, ModelLoadException.class, "cacheDir");
        assertFailure("fastembed.hub.endpoint=ftp://mirror.example", IllegalArgumentException.class, "http(s)");
        assertFailure("fastembed.hub.revision= ", IllegalArgumentException.class, "revision");
    }

    private void assertFailure(String property, Class<? extends Throwable> type, String inMessage) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            boolean inChain = false;
            for (Throwable t = failure; t != null; t = t.getCause()) {
                inChain |= type.isInstance(t);
            }
            assertThat(inChain).as(property + " fails with a " + type.getSimpleName()).isTrue();
            BeanCreationException creation = find(failure);
            org.springframework.core.env.StandardEnvironment environment = new org.springframework.core.env.StandardEnvironment();
            String[] keyValue = property.split("=", 2);
            environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test",
                    java.util.Map.of(keyValue[0], keyValue[1])));
            FailureAnalysis analysis = new FastEmbedFailureAnalyzer(environment).analyze(failure);
            assertThat(creation).isNotNull();
            assertThat(analysis).as(property).isNotNull();
            assertThat(analysis.getDescription()).contains("fastembed could not start").contains(inMessage);
            assertThat(analysis.getAction()).as(property).contains(keyValue[0]); // the property that holds it
        });
    }

    private static BeanCreationException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BeanCreationException creation) {
                return creation;
            }
        }
        return null;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnModel {
        static final TextEmbedding MODEL = TextEmbedding.builder().offline(true).lazyLoad(true).build();

        @Bean
        TextEmbedding myModel() {
            return MODEL;
        }
    }
}
