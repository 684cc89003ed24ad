package dev.fastembed.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fastembed.ModelLoadException;
import dev.fastembed.ModelNotFoundException;
import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A cache that heals itself, and external data through every cache layout, on the loopback hub. The model is the
 * generated tiny encoder, once with its weights inside {@code model.onnx} and once with them in a separate
 * {@code model.onnx_data} (make_external_data_model.py): both must give the same vectors from any layout.
 */
class CacheHealingIT {

    static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";
    static final String INLINE = "test/heal-tiny";
    static final String INLINE_REPO = "test-org/heal-tiny";
    static final String EXTERNAL = "test/heal-tiny-external";
    static final String EXTERNAL_REPO = "test-org/heal-tiny-external";
    static final String TEXT = "a cached model heals itself";

    static byte[] inlineModel;
    static byte[] externalModel;
    static byte[] externalData;
    static byte[] tokenizer;
    /** The vector of TEXT from the single-file model loaded from a plain folder: what every layout must give. */
    static float[] reference;

    FakeHub hub;
    @TempDir
    Path cache;

    @BeforeAll
    static void models(@TempDir Path plain) throws IOException {
        inlineModel = resource("tiny-models/tiny-encoder.onnx");
        externalModel = resource("tiny-models/external/model.onnx");
        externalData = resource("tiny-models/external/model.onnx_data");
        tokenizer = resource("bge-small-en-v1.5-tokenizer.json");
        register(INLINE, INLINE_REPO, List.of());
        register(EXTERNAL, EXTERNAL_REPO, List.of("onnx/model.onnx_data"));
        Files.write(plain.resolve("model.onnx"), inlineModel);
        Files.write(plain.resolve("tokenizer.json"), tokenizer);
        try (TextEmbedding model = TextEmbedding.builder().model(INLINE).modelPath(plain).build()) {
            reference = model.embed(TEXT);
        }
    }

