package dev.fastembed.hub.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes one repository revision into the huggingface_hub cache layout: content-addressed blobs, snapshot
 * entries pointing at them (relative symlinks, or copies where the file system has none), and the ref.
 * Every final path appears by an atomic move, so a reader sees a whole file or none.
 */
final class SnapshotWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

    private final Path repoDir;
    private final Path snapshot;

    SnapshotWriter(Path repoDir, String sha) {
        this.repoDir = repoDir;
        this.snapshot = HubCacheLayout.snapshotDirectory(repoDir, sha);
    }

    Path snapshot() {
        return snapshot;
    }

    Path blob(HubFile file) {
        return HubCacheLayout.blobs(repoDir).resolve(file.blobName());
    }

    /** Where a blob's bytes accumulate until verified; huggingface_hub's name, so either can resume it. */
    Path incomplete(HubFile file) {
        return HubCacheLayout.blobs(repoDir).resolve(file.blobName() + ".incomplete");
    }

    /** Whether the blob is already cached whole (huggingface_hub, too, trusts a blob of the right size). */
    boolean hasBlob(HubFile file) throws IOException {
        Path blob = blob(file);
        return Files.isRegularFile(blob) && Files.size(blob) == file.size();
    }

    void commitBlob(HubFile file) throws IOException {
        CachedBlobs.forget(repoDir, file.blobName());
        moveAtomically(incomplete(file), blob(file));
        CachedBlobs.remember(repoDir, blob(file)); // verified just now: later starts need not hash it again
    }

    /** Makes {@code snapshots/<sha>/<path>} point at the file's blob. */
    void link(HubFile file) throws IOException {
        Path entry = snapshot.resolve(file.path()).normalize();
        if (!entry.startsWith(snapshot)) {
            throw new IOException("refusing repo path " + file.path() + ": it leaves the snapshot folder");
        }
        Files.createDirectories(entry.getParent());
        Path temp = entry.resolveSibling("." + entry.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try {
                Files.createSymbolicLink(temp, entry.getParent().relativize(blob(file)));
            } catch (UnsupportedOperationException | FileSystemException | SecurityException e) {
                LOG.debug("No symlinks here ({}); copying {}", e.toString(), file.path());
                Files.copy(blob(file), temp, StandardCopyOption.REPLACE_EXISTING);
            }
            moveAtomically(temp, entry);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code refs/<revision>} = sha, as huggingface_hub does (no newline). */
    void writeRef(String revision, String sha) throws IOException {
        Path ref = HubCacheLayout.ref(repoDir, revision);
        Files.createDirectories(ref.getParent());
        Path temp = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temp, sha, StandardCharsets.US_ASCII);
            moveAtomically(temp, ref);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
