package dev.fastembed.spring.boot;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.InputType;
import dev.fastembed.LateInteractionMultimodalEmbedding;
import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.RunSettings;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.springai.FastEmbedBatchingStrategy;
import dev.fastembed.springai.FastEmbedEmbeddingModel;
import dev.fastembed.springai.FastEmbedRerankingPostProcessor;
import dev.fastembed.testing.FixtureFiles;
import dev.fastembed.testing.TinyClipPair;
import dev.fastembed.testing.TinyCrossEncoder;
import dev.fastembed.testing.TinyTextModels;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.rag.Query;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every per-kind property has its effect on the bean it configures ({@code fastembed.text.*},
 * {@code sparse}, {@code rerank}, {@code image}, {@code late-interaction}, {@code multimodal}); the deprecated
 * flat names and old groups still work, and lose to the new ones; the BatchingStrategy bean and the health
 * indicator. Models are the generated ones (lazy where nothing runs), so the contexts start in milliseconds.
 */
class PerKindPropertiesIT {

    @TempDir
    static Path dir;
    static Path tiny;
    static Path reranker;
    static Path clipText;
    static Path clipVision;
    static Path colbert;
    static Path colpali;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FastEmbedAutoConfiguration.class,
                    FastEmbedBatchingAutoConfiguration.class, FastEmbedLangChain4jAutoConfiguration.class,
                    FastEmbedSpringAiAutoConfiguration.class, FastEmbedHealthAutoConfiguration.class))
            .withPropertyValues("fastembed.offline=true");

    @BeforeAll
    static void models() throws IOException {
        tiny = TinyTextModels.writeDense(dir);
        reranker = TinyCrossEncoder.writeTo(dir);
        TinyClipPair clip = TinyClipPair.writeTo(dir);
        clipText = clip.text();
        clipVision = clip.vision();
        colbert = TinyTextModels.writeColbert(dir);
        colpali = dir.resolve("colpali");
        FixtureFiles.copy("/tiny-models/tiny-colpali.onnx", colpali.resolve("model.onnx"));
        Files.write(colpali.resolve("model.onnx_data"), new byte[0]);
        FixtureFiles.copy("/bge-small-en-v1.5-q-tokenizer.json", colpali.resolve("tokenizer.json"));
        Files.writeString(colpali.resolve("preprocessor_config.json"), "{\"image_processor_type\": "
                + "\"SiglipImageProcessor\", \"do_resize\": true, \"size\": {\"height\": 448, \"width\": 448}, "
                + "\"resample\": 3, \"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]}");
    }

    String[] allKinds() {
        return new String[] {
            "fastembed.text.model=" + TinyTextModels.DENSE, "fastembed.text.model-path=" + tiny,
            "fastembed.text.batch-size=8", "fastembed.text.threads=1", "fastembed.text.parallelism=2",
            "fastembed.text.max-batch-tokens=512", "fastembed.text.lazy-load=true",
            "fastembed.sparse.model=Qdrant/bm25", "fastembed.sparse.batch-size=4",
            "fastembed.rerank.model=" + TinyCrossEncoder.MODEL, "fastembed.rerank.model-path=" + reranker,
            "fastembed.rerank.batch-size=3", "fastembed.rerank.scale=sigmoid", "fastembed.rerank.top-k=2",
            "fastembed.rerank.min-score=0.0", "fastembed.rerank.lazy-load=true",
            "fastembed.image.model=" + TinyClipPair.VISION_MODEL, "fastembed.image.model-path=" + clipVision,
            "fastembed.image.batch-size=2", "fastembed.image.device-ids=0,1", "fastembed.image.lazy-load=true",
            "fastembed.late-interaction.model=" + TinyTextModels.COLBERT,
            "fastembed.late-interaction.model-path=" + colbert, "fastembed.late-interaction.batch-size=5",
            "fastembed.late-interaction.parallelism=0", "fastembed.late-interaction.lazy-load=true",
            "fastembed.multimodal.model=Qdrant/colpali-v1.3-fp16", "fastembed.multimodal.model-path=" + colpali,
            "fastembed.multimodal.batch-size=6", "fastembed.multimodal.threads=2",
            "fastembed.multimodal.lazy-load=true"};
    }

    @Test
    void each_kinds_run_settings_reach_its_own_bean_only() {
        runner.withPropertyValues(allKinds()).run(context -> {
            RunSettings text = context.getBean(TextEmbedding.class).runSettings();
            assertThat(text.batchSize()).isEqualTo(8);
            assertThat(text.threads()).isEqualTo(1);
            assertThat(text.parallelism()).isEqualTo(2);
            assertThat(text.maxBatchTokens()).isEqualTo(512);
            assertThat(text.lazyLoad()).isTrue();
            RunSettings sparse = context.getBean(SparseTextEmbedding.class).runSettings();
            assertThat(sparse.batchSize()).isEqualTo(4);
            assertThat(sparse.parallelism()).isNull(); // text's parallelism is text's alone
            assertThat(sparse.lazyLoad()).isFalse();
            TextCrossEncoder rerank = context.getBean(TextCrossEncoder.class);
            assertThat(rerank.runSettings().batchSize()).isEqualTo(3);
            RunSettings image = context.getBean(ImageEmbedding.class).runSettings();
            assertThat(image.batchSize()).isEqualTo(2); // images no longer take the text batch size
            assertThat(image.deviceIds()).containsExactly(0, 1);
            assertThat(text.deviceIds()).isEmpty();
            RunSettings late = context.getBean(LateInteractionTextEmbedding.class).runSettings();
            assertThat(late.batchSize()).isEqualTo(5);
            assertThat(late.parallelism()).isZero();
            RunSettings multimodal = context.getBean(LateInteractionMultimodalEmbedding.class).runSettings();
            assertThat(multimodal.batchSize()).isEqualTo(6);
            assertThat(multimodal.threads()).isEqualTo(2);

            // the re-ranker's scale, top-k and min-score: sigmoid scores, at most 2 kept, none under 0.0 (all)
            assertThat(rerank.rerank("capital of France?", "Paris is the capital of France.")).isBetween(0.0, 1.0);
            List<Document> kept = context.getBean(FastEmbedRerankingPostProcessor.class).process(
                    new Query("capital of France?"), List.of(new Document("Paris is the capital of France."),
                            new Document("Berlin is in Germany."), new Document("France borders Spain.")));
            assertThat(kept).hasSize(2);
            assertThat(kept.get(0).getScore()).isGreaterThanOrEqualTo(kept.get(1).getScore());
            assertThat(context.getBean(TextCrossEncoder.class).description().id()).isEqualTo(TinyCrossEncoder.MODEL);
        });
        runner.withPropertyValues("fastembed.rerank.model=" + TinyCrossEncoder.MODEL,
                "fastembed.rerank.model-path=" + reranker, "fastembed.rerank.min-score=1000").run(context ->
                assertThat(context.getBean(FastEmbedRerankingPostProcessor.class).process(new Query("q"),
                        List.of(new Document("a"), new Document("b")))).isEmpty());
    }

    @Test
    void the_deprecated_flat_names_and_old_groups_still_work_and_lose_to_the_new_ones() {
        runner.withPropertyValues("fastembed.embedding.model=" + TinyTextModels.DENSE,
                "fastembed.embedding.model-path=" + tiny, "fastembed.batch-size=7", "fastembed.lazy-load=true",
                "fastembed.sparse.model=Qdrant/bm25", "fastembed.reranker.model=" + TinyCrossEncoder.MODEL,
                "fastembed.reranker.model-path=" + reranker, "fastembed.reranker.top-k=1").run(context -> {
                    TextEmbedding text = context.getBean(TextEmbedding.class);
                    assertThat(text.description().id()).isEqualTo(TinyTextModels.DENSE);
                    assertThat(text.runSettings().batchSize()).isEqualTo(7);
                    assertThat(text.runSettings().lazyLoad()).isTrue();
                    assertThat(context.getBean(SparseTextEmbedding.class).runSettings().batchSize()).isEqualTo(7);
                    assertThat(context.getBean(FastEmbedRerankingPostProcessor.class).process(new Query("q"),
                            List.of(new Document("a"), new Document("b")))).hasSize(1);
                });
        runner.withPropertyValues("fastembed.embedding.model=BAAI/bge-small-en-v1.5",
                "fastembed.text.model=" + TinyTextModels.DENSE, "fastembed.text.model-path=" + tiny,
                "fastembed.batch-size=7", "fastembed.text.batch-size=9").run(context -> {
                    TextEmbedding text = context.getBean(TextEmbedding.class);
                    assertThat(text.description().id()).isEqualTo(TinyTextModels.DENSE);
                    assertThat(text.runSettings().batchSize()).isEqualTo(9);
                });
    }

    @Test
    void bge_m3_is_off_until_enabled_or_given_a_model() {
        runner.withPropertyValues(allKinds()).run(context -> assertThat(context)
                .doesNotHaveBean(dev.fastembed.BgeM3Embedding.class));
        Path nowhere = dir.resolve("no-bge-m3-here");
        runner.withPropertyValues("fastembed.bge-m3.enabled=true", "fastembed.bge-m3.model-path=" + nowhere)
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining(nowhere.toString()));
        runner.withPropertyValues("fastembed.bge-m3.model-path=" + nowhere, "fastembed.bge-m3.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(dev.fastembed.BgeM3Embedding.class));
    }

    @Test
    void every_kind_has_an_enabled_switch() {
        runner.withPropertyValues("fastembed.text.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(TextEmbedding.class).doesNotHaveBean(BatchingStrategy.class)
                .doesNotHaveBean(FastEmbedHealthIndicator.class));
        runner.withPropertyValues(allKinds()).withPropertyValues("fastembed.sparse.enabled=false",
                "fastembed.rerank.enabled=false", "fastembed.image.enabled=false",
                "fastembed.late-interaction.enabled=false", "fastembed.multimodal.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(TextEmbedding.class)
                        .doesNotHaveBean(SparseTextEmbedding.class).doesNotHaveBean(TextCrossEncoder.class)
                        .doesNotHaveBean(ImageEmbedding.class).doesNotHaveBean(LateInteractionTextEmbedding.class)
                        .doesNotHaveBean(LateInteractionMultimodalEmbedding.class));
    }

    @Test
    void prefixes_dimension_and_metadata_mode_shape_the_text_and_spring_ai_beans() {
        String[] matryoshka = {"fastembed.text.model=" + TinyTextModels.MATRYOSHKA, "fastembed.text.model-path=" + tiny};
        runner.withPropertyValues(matryoshka).withPropertyValues("fastembed.text.dimension=8").run(context -> {
            assertThat(context.getBean(TextEmbedding.class).dimension()).isEqualTo(8);
            assertThat(context.getBean(FastEmbedEmbeddingModel.class).dimensions()).isEqualTo(8);
            assertThat(context.getBean(FastEmbedEmbeddingModel.class).embed("x")).hasSize(8);
            assertThat(context.getBean(TextEmbedding.class).prefixOf(InputType.QUERY)).isEqualTo("query: ");
        });
        runner.withPropertyValues(matryoshka).withPropertyValues("fastembed.text.prefixes=false",
                "fastembed.text.metadata-mode=none").run(context -> {
                    TextEmbedding text = context.getBean(TextEmbedding.class);
                    assertThat(text.prefixOf(InputType.QUERY)).isEmpty();
                    FastEmbedEmbeddingModel springAi = context.getBean(FastEmbedEmbeddingModel.class);
                    assertThat(springAi.embed("x")).containsExactly(text.embed("x"));
                    assertThat(springAi.getEmbeddingContent(new Document("a fox", Map.of("animal", "fox"))))
                            .doesNotContain("animal");
                });
        runner.withPropertyValues(matryoshka).run(context -> assertThat(context.getBean(FastEmbedEmbeddingModel.class)
                .getEmbeddingContent(new Document("a fox", Map.of("animal", "fox")))).contains("animal: fox"));
        runner.withPropertyValues(matryoshka).withPropertyValues("fastembed.text.metadata-mode=everything")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("fastembed.text.metadata-mode must be one of [ALL, EMBED, INFERENCE, NONE]"));
        runner.withPropertyValues(matryoshka).withPropertyValues("fastembed.text.dimension=5")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("[8, 4]"));
    }

    @Test
    void the_batching_strategy_bean_batches_by_the_models_tokens_and_yields_to_the_users() {
        runner.withPropertyValues("fastembed.text.model=" + TinyTextModels.DENSE, "fastembed.text.model-path=" + tiny,
                "fastembed.text.batching-max-tokens=40").run(context -> {
                    BatchingStrategy strategy = context.getBean(BatchingStrategy.class);
                    assertThat(strategy).isInstanceOf(FastEmbedBatchingStrategy.class);
                    String tenWords = String.join(" ", Collections.nCopies(10, "word")); // 12 tokens
                    String huge = String.join(" ", Collections.nCopies(20_000, "word")); // 512 after truncation
                    List<List<Document>> batches = strategy.batch(List.of(new Document(tenWords),
                            new Document(tenWords), new Document(tenWords), new Document(tenWords),
                            new Document(huge)));
                    assertThat(batches).extracting(List::size).containsExactly(3, 1, 1); // 36 | 12 | 512: no throw
                });
        runner.withUserConfiguration(OwnStrategy.class).run(context ->
                assertThat(context.getBean(BatchingStrategy.class)).isSameAs(OwnStrategy.STRATEGY));
    }

    @Test
    void health_reports_every_model_without_loading_a_lazy_one_and_can_be_switched_off() {
        runner.withPropertyValues(allKinds()).run(context -> {
            Health health = context.getBean(FastEmbedHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKeys("text", "sparse", "rerank", "image", "late-interaction",
                    "multimodal");
            @SuppressWarnings("unchecked")
            Map<String, Object> text = (Map<String, Object>) health.getDetails().get("text");
            assertThat(text).containsEntry("model", TinyTextModels.DENSE).containsEntry("loaded", false)
                    .containsEntry("batchSize", 8).containsEntry("parallelism", 2);
            assertThat(String.valueOf(text.get("status"))).contains("not loaded yet");
            for (String kind : List.of("text", "sparse", "rerank", "image", "late-interaction", "multimodal")) {
                assertThat(((Map<?, ?>) health.getDetails().get(kind)).get("device")).as(kind).isEqualTo("CPU");
            }
            assertThat(context.getBean(TextEmbedding.class).isLoaded()).isFalse(); // the probe loaded nothing
            assertThat(context.getBean(LateInteractionMultimodalEmbedding.class).isLoaded()).isFalse();
            context.getBean(ImageEmbedding.class).close();
            Health down = context.getBean(FastEmbedHealthIndicator.class).health(true);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(down.getDetails().get("reason"))).contains("image")
                    .contains(TinyClipPair.VISION_MODEL);
        });
        runner.withPropertyValues("fastembed.text.model=" + TinyTextModels.DENSE, "fastembed.text.model-path=" + tiny,
                "management.health.fastembed.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(TextEmbedding.class).doesNotHaveBean(FastEmbedHealthIndicator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStrategy {
        static final BatchingStrategy STRATEGY = documents -> List.of(documents);

        @Bean
        BatchingStrategy ownBatchingStrategy() {
            return STRATEGY;
        }
    }
}
