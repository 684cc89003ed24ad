package dev.fastembed.hub.internal;

import dev.fastembed.hub.DownloadListener;
import dev.fastembed.model.ModelFileSet;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * fastembed's legacy model archives (tar.gz on a public bucket): fetched and unpacked in a private temporary
 * folder of the cache, then moved into {@code <cache>/[fast-]<name>} in one step. Only that private folder is
 * ever deleted (fastembed's extractor could delete any path containing "tmp", PR #718).
 */
final class LegacyArchive {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyArchive.class);

    private LegacyArchive() {
    }

    static ModelFiles fetch(HubClient client, ModelFileSet model, Path cacheDir, DownloadListener listener)
            throws IOException {
        Path target = HubCacheLayout.legacyArchiveDirectory(cacheDir, model.id(), model.source().legacyArchiveLayout());
        String name = target.getFileName().toString();
        try (CacheLock ignored = CacheLock.acquire(cacheDir.resolve(".locks").resolve(name + ".lock"))) {
            Optional<ModelFiles> done = ModelResolver.complete(model, target, "cache " + target);
            if (done.isPresent()) {
                return done.get(); // another loader finished while this one waited
            }
            Files.createDirectories(cacheDir);
            Path work = Files.createTempDirectory(cacheDir, ".fastembed-archive-");
            try {
                Path archive = work.resolve(name + ".tar.gz");
                URI url = URI.create(model.source().url());
                client.fetch(url, archive, -1, archive.getFileName().toString(), listener, url.getHost());
                Path unpacked = work.resolve("unpacked");
                extract(archive, unpacked);
                Path folder = modelFolder(unpacked, name);
                if (ModelResolver.complete(model, folder, "archive").isEmpty()) {
                    throw new IOException("the archive " + url + " lacks files " + model.id() + " needs ("
                            + ModelResolver.describeFiles(model) + ")");
                }
                if (Files.exists(target)) {
                    deleteTree(target); // incomplete (checked above under the lock): replace it
                }
                SnapshotWriter.moveAtomically(folder, target);
                LOG.info("Downloaded {} from {} into {}", model.id(), url, target);
                return ModelResolver.complete(model, target, "archive " + url)
                        .orElseThrow(() -> new IOException("files vanished from " + target));
            } finally {
                deleteTree(work);
            }
        }
    }

    /** The archive's {@code <name>} folder, or its only top folder, or the unpacked root itself. */
    private static Path modelFolder(Path unpacked, String name) throws IOException {
        Path named = unpacked.resolve(name);
        if (Files.isDirectory(named)) {
            return named;
        }
        List<Path> top = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(unpacked)) {
            entries.forEach(top::add);
        }
        return top.size() == 1 && Files.isDirectory(top.get(0)) ? top.get(0) : unpacked;
    }

    /** Unpacks regular files and folders; links and paths that leave the target are refused. */
    static void extract(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GzipCompressorInputStream(new BufferedInputStream(file)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
                    throw new IOException("the archive " + archive.getFileName() + " holds a path outside its "
                            + "folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    LOG.warn("Skipping {} in {}: links and special files are not unpacked", entry.getName(),
                            archive.getFileName());
                }
            }
        } catch (IOException e) {
            throw new IOException("could not unpack " + archive.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
