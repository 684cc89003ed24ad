package dev.fastembed.hub;

import dev.fastembed.hub.internal.ClasspathBundles;
import dev.fastembed.hub.internal.HubAccess;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.hub.internal.ModelResolver;
import dev.fastembed.ModelNotFoundException;
import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ClasspathBundle;
import dev.fastembed.model.ModelCatalog;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelFileSet;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Model downloads against a hub on loopback that serves the real bge-small-en-v1.5 int8 files from
 * LangChain4j's jar and misbehaves on demand. This class runs in its own failsafe execution with
 * HF_HUB_OFFLINE unset; every request goes to 127.0.0.1 or localhost.
 */
class HuggingFaceHubIT {

    static final String REPO = "test-org/bge-small-q";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final String MODEL_FILE = "onnx/model.onnx";
    static final String MODEL_ID = "test/hub-bge-small-q";

    static byte[] onnx;
    static byte[] tokenizer;

    FakeHub hub;
    @TempDir
    Path cache;

    @BeforeAll
    static void readRealModel(@TempDir Path extracted) throws IOException {
        ClasspathBundle bundle = ModelCatalog.denseTextModel("BAAI/bge-small-en-v1.5").bundles().get(0);
        ModelFiles files = ClasspathBundles.materialize(bundle, extracted).orElseThrow();
        onnx = Files.readAllBytes(files.model());
        tokenizer = Files.readAllBytes(files.tokenizer());
        if (ModelCatalog.denseTextModels().stream().noneMatch(m -> m.id().equals(MODEL_ID))) {
            ModelCatalog.addDenseTextModel(ModelDescription.builder(MODEL_ID).dimension(384).pooling(Pooling.CLS)
                    .normalize(true).modelFile(MODEL_FILE).maxLength(512).source(ModelSource.huggingFace(REPO))
                    .build());
        }
    }

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub();
        Map<String, FakeHub.File> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, new FakeHub.File(onnx, true));
        files.put("onnx/model_fp16.onnx", new FakeHub.File(new byte[4096], true)); // not wanted
        files.put("tokenizer.json", new FakeHub.File(tokenizer, false));
        files.put("config.json", text("{\"model_type\": \"bert\", \"pad_token_id\": 0}"));
        files.put("tokenizer_config.json", text("{\"model_max_length\": 512, \"do_lower_case\": true}"));
        files.put("special_tokens_map.json", text("{\"pad_token\": \"[PAD]\"}"));
        files.put("README.md", text("# not wanted"));
        hub.addRepo(REPO, SHA, files);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    static FakeHub.File text(String content) {
        return new FakeHub.File(content.getBytes(StandardCharsets.UTF_8), false);
    }

    HuggingFaceHub.Builder client() {
        return HuggingFaceHub.builder(Map.of()).endpoint(hub.endpoint()).backoff(Duration.ofMillis(20))
                .readTimeout(Duration.ofSeconds(5));
    }

    static ModelFileSet model() {
        return ModelCatalog.denseTextModel(MODEL_ID).fileSet();
    }

    ModelFiles download(HuggingFaceHub client) throws IOException {
        return HubAccess.downloader(client).download(model(), cache, "main", DownloadListener.NONE);
    }

    Path repoDir() {
        return cache.resolve("models--test-org--bge-small-q");
    }

    @Test
    void downloads_only_the_files_the_model_needs_into_the_huggingface_hub_layout() throws IOException {
        ModelFiles files = download(client().build());

        Path snapshot = repoDir().resolve("snapshots").resolve(SHA);
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(SHA); // no newline, as huggingface_hub
        assertThat(files.model()).isEqualTo(snapshot.resolve(MODEL_FILE));
        assertThat(Files.isSymbolicLink(snapshot.resolve(MODEL_FILE))).isTrue();
        assertThat(Files.readSymbolicLink(snapshot.resolve(MODEL_FILE)).toString())
                .isEqualTo("../../../blobs/" + FakeHub.sha256(onnx)); // relative, as huggingface_hub links
        assertThat(Files.readSymbolicLink(snapshot.resolve("config.json")).toString())
                .isEqualTo("../../blobs/" + FakeHub.gitSha1("{\"model_type\": \"bert\", \"pad_token_id\": 0}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertThat(files.tokenizerConfig()).isNotNull();
        try (Stream<Path> all = Files.walk(snapshot)) {
            assertThat(all.filter(p -> !Files.isDirectory(p)).map(p -> snapshot.relativize(p).toString()).sorted())
                    .containsExactly("config.json", MODEL_FILE, "special_tokens_map.json", "tokenizer.json",
                            "tokenizer_config.json");
        }
        assertThat(hub.count("model_fp16")).isZero();
        assertThat(hub.count("README")).isZero();
        assertNothingPartial();
    }

    @Test
    void an_embedding_model_downloads_once_then_loads_from_the_cache_with_zero_requests() {
        List<String> progress = new ArrayList<>();
        float[] first;
        try (TextEmbedding model = TextEmbedding.builder().model(MODEL_ID).cacheDir(cache).hub(client().build())
                .downloadListener((file, done, total) -> {
                    if (done == total) {
                        progress.add(file);
                    }
                }).build()) {
            first = model.embed("a downloaded model embeds");
        }
        assertThat(progress).contains(MODEL_FILE, "tokenizer.json");
        int requests = hub.requests().size();
        try (TextEmbedding again = TextEmbedding.builder().model(MODEL_ID).cacheDir(cache).hub(client().build())
                .build()) {
            assertThat(again.embed("a downloaded model embeds")).containsExactly(first);
        }
        assertThat(hub.requests()).hasSize(requests); // cache first, even online
        try (TextEmbedding bundled = TextEmbedding.builder().model("BAAI/bge-small-en-v1.5").cacheDir(cache)
                .offline(true).build()) {
            assertThat(bundled.embed("a downloaded model embeds")).containsExactly(first); // same bytes, same vector
        }
    }

    @Test
    void offline_mode_sends_no_request_and_says_how_to_get_the_model() {
        assertThatThrownBy(() -> TextEmbedding.builder().model(MODEL_ID).cacheDir(cache).hub(client().build())
                .offline(true).build())
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("offline mode")
                .hasMessageContaining("go online once")
                .hasMessageContaining("modelPath(...)");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void server_errors_are_retried_with_backoff() throws IOException {
        hub.fail("/revision/", FakeHub.Fault.SERVER_ERROR, FakeHub.Fault.SERVER_ERROR);
        hub.fail("/tree/", FakeHub.Fault.SERVER_ERROR);
        download(client().build());
        assertThat(hub.count("/revision/")).isEqualTo(3);
        assertThat(hub.count("/tree/")).isEqualTo(2);
    }

    @Test
    void a_429_waits_as_long_as_retry_after_says() throws IOException {
        hub.retryAfterSeconds(1);
        hub.fail("/revision/", FakeHub.Fault.TOO_MANY_REQUESTS);
        long start = System.nanoTime();
        download(client().build()); // backoff is 20 ms: only Retry-After explains a 1 s wait
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(hub.count("/revision/")).isEqualTo(2);
    }

    @Test
    void a_connection_cut_mid_file_resumes_with_a_range_request() throws IOException {
        hub.fail("/resolve/" + SHA + "/onnx/model.onnx", FakeHub.Fault.CUT);
        ModelFiles files = download(client().build());
        List<FakeHub.Request> cdn = hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")).toList();
        assertThat(cdn).hasSize(2);
        assertThat(cdn.get(0).range()).isNull();
        assertThat(cdn.get(1).range()).matches("bytes=[1-9][0-9]*-");
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertNothingPartial();
    }

    @Test
    void an_interrupted_download_resumes_in_the_next_run_from_the_partial_blob() throws IOException {
        hub.fail("/cdn/", FakeHub.Fault.CUT, FakeHub.Fault.CUT);
        assertThatThrownBy(() -> download(client().attempts(2).build()))
                .isInstanceOf(IOException.class).hasMessageContaining("onnx/model.onnx");
        Path partial = repoDir().resolve("blobs").resolve(FakeHub.sha256(onnx) + ".incomplete");
        assertThat(partial).exists();
        assertThat(repoDir().resolve("refs/main")).doesNotExist();
        assertThat(repoDir().resolve("snapshots").resolve(SHA).resolve(MODEL_FILE)).doesNotExist();
        long before = Files.size(partial);

        ModelFiles files = download(client().build());
        FakeHub.Request last = hub.requests().stream().filter(r -> r.path().startsWith("/cdn/"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(last.range()).isEqualTo("bytes=" + before + "-");
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertNothingPartial();
    }

    @Test
    void wrong_bytes_are_deleted_and_downloaded_again() throws IOException {
        hub.fail("/cdn/", FakeHub.Fault.WRONG_BYTES);
        hub.fail("/resolve/" + SHA + "/tokenizer.json", FakeHub.Fault.WRONG_BYTES);
        ModelFiles files = download(client().build());
        assertThat(hub.count("/cdn/")).isEqualTo(2);
        assertThat(hub.count("/resolve/" + SHA + "/tokenizer.json")).isEqualTo(2);
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertThat(Files.readAllBytes(files.tokenizer())).isEqualTo(tokenizer);
        assertNothingPartial();
    }

    @Test
    void bytes_that_stay_wrong_fail_and_leave_no_file_at_a_final_path() throws IOException {
        hub.fail("/cdn/", FakeHub.Fault.WRONG_BYTES, FakeHub.Fault.WRONG_BYTES);
        assertThatThrownBy(() -> download(client().attempts(2).build()))
                .isInstanceOf(IOException.class).hasMessageContaining("do not match the hub's sha256");
        assertThat(repoDir().resolve("blobs").resolve(FakeHub.sha256(onnx))).doesNotExist();
        assertThat(repoDir().resolve("snapshots").resolve(SHA).resolve(MODEL_FILE)).doesNotExist();
        assertThat(repoDir().resolve("refs/main")).doesNotExist();
        assertNothingPartial();
    }

    @Test
    void a_slow_body_completes_and_a_stalled_one_is_abandoned_and_resumed() throws IOException {
        hub.fail("/resolve/" + SHA + "/tokenizer.json", FakeHub.Fault.SLOW);
        hub.stallMillis(3_000);
        hub.fail("/cdn/", FakeHub.Fault.STALL);
        ModelFiles files = download(client().readTimeout(Duration.ofMillis(700)).build());
        assertThat(hub.count("/cdn/")).isEqualTo(2);
        assertThat(hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")).toList().get(1).range())
                .isEqualTo("bytes=65536-");
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertThat(Files.readAllBytes(files.tokenizer())).isEqualTo(tokenizer);
    }

    @Test
    void a_missing_repository_fails_at_once_naming_it_and_the_remedies() {
        ModelFileSet missing = new ModelFileSet("test/missing", ModelSource.huggingFace("test-org/missing"),
                MODEL_FILE, List.of(), List.of());
        assertThatThrownBy(() -> HubAccess.downloader(client().build()).download(missing, cache, "main", DownloadListener.NONE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("test-org/missing")
                .hasMessageContaining("modelPath(...)");
        assertThat(hub.requests()).hasSize(1); // no retries
    }

    @Test
    void an_unreachable_hub_fails_at_once_and_points_to_offline_mode() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HuggingFaceHub unreachable = HuggingFaceHub.builder(Map.of())
                .endpoint(java.net.URI.create("http://127.0.0.1:" + closedPort)).backoff(Duration.ofSeconds(30)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ModelResolver(HubAccess.downloader(unreachable)).resolve(model(), null, cache, false, "main",
                DownloadListener.NONE))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("download failed: cannot reach 127.0.0.1:" + closedPort + " (ConnectException")
                .hasMessageContaining("HF_HUB_OFFLINE")
                .hasMessageNotContaining("null");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20)); // no 30 s backoff
    }

    @Test
    void a_gated_repository_asks_for_a_token_and_the_token_never_reaches_another_host() throws IOException {
        hub.requireToken("hf_secret");
        assertThatThrownBy(() -> download(client().build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("HF_TOKEN")
                .hasMessageContaining("Access to this repository is restricted")
                .hasMessageNotContaining("hf_secret");
        assertThat(hub.requests()).hasSize(1);

        ModelFiles files = download(client().token("hf_secret").build());
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertThat(hub.requests().stream().filter(r -> r.path().contains("/resolve/")))
                .allMatch(r -> "Bearer hf_secret".equals(r.authorization()));
        assertThat(hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")))
                .isNotEmpty().allMatch(r -> r.authorization() == null); // redirected to localhost: another host
        assertThat(client().token("hf_secret").build().toString()).doesNotContain("hf_secret");
    }

    @Test
    void a_paged_file_list_is_followed_to_the_end() throws IOException {
        hub.treePageSize(2);
        ModelFiles files = download(client().build());
        assertThat(hub.count("/tree/")).isEqualTo(4); // 7 files, 2 a page
        assertThat(files.configFile()).isPresent();
    }

    @Test
    void two_concurrent_loaders_download_each_file_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<ModelFiles> load = () -> new ModelResolver(HubAccess.downloader(client().build())).resolve(model(), null, cache,
                    false, "main", DownloadListener.NONE);
            Future<ModelFiles> a = pool.submit(load);
            Future<ModelFiles> b = pool.submit(load);
            assertThat(a.get().model()).isEqualTo(b.get().model());
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.count("/cdn/")).isEqualTo(1);
        assertThat(hub.count("/resolve/" + SHA + "/tokenizer.json")).isEqualTo(1);
        assertThat(hub.count("/revision/")).isEqualTo(1);
    }

    @Test
    void a_pinned_commit_needs_no_revision_lookup_and_writes_no_ref() throws IOException {
        ModelFiles files = HubAccess.downloader(client().build()).download(model(), cache, SHA, DownloadListener.NONE);
        assertThat(files.model()).startsWithRaw(repoDir().resolve("snapshots").resolve(SHA));
        assertThat(hub.count("/revision/")).isZero();
        assertThat(repoDir().resolve("refs")).doesNotExist();
        assertThat(new ModelResolver().resolve(model(), null, cache, true, SHA, DownloadListener.NONE).model())
                .isEqualTo(files.model());
    }

    @Test
    void when_the_hub_keeps_failing_the_legacy_archive_is_unpacked_privately_and_moved_into_place() throws Exception {
        ModelFileSet legacy = new ModelFileSet("test-org/legacy-bge", new ModelSource(REPO,
                hub.archiveUrl("fast-legacy-bge.tar.gz").toString(), true), MODEL_FILE, List.of(), List.of());
        hub.addArchive("fast-legacy-bge.tar.gz", tarGz("fast-legacy-bge", Map.of(
                "model.onnx", onnx, "tokenizer.json", tokenizer, "config.json", "{}".getBytes(StandardCharsets.UTF_8))));
        hub.fail("/revision/", FakeHub.Fault.SERVER_ERROR, FakeHub.Fault.SERVER_ERROR);
        hub.fail("/archives/", FakeHub.Fault.CUT);
        Files.createDirectories(cache.resolve("tmp").resolve("keep-me")); // fastembed PR #718 deleted such folders

        ModelFiles files = HubAccess.downloader(client().attempts(2).build()).download(legacy, cache, "main", DownloadListener.NONE);

        assertThat(files.model()).isEqualTo(cache.resolve("fast-legacy-bge").resolve("model.onnx"));
        assertThat(Files.readAllBytes(files.model())).isEqualTo(onnx);
        assertThat(hub.count("/archives/")).isEqualTo(2); // resumed after the cut
        assertThat(cache.resolve("tmp").resolve("keep-me")).isDirectory();
        try (Stream<Path> top = Files.list(cache)) {
            assertThat(top.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".fastembed-archive-"));
        }
        assertThat(new ModelResolver().resolve(legacy, null, cache, true, "main", DownloadListener.NONE).model())
                .isEqualTo(files.model()); // found offline afterwards
    }

    @Test
    void an_archive_that_escapes_its_folder_is_refused() throws Exception {
        ModelFileSet legacy = new ModelFileSet("test-org/evil", new ModelSource(null,
                hub.archiveUrl("evil.tar.gz").toString(), false), MODEL_FILE, List.of(), List.of());
        hub.addArchive("evil.tar.gz", tarGz("..", Map.of("escaped.onnx", new byte[10])));
        assertThatThrownBy(() -> HubAccess.downloader(client().build()).download(legacy, cache, "main", DownloadListener.NONE))
                .isInstanceOf(IOException.class).hasMessageContaining("outside its folder");
        assertThat(cache.getParent().resolve("escaped.onnx")).doesNotExist();
    }

    @Test
    void a_model_without_an_onnx_file_downloads_its_files_and_resolves_offline_from_the_cache() throws IOException {
        Map<String, FakeHub.File> files = new LinkedHashMap<>();
        files.put("stopwords/english.txt", text("a\nthe\n"));
        files.put("mock.file", text(""));
        hub.addRepo("Qdrant/bm25", "fedcba9876543210fedcba9876543210fedcba98", files);
        ModelFileSet bm25 = new ModelFileSet("Qdrant/bm25", ModelSource.huggingFace("Qdrant/bm25"), null,
                List.of("stopwords/english.txt"), List.of());
        ModelFiles downloaded = HubAccess.downloader(client().build()).download(bm25, cache, "main", DownloadListener.NONE);
        assertThat(downloaded.file("stopwords/english.txt")).isPresent();
        assertThat(downloaded.model()).isNull();
        int requests = hub.requests().size();

        ModelFiles cached = new ModelResolver(HubAccess.downloader(client().build())).resolve(bm25, null, cache, false, "main",
                DownloadListener.NONE);
        assertThat(cached.directory()).isEqualTo(downloaded.directory());
        assertThat(hub.requests()).hasSize(requests); // fastembed #675 went to the network here
    }

    @Test
    void progress_reaches_the_file_size_and_bad_settings_are_refused() throws IOException {
        AtomicLong lastOnnx = new AtomicLong();
        HubAccess.downloader(client().build()).download(model(), cache, "main", (file, done, total) -> {
            if (file.equals(MODEL_FILE)) {
                assertThat(total).isEqualTo(onnx.length);
                assertThat(done).isGreaterThanOrEqualTo(lastOnnx.get());
                lastOnnx.set(done);
            }
        });
        assertThat(lastOnnx).hasValue(onnx.length);

        assertThatThrownBy(() -> HuggingFaceHub.builder(Map.of()).endpoint(java.net.URI.create("ftp://hub")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> HuggingFaceHub.builder(Map.of("HF_ENDPOINT", "file:///tmp")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HF_ENDPOINT");
        assertThat(HuggingFaceHub.builder(Map.of("HF_ENDPOINT", hub.endpoint().toString())).build().endpoint())
                .isEqualTo(java.net.URI.create(hub.endpoint() + "/"));
        assertThatThrownBy(() -> client().attempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().readTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextEmbedding.builder().revision(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision");
    }

    private void assertNothingPartial() throws IOException {
        try (Stream<Path> all = Files.walk(cache)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".incomplete") || n.endsWith(".tmp") || n.startsWith(".fastembed-archive-"));
        }
    }

    private static byte[] tarGz(String folder, Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(folder + "/" + file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