    static void register(String id, String repo, List<String> additional) {
        if (ModelCatalog.denseTextModels().stream().noneMatch(m -> m.id().equals(id))) {
            ModelCatalog.addDenseTextModel(ModelDescription.builder(id).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("onnx/model.onnx").additionalFiles(additional).maxLength(512)
                    .source(ModelSource.huggingFace(repo)).build());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CacheHealingIT.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub();
        Map<String, FakeHub.File> inline = new LinkedHashMap<>();
        inline.put("onnx/model.onnx", new FakeHub.File(inlineModel, true));
        inline.put("tokenizer.json", new FakeHub.File(tokenizer, false));
        hub.addRepo(INLINE_REPO, SHA, inline);
        Map<String, FakeHub.File> external = new LinkedHashMap<>();
        external.put("onnx/model.onnx", new FakeHub.File(externalModel, true));
        external.put("onnx/model.onnx_data", new FakeHub.File(externalData, true));
        external.put("tokenizer.json", new FakeHub.File(tokenizer, false));
        hub.addRepo(EXTERNAL_REPO, SHA, external);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    TextEmbedding load(String id, boolean offline) {
        return TextEmbedding.builder().model(id).cacheDir(cache).offline(offline).hub(HuggingFaceHub.builder(Map.of())
                .endpoint(hub.endpoint()).backoff(Duration.ofMillis(20)).readTimeout(Duration.ofSeconds(5)).build())
                .build();
    }

    float[] embed(String id, boolean offline) {
        try (TextEmbedding model = load(id, offline)) {
            return model.embed(TEXT);
        }
    }

    Path snapshot(String repo) {
        return cache.resolve("models--" + repo.replace("/", "--")).resolve("snapshots").resolve(SHA);
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file.toRealPath(), StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    @Test
    void a_model_file_cut_short_is_named_offline_and_fetched_again_online() throws IOException {
        assertThat(embed(INLINE, false)).containsExactly(reference);
        Path model = snapshot(INLINE_REPO).resolve("onnx/model.onnx");
        truncate(model, inlineModel.length / 2);

        assertThatThrownBy(() -> load(INLINE, true)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("The cached files of " + INLINE + " are damaged: onnx/model.onnx")
                .hasMessageContaining(inlineModel.length / 2 + " bytes")
                .hasMessageContaining("Delete " + model.toRealPath())
                .hasMessageContaining("load the model once online");

        long fetched = hub.count(FakeHub.sha256(inlineModel));
        assertThat(embed(INLINE, false)).containsExactly(reference);
        assertThat(hub.count(FakeHub.sha256(inlineModel))).isEqualTo(fetched + 1);
        assertThat(Files.readAllBytes(model)).isEqualTo(inlineModel);
        assertThat(embed(INLINE, true)).containsExactly(reference); // healed for good: offline loads again
    }

    @Test
    void a_small_file_with_other_bytes_of_the_same_size_is_fetched_again() throws IOException {
        embed(INLINE, false);
        Path tokenizerFile = snapshot(INLINE_REPO).resolve("tokenizer.json").toRealPath();
        byte[] damaged = tokenizer.clone();
        damaged[10] ^= 1;
        Files.write(tokenizerFile, damaged);

        assertThatThrownBy(() -> load(INLINE, true)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("git sha1");
        assertThat(embed(INLINE, false)).containsExactly(reference);
        assertThat(Files.readAllBytes(tokenizerFile)).isEqualTo(tokenizer);
    }

    @Test
    void a_stale_cached_revision_loads_as_it_is_while_the_hub_has_moved_on() throws IOException {
        // fastembed #780: a cached revision older than the hub's main failed verification against the new one.
        // Here the cache is checked against its own blobs only, so the cached snapshot loads, with no download.
        assertThat(embed(INLINE, false)).containsExactly(reference);
        byte[] newer = java.util.Arrays.copyOf(inlineModel, inlineModel.length + 64); // another size and digest
        Map<String, FakeHub.File> moved = new LinkedHashMap<>();
        moved.put("onnx/model.onnx", new FakeHub.File(newer, true));
        moved.put("tokenizer.json", new FakeHub.File(tokenizer, false));
        hub.addRepo(INLINE_REPO, "fedcba9876543210fedcba9876543210fedcba98", moved);

        assertThat(embed(INLINE, false)).containsExactly(reference);
        assertThat(hub.count(FakeHub.sha256(newer))).isZero();
        assertThat(Files.readString(cache.resolve("models--" + INLINE_REPO.replace("/", "--")).resolve("refs/main"))
                .strip()).isEqualTo(SHA);
    }

    @Test
    void a_missing_ref_says_what_is_missing_and_how_to_repair_it() throws IOException {
        embed(INLINE, false);
        Path ref = cache.resolve("models--test-org--heal-tiny/refs/main");
        Files.delete(ref);

        assertThatThrownBy(() -> load(INLINE, true)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("the ref " + ref + " that names revision main's snapshot is missing, though "
                        + "snapshot " + SHA + " exists")
                .hasMessageContaining("printf " + SHA + " > " + ref);

        Files.writeString(ref, SHA); // the repair the message gives
        assertThat(embed(INLINE, true)).containsExactly(reference);

        Files.delete(ref);
        long fetched = hub.count(FakeHub.sha256(inlineModel));
        assertThat(embed(INLINE, false)).containsExactly(reference); // online: the ref is fetched, no blob is
        assertThat(Files.readString(ref)).isEqualTo(SHA);
        assertThat(hub.count(FakeHub.sha256(inlineModel))).isEqualTo(fetched);
    }

    @Test
    void two_loaders_healing_the_same_cache_at_once_fetch_once_and_leave_it_intact() throws Exception {
        embed(INLINE, false);
        Path model = snapshot(INLINE_REPO).resolve("onnx/model.onnx");
        truncate(model, 100);
        long fetched = hub.count(FakeHub.sha256(inlineModel));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<float[]> heal = () -> embed(INLINE, false);
            List<Future<float[]>> both = List.of(pool.submit(heal), pool.submit(heal));
            for (Future<float[]> vector : both) {
                assertThat(vector.get()).containsExactly(reference);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.count(FakeHub.sha256(inlineModel))).isEqualTo(fetched + 1);
        assertThat(Files.readAllBytes(model)).isEqualTo(inlineModel);
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".incomplete") || p.endsWith(".tmp"));
        }
    }

    @Test
    void external_data_downloaded_into_our_cache_loads_through_its_symlinks() throws IOException {
        assertThat(embed(EXTERNAL, false)).containsExactly(reference);
        Path snapshot = snapshot(EXTERNAL_REPO);
        assertThat(Files.isSymbolicLink(snapshot.resolve("onnx/model.onnx_data"))).isTrue();
        assertThat(cache.resolve("models--test-org--heal-tiny-external/onnx_snapshots")).doesNotExist();
    }

    @Test
    void external_data_loads_from_a_cache_of_copies_with_no_symlinks() throws IOException {
        embed(EXTERNAL, false);
        Path repo = cache.resolve("models--test-org--heal-tiny-external");
        List<Path> links;
        try (Stream<Path> files = Files.walk(snapshot(EXTERNAL_REPO))) {
            links = files.filter(Files::isSymbolicLink).toList();
        }
        for (Path link : links) { // what huggingface_hub and we write where the file system has no symlinks
            byte[] bytes = Files.readAllBytes(link);
            Files.delete(link);
            Files.write(link, bytes);
        }
        deleteTree(repo.resolve("blobs"));
        assertThat(embed(EXTERNAL, true)).containsExactly(reference);
    }

    @Test
    void external_data_in_a_shared_sharded_blob_store_loads_from_hard_links_beside_the_model() throws IOException {
        // huggingface_hub 1.32 and later: snapshots link into one blob store for the whole cache, sharded by
        // hash, so model.onnx and model.onnx_data resolve into different folders, which ONNX Runtime refuses.
        Path repo = cache.resolve("models--test-org--heal-tiny-external");
        Path snapshot = repo.resolve("snapshots").resolve(SHA);
        Map<String, byte[]> files = Map.of("onnx/model.onnx", externalModel, "onnx/model.onnx_data", externalData,
                "tokenizer.json", tokenizer);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String hash = FakeHub.sha256(file.getValue());
            Path blob = cache.resolve("blobs/sha256").resolve(hash.substring(0, 2)).resolve(hash);
            Files.createDirectories(blob.getParent());
            Files.write(blob, file.getValue());
            Path entry = snapshot.resolve(file.getKey());
            Files.createDirectories(entry.getParent());
            Files.createSymbolicLink(entry, entry.getParent().relativize(blob));
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), SHA);
        Path stale = Files.createDirectories(repo.resolve("onnx_snapshots/0000000000000000000000000000000000000000"));

        try (TextEmbedding model = load(EXTERNAL, true)) {
            assertThat(model.embed(TEXT)).containsExactly(reference);
            assertThat(model.modelSource()).contains("hard-linked into " + repo.resolve("onnx_snapshots").resolve(SHA));
        }
        Path linked = repo.resolve("onnx_snapshots").resolve(SHA).resolve("onnx/model.onnx_data");
        assertThat(Files.isSameFile(linked, snapshot.resolve("onnx/model.onnx_data"))).isTrue(); // a link, no copy
        assertThat(stale).doesNotExist();
        assertThat(embed(EXTERNAL, true)).containsExactly(reference); // the links are reused
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> tree = Files.walk(root)) {
            paths = new ArrayList<>(tree.toList());
        }
        paths.sort((a, b) -> b.getNameCount() - a.getNameCount());
        for (Path path : paths) {
            try {
                Files.delete(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
