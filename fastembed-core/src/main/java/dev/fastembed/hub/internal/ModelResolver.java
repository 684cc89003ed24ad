package dev.fastembed.hub.internal;

import dev.fastembed.hub.DownloadListener;
import dev.fastembed.ModelNotFoundException;
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
        Optional<ModelFiles> found = fromCache(model, cacheDir, revision, searched);
        if (found.isEmpty()) {
            found = fromClasspath(model, cacheDir, searched);
        }
        String downloadFailure = null;
        if (found.isEmpty() && downloader != null && !offline) {
            try {
                found = Optional.of(downloader.download(model, cacheDir, revision, listener));
            } catch (IOException e) {
                downloadFailure = HubClient.describe(e);
            }
        }
        String failure = downloadFailure;
        ModelFiles files = found.orElseThrow(() -> notFound(model, cacheDir, offline, searched, failure));
        LOG.debug("Model {} resolved from {}", model.id(), files.origin());
        return files;
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
            throw new ModelNotFoundException("modelPath " + dir.toAbsolutePath() + " has no model file '"
                    + model.modelFile() + "' (looked for " + dir.resolve(model.modelFile()) + " and "
                    + dir.resolve(fileName(model.modelFile())) + "). Copy the ONNX file of " + model.id()
                    + " there.");
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
            List<String> searched) {
        String repo = model.source().huggingFace();
        if (repo != null) {
            Path repoDir = HubCacheLayout.repoDirectory(cacheDir, repo);
            Optional<Path> snapshot = HubCacheLayout.snapshot(cacheDir, repo, revision);
            if (snapshot.isPresent()) {
                Optional<ModelFiles> files = complete(model, snapshot.get(), "cache " + snapshot.get());
                if (files.isPresent()) {
                    return files;
                }
                searched.add("cache " + snapshot.get() + " (incomplete: needs " + describeFiles(model) + ")");
            } else {
                searched.add("cache " + repoDir + " (no snapshot for revision " + revision + ")");
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
