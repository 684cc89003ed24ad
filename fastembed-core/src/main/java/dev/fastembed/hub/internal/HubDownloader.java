package dev.fastembed.hub.internal;

import dev.fastembed.hub.DownloadListener;
import dev.fastembed.model.ModelFileSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The work behind {@link dev.fastembed.hub.HuggingFaceHub}: fetches a model's files into the huggingface_hub
 * cache layout, verifying each blob, and falls back to fastembed's legacy archive URL. Thread-safe.
 */
public final class HubDownloader implements ModelDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(HubDownloader.class);

    /** Tries per request, and downloads per file whose hash is wrong, unless the user sets another number. */
    public static final int DEFAULT_ATTEMPTS = RetryPolicy.DEFAULT.attempts();
    public static final Duration DEFAULT_BACKOFF = RetryPolicy.DEFAULT.firstBackoff();
    public static final Duration DEFAULT_MAX_WAIT = RetryPolicy.DEFAULT.maxWait();

    /** The files fetched with every model when the repository has them (fastembed's allow-list). */
    static final List<String> COMMON_FILES = List.of(ModelResolver.CONFIG, ModelResolver.TOKENIZER,
            ModelResolver.TOKENIZER_CONFIG, ModelResolver.SPECIAL_TOKENS_MAP, ModelResolver.PREPROCESSOR_CONFIG);

    private final HubClient client;
    private final int verifyAttempts;

    /** @param token a bearer token sent to {@code endpoint}'s host only; null for none */
    public HubDownloader(URI endpoint, String token, int attempts, Duration backoff, Duration maxWait,
            Duration connectTimeout, Duration readTimeout) {
        this.client = new HubClient(endpoint, token, new RetryPolicy(attempts, backoff, maxWait), connectTimeout,
                readTimeout);
        this.verifyAttempts = attempts;
    }

    public URI endpoint() {
        return client.endpoint();
    }

    @Override
    public ModelFiles download(ModelFileSet model, Path cacheDir, String revision, DownloadListener listener)
            throws IOException {
        Objects.requireNonNull(revision, "revision");
        DownloadListener progress = listener == null ? DownloadListener.NONE : listener;
        IOException hubFailure = null;
        String repo = model.source().huggingFace();
        if (repo != null) {
            try {
                return fromHub(model, repo, cacheDir, revision, progress);
            } catch (IOException e) {
                if (CacheWrites.isLocal(e)) {
                    throw new IOException(CacheWrites.explain(e, cacheDir), e); // the archive would fail the same way
                }
                hubFailure = e;
            }
        }
        if (model.source().url() != null) {
            if (hubFailure != null) {
                LOG.warn("Could not download {} from {} ({}); trying its archive {}", model.id(), client.endpoint(),
                        HubClient.describe(hubFailure), model.source().url());
            }
            try {
                return LegacyArchive.fetch(client, model, cacheDir, progress);
            } catch (IOException e) {
                if (hubFailure != null) {
                    IOException both = new IOException(HubClient.describe(hubFailure) + "; then the archive "
                            + model.source().url() + ": " + HubClient.describe(e), hubFailure);
                    both.addSuppressed(e);
                    throw both;
                }
                throw e;
            }
        }
        if (hubFailure != null) {
            throw hubFailure;
        }
        throw new IOException(model.id() + " has no download source (no Hugging Face repository, no archive URL)");
    }

    private ModelFiles fromHub(ModelFileSet model, String repo, Path cacheDir, String revision,
            DownloadListener listener) throws IOException {
        Path lockFile = HubCacheLayout.locks(cacheDir, repo).resolve("fastembed-download.lock");
        try (CacheLock ignored = CacheLock.acquire(lockFile)) {
            Optional<ModelFiles> cached = HubCacheLayout.snapshot(cacheDir, repo, revision)
                    .flatMap(dir -> ModelResolver.complete(model, dir, "cache " + dir));
            if (cached.isPresent()) {
                return cached.get(); // another thread or process downloaded it while this one waited
            }
            String sha = HubCacheLayout.isCommitSha(revision) ? revision : client.commitSha(repo, revision);
            List<HubFile> files = wanted(model, repo, sha, client.files(repo, sha));
            SnapshotWriter writer = new SnapshotWriter(HubCacheLayout.repoDirectory(cacheDir, repo), sha);
            for (HubFile file : files) {
                if (!writer.hasBlob(file)) {
                    fetchBlob(writer, repo, sha, file, listener);
                }
                writer.link(file);
            }
            if (!HubCacheLayout.isCommitSha(revision)) {
                writer.writeRef(revision, sha);
            }
            return ModelResolver.complete(model, writer.snapshot(), "download " + client.endpoint() + repo + "@" + sha)
                    .orElseThrow(() -> new IOException("the files of " + repo + "@" + sha + " are not all in "
                            + writer.snapshot() + " after the download"));
        }
    }

    /** The model's files among the commit's: fastembed's allow-list, exact repo paths. */
    private static List<HubFile> wanted(ModelFileSet model, String repo, String sha, List<HubFile> listed)
            throws IOException {
        Map<String, HubFile> byPath = listed.stream()
                .collect(Collectors.toMap(HubFile::path, Function.identity(), (a, b) -> a));
        Set<String> required = new LinkedHashSet<>();
        if (model.hasModelFile()) {
            required.add(model.modelFile());
        }
        if (model.needsTokenizer()) {
            required.add(ModelResolver.TOKENIZER);
        }
        required.addAll(model.additionalFiles());
        List<String> missing = required.stream().filter(path -> !byPath.containsKey(path)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("the repository " + repo + " at " + sha + " has no " + missing + " (it has "
                    + byPath.keySet().stream().sorted().limit(40).toList() + "); is " + model.id()
                    + " registered with the right file names?");
        }
        Set<String> paths = new LinkedHashSet<>(COMMON_FILES);
        paths.addAll(required);
        List<HubFile> files = new ArrayList<>();
        for (String path : paths) {
            HubFile file = byPath.get(path);
            if (file != null) {
                files.add(file);
            }
        }
        return files;
    }

    /** Downloads one blob, verifying size and hash; a file with the wrong bytes is deleted and fetched again. */
    private void fetchBlob(SnapshotWriter writer, String repo, String sha, HubFile file, DownloadListener listener)
            throws IOException {
        Path partial = writer.incomplete(file);
        Files.createDirectories(partial.getParent());
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                client.fetch(client.fileUri(repo, sha, file.path()), partial, file.size(), file.path(), listener, repo);
            } catch (IOException e) {
                if (CacheWrites.isLocal(e)) {
                    try {
                        Files.deleteIfExists(partial); // a full disk: keep no half-written blob
                    } catch (IOException again) {
                        e.addSuppressed(again);
                    }
                    throw e;
                }
                throw new IOException("could not download " + file.path() + " of " + repo + " (" + size(file.size())
                        + "; the partial file " + partial + " resumes next time): " + HubClient.describe(e), e);
            }
            if (Digests.matches(partial, file)) {
                writer.commitBlob(file);
                LOG.info("Downloaded {}/{} ({}) in {} s", repo, file.path(), size(file.size()),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
                return;
            }
            Files.deleteIfExists(partial);
            String message = "the bytes of " + repo + "/" + file.path() + " do not match the hub's "
                    + (file.lfs() ? "sha256 " : "git sha1 ") + file.blobName();
            if (attempt >= verifyAttempts) {
                throw new IOException(message + " after " + attempt + " downloads");
            }
            LOG.warn("{}; downloading it again (try {} of {})", message, attempt + 1, verifyAttempts);
        }
    }

    private static String size(long bytes) {
        return bytes >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }

    @Override
    public String toString() {
        return client.toString();
    }
}
