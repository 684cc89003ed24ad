package dev.fastembed.hub.internal;

import dev.fastembed.model.ModelFileSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keeps a model file and its external data in one real folder. ONNX Runtime 1.24 and later refuse external data
 * that, once symlinks are resolved, lies outside the folder the model file resolves to. In our cache and
 * huggingface_hub's classic one both blobs sit in {@code blobs/}, so nothing is needed; since huggingface_hub
 * 1.32 snapshots link into a blob store shared by the whole cache and sharded by hash, where the two land in
 * different folders (fastembed #603, #757).
 *
 * <p>Then, as fastembed 0.9 does, the model and its data files are hard-linked into
 * {@code models--org--name/onnx_snapshots/<revision>/<same relative paths>} and loaded from there: no bytes are
 * copied. Link folders of snapshots that no longer exist are removed.
 */
final class ExternalDataLinks {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalDataLinks.class);

    private ExternalDataLinks() {
    }

    /**
     * {@code files} as they are when the model and its external data already resolve into one folder; otherwise
     * the same files with the model read from a folder of hard links.
     *
     * @throws IOException naming the files and the way out when the links cannot be made (no hard links across
     *     file systems, a read-only cache)
     */
    static ModelFiles colocate(ModelFileSet model, ModelFiles files, Path repoDir) throws IOException {
        if (files.model() == null || model.additionalFiles().isEmpty()) {
            return files;
        }
        Path snapshot = files.directory();
        Path folder = files.model().toRealPath().getParent();
        List<Path> outside = new ArrayList<>();
        for (String extra : model.additionalFiles()) {
            Path file = ModelResolver.locate(snapshot, extra);
            if (file != null && !file.toRealPath().getParent().equals(folder)) {
                outside.add(file);
            }
        }
        if (outside.isEmpty()) {
            return files;
        }
        Path links = repoDir.resolve("onnx_snapshots").resolve(snapshot.getFileName().toString());
        link(snapshot, files.model(), links);
        for (String extra : model.additionalFiles()) {
            Path file = ModelResolver.locate(snapshot, extra);
            if (file != null) {
                link(snapshot, file, links);
            }
        }
        dropStale(repoDir);
        LOG.debug("{} and its external data resolve into different folders; loading it from hard links in {}",
                files.model(), links);
        return new ModelFiles(snapshot, links.resolve(snapshot.relativize(files.model()).toString()),
                files.tokenizer(), files.config(), files.tokenizerConfig(), files.specialTokensMap(),
                files.origin() + " (model and external data hard-linked into " + links + ")");
    }

    private static void link(Path snapshot, Path file, Path links) throws IOException {
        Path real = file.toRealPath();
        Path target = links.resolve(snapshot.relativize(file).toString());
        if (Files.exists(target) && Files.isSameFile(target, real)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createLink(temp, real);
            SnapshotWriter.moveAtomically(temp, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            throw new IOException(file + " and the other files of its model resolve into different folders ("
                    + real.getParent() + "), which ONNX Runtime refuses for external data, and they could not be "
                    + "hard-linked together into " + links + " (" + e + "). Let the cache be written with "
                    + "HF_HUB_DISABLE_SHARED_BLOBS=1, or point modelPath(...) at a folder holding the model and its "
                    + "data files side by side.", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes link folders whose snapshot is gone; best effort. */
    private static void dropStale(Path repoDir) {
        Path root = repoDir.resolve("onnx_snapshots");
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                if (!Files.isDirectory(repoDir.resolve("snapshots").resolve(folder.getFileName().toString()))) {
                    try (Stream<Path> tree = Files.walk(folder)) {
                        for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(path);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not tidy {}: {}", root, e.toString());
        }
    }
}
