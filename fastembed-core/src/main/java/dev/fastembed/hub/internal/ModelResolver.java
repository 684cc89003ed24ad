package dev.fastembed.hub.internal;

import dev.fastembed.ModelLoadException;
import dev.fastembed.ModelNotFoundException;
import dev.fastembed.hub.DownloadListener;
import dev.fastembed.model.ClasspathBundle;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelFileSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds a model's files, in this order: the user's {@code modelPath}, the cache (huggingface_hub layout,
 * then fastembed's legacy archive folders), classpath bundles, then the downloader if one is installed and
 * the caller is not offline. A model already present is found with no network call.
 */
public final class ModelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);

    static final String TOKENIZER = "tokenizer.json";
    static final String CONFIG = "config.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    static final String PREPROCESSOR_CONFIG = "preprocessor_config.json";
    /** The revision a model resolves to unless the caller names one, as in huggingface_hub. */
    public static final String DEFAULT_REVISION = "main";

    private final ModelDownloader downloader;

    /** A resolver that only looks locally; downloads are the job of a {@link ModelDownloader}. */
    public ModelResolver() {
        this(null);
    }

    /** @param downloader called when nothing local matched and the caller is online; null for none */
    public ModelResolver(ModelDownloader downloader) {
        this.downloader = downloader;
    }

    /** Resolves a dense model's files at the default revision, with no download listener. */
    public ModelFiles resolve(ModelDescription model, Path modelPath, Path cacheDir, boolean offline) {
        return resolve(model.fileSet(), modelPath, cacheDir, offline, DEFAULT_REVISION, DownloadListener.NONE);
    }

    /**
     * Resolves the model's files.
     *
     * @param modelPath a directory holding the files, or null to search the cache and classpath
     * @param cacheDir the cache directory (need not exist yet)
     * @param offline never call the downloader
     * @param revision the repository revision to look up in the cache and to download
     * @throws ModelNotFoundException saying what was searched and how to provide the files
     */
    public ModelFiles resolve(ModelFileSet model, Path modelPath, Path cacheDir, boolean offline, String revision,
            DownloadListener listener) {
        if (modelPath != null) {
            return fromModelPath(model, modelPath);
        }
        List<String> searched = new ArrayList<>();
        boolean online = downloader != null && !offline;
        Optional<ModelFiles> found = fromCache(model, cacheDir, revision, online, searched);
        if (found.isEmpty()) {
            found = fromClasspath(model, cacheDir, searched);
        }
        String downloadFailure = null;
        if (found.isEmpty() && online) {
            try {
                found = Optional.of(downloader.download(model, cacheDir, revision, listener));
            } catch (IOException e) {
                downloadFailure = HubClient.describe(e);
            }
        }
        String failure = downloadFailure;
        ModelFiles files = found.orElseThrow(() -> notFound(model, cacheDir, offline, searched, failure));
        files = colocated(model, files, cacheDir);
        LOG.debug("Model {} resolved from {}", model.id(), files.origin());
        return files;
    }

    /** Files from a hub snapshot, with the model and its external data in one real folder (ONNX Runtime 1.24+). */
    private static ModelFiles colocated(ModelFileSet model, ModelFiles files, Path cacheDir) {
        String repo = model.source().huggingFace();
        if (repo == null) {
            return files;
        }
        Path repoDir = HubCacheLayout.repoDirectory(cacheDir, repo);
        if (!files.directory().startsWith(repoDir.resolve("snapshots"))) {
            return files;
        }
        try {
            return ExternalDataLinks.colocate(model, files, repoDir);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot load " + model.id() + " from " + files.directory() + ": "
                    + e.getMessage(), e);
        }
    }

    private static ModelFiles fromModelPath(ModelFileSet model, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelNotFoundException("modelPath " + dir.toAbsolutePath() + " is not a directory. Point "
                    + "modelPath(...) at the folder that holds " + describeFiles(model) + ".");
        }
        if (!model.hasModelFile()) {
            for (String extra : model.additionalFiles()) {
                if (locate(dir, extra) == null) {
                    throw new ModelNotFoundException("modelPath " + dir.toAbsolutePath() + " has no '" + extra
                            + "'. Copy it from " + model.id() + ".");
                }
            }
            return withOptionalFiles(dir, null, null, "modelPath " + dir.toAbsolutePath());
        }
        Path onnx = locate(dir, model.modelFile());
        if (onnx == null) {
            Path nested = dir.resolve(model.modelFile());
            Path flat = dir.resolve(fileName(model.modelFile()));
            throw new ModelNotFoundException("modelPath " + dir.toAbsolutePath() + " has no model file '"
                    + model.modelFile() + "' (looked for " + nested + (flat.equals(nested) ? "" : " and " + flat)
                    + "). Copy the ONNX file of " + model.id() + " there.");
        }
        Path tokenizer = model.needsTokenizer() ? dir.resolve(TOKENIZER) : null;
        if (tokenizer != null && !Files.isRegularFile(tokenizer)) {
            throw new ModelNotFoundException("modelPath " + dir.toAbsolutePath() + " has no '" + TOKENIZER
                    + "'. Copy the tokenizer.json of " + model.id() + " there.");
        }
        for (String extra : model.additionalFiles()) {
            if (!Files.isRegularFile(onnx.resolveSibling(fileName(extra))) && locate(dir, extra) == null) {
                throw new ModelNotFoundException("modelPath " + dir.toAbsolutePath() + " has no '" + extra
                        + "', which " + model.modelFile() + " needs beside it. Copy it from " + model.id() + ".");
            }
        }
        return withOptionalFiles(dir, onnx, tokenizer, "modelPath " + dir.toAbsolutePath());
    }

    private static Optional<ModelFiles> fromCache(ModelFileSet model, Path cacheDir, String revision,
            boolean online, List<String> searched) {
        String repo = model.source().huggingFace();
        if (repo != null) {
            Path repoDir = HubCacheLayout.repoDirectory(cacheDir, repo);
            Optional<Path> snapshot = HubCacheLayout.snapshot(cacheDir, repo, revision);
            if (snapshot.isPresent()) {
                Optional<ModelFiles> files = complete(model, snapshot.get(), "cache " + snapshot.get());
                if (files.isPresent()) {
                    List<CachedBlobs.Damage> damaged = CachedBlobs.check(repoDir, snapshot.get(), checkedFiles(model));
                    if (damaged.isEmpty()) {
                        return files;
                    }
                    discard(model, cacheDir, repoDir, damaged, online);
                    searched.add("cache " + snapshot.get() + " (damaged, discarded: " + damaged.stream()
                            .map(CachedBlobs.Damage::repoPath).toList() + ")");
                    return Optional.empty();
                }
                searched.add("cache " + snapshot.get() + " (incomplete: needs " + describeFiles(model) + ")");
            } else {
                searched.add("cache " + repoDir + " (" + HubCacheLayout.whyNoSnapshot(repoDir, revision) + ")");
            }
        }
        if (model.source().url() != null) {
            Path legacy = HubCacheLayout.legacyArchiveDirectory(cacheDir, model.id(),
                    model.source().legacyArchiveLayout());
            Optional<ModelFiles> files = complete(model, legacy, "cache " + legacy);
            if (files.isPresent()) {
                return files;
            }
            searched.add("cache " + legacy + " (legacy archive folder: absent or incomplete)");
        }
        return Optional.empty();
    }

    private static Optional<ModelFiles> fromClasspath(ModelFileSet model, Path cacheDir, List<String> searched) {
        for (ClasspathBundle bundle : model.bundles()) {
            Optional<ModelFiles> files = ClasspathBundles.materialize(bundle, cacheDir);
            if (files.isPresent()) {
                return files;
            }
            searched.add("classpath resource " + bundle.modelResource() + " (jar " + bundle.coordinates() + ")");
        }
        return Optional.empty();
    }

    /**
     * The model's files in {@code dir} if every one it needs is there. A model with no ONNX file (BM25)
     * needs only its additional files, so a cached copy resolves with no network call (fastembed #675).
     */
    static Optional<ModelFiles> complete(ModelFileSet model, Path dir, String origin) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        for (String extra : model.additionalFiles()) {
            if (locate(dir, extra) == null) {
                return Optional.empty();
            }
        }
        if (!model.hasModelFile()) {
            return Optional.of(withOptionalFiles(dir, null, null, origin));
        }
        Path onnx = locate(dir, model.modelFile());
        Path tokenizer = model.needsTokenizer() ? dir.resolve(TOKENIZER) : null;
        if (onnx == null || (tokenizer != null && !Files.isRegularFile(tokenizer))) {
            return Optional.empty();
        }
        return Optional.of(withOptionalFiles(dir, onnx, tokenizer, origin));
    }

    /** The files whose blobs are checked: the ones the model needs and the configs read beside them. */
    private static List<String> checkedFiles(ModelFileSet model) {
        List<String> files = new ArrayList<>();
        if (model.hasModelFile()) {
            files.add(model.modelFile());
        }
        files.addAll(model.additionalFiles());
        files.addAll(HubDownloader.COMMON_FILES);
        return files;
    }

    /**
     * Online, deletes the damaged blobs (under the repository's download lock, so that two processes healing the
     * same cache do not delete each other's fresh copies) and lets the download fetch them again. Offline, fails
     * naming the files and the fix.
     */
    private static void discard(ModelFileSet model, Path cacheDir, Path repoDir, List<CachedBlobs.Damage> damaged,
            boolean online) {
        String what = damaged.stream().map(CachedBlobs.Damage::describe).collect(Collectors.joining("; "));
        if (!online) {
            throw new ModelLoadException("The cached files of " + model.id() + " are damaged: " + what + ". Delete "
                    + damaged.stream().map(d -> d.blob().toString()).collect(Collectors.joining(" and "))
                    + ", then load the model once online (offline(false), HF_HUB_OFFLINE unset) to fetch them "
                    + "again, or copy an intact cache or modelPath(...) folder here.");
        }
        LOG.warn("The cached files of {} are damaged: {}; downloading them again", model.id(), what);
        String repo = model.source().huggingFace();
        try (CacheLock ignored = CacheLock.acquire(HubCacheLayout.locks(cacheDir, repo)
                .resolve("fastembed-download.lock"))) {
            for (CachedBlobs.Damage damage : damaged) {
                // Another process may have replaced it while this one hashed: delete only what is still damaged.
                if (!CachedBlobs.check(repoDir, snapshotOf(repoDir, damage.entry()), List.of(damage.repoPath()))
                        .isEmpty()) {
                    CachedBlobs.forget(repoDir, damage.expected());
                    Files.deleteIfExists(damage.blob());
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException("The cached files of " + model.id() + " are damaged (" + what + ") and "
                    + "could not be deleted to fetch them again: " + e + ". Delete them by hand.", e);
        }
    }

    /** The snapshot folder ({@code snapshots/<sha>}) an entry belongs to. */
    private static Path snapshotOf(Path repoDir, Path entry) {
        Path snapshots = repoDir.resolve("snapshots");
        return snapshots.resolve(snapshots.relativize(entry).getName(0).toString());
    }

    static String describeFiles(ModelFileSet model) {
        List<String> files = new ArrayList<>();
        if (model.hasModelFile()) {
            files.add(model.modelFile());
        }
        if (model.needsTokenizer()) {
            files.add(TOKENIZER);
        }
        files.addAll(model.additionalFiles());
        return String.join(", ", files);
    }

    /** The file at its repo path, or at the directory root by its base name (flat copies of a repo). */
    static Path locate(Path dir, String repoPath) {
        Path nested = dir.resolve(repoPath);
        if (Files.isRegularFile(nested)) {
            return nested;
        }
        Path flat = dir.resolve(fileName(repoPath));
        return Files.isRegularFile(flat) ? flat : null;
    }

    private static String fileName(String repoPath) {
        return repoPath.substring(repoPath.lastIndexOf('/') + 1);
    }

    private static ModelFiles withOptionalFiles(Path dir, Path onnx, Path tokenizer, String origin) {
        return new ModelFiles(dir, onnx, tokenizer, optional(dir, CONFIG), optional(dir, TOKENIZER_CONFIG),
                optional(dir, SPECIAL_TOKENS_MAP), origin);
    }

    private static Path optional(Path dir, String name) {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }

    private ModelNotFoundException notFound(ModelFileSet model, Path cacheDir, boolean offline,
            List<String> searched, String downloadFailure) {
        StringBuilder message = new StringBuilder("Model '").append(model.id()).append("' was not found. Searched:");
        for (String place : searched) {
            message.append("\n  - ").append(place);
        }
        if (downloader == null) {
            message.append("\n  - no download: this build has no downloader installed");
        } else if (offline) {
            message.append("\n  - no download: offline mode (offline(true) or HF_HUB_OFFLINE)");
        } else if (downloadFailure != null) {
            message.append("\n  - download failed: ").append(downloadFailure);
        }
        if (downloadFailure != null) {
            message.append("\nOn a host without internet access use offline(true) or HF_HUB_OFFLINE=1 (no network "
                    + "call at all); behind a mirror or proxy set HF_ENDPOINT.");
        }
        message.append("\nTo provide it:");
        for (ClasspathBundle bundle : model.bundles()) {
            message.append("\n  - add the jar ").append(bundle.coordinates()).append(" to the classpath");
        }
        message.append("\n  - or put ").append(describeFiles(model));
        if (model.needsTokenizer()) {
            message.append(", ").append(CONFIG).append(" and ").append(TOKENIZER_CONFIG);
        }
        if (model.source().huggingFace() != null) {
            message.append(" from https://huggingface.co/").append(model.source().huggingFace());
        }
        message.append(" into a directory and pass it to modelPath(...)");
        if (model.source().huggingFace() != null) {
            message.append("\n  - or fill the cache ").append(cacheDir.toAbsolutePath())
                    .append(" (huggingface_hub layout; a Python fastembed cache works)");
            if (offline) {
                message.append("\n  - or go online once (offline(false), HF_HUB_OFFLINE unset) to download it");
            }
        }
        return new ModelNotFoundException(message.toString());
    }
}
