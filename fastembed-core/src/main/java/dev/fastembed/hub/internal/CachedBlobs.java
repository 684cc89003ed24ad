package dev.fastembed.hub.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that a cached snapshot's files still hold the bytes their blobs are named after. In the
 * huggingface_hub layout a snapshot entry is a symlink to a blob named by its hash: the sha256 of LFS content
 * (64 hex digits) or the git blob sha1 of a small file (40). A blob cut short or overwritten (a full disk, an
 * interrupted copy of the cache, a tool that wrote into it) would otherwise load as it is and fail in ONNX
 * Runtime or the tokenizer on every start.
 *
 * <p>Hashing a 2 GB model on every start is too slow, so a verified blob is remembered in
 * {@code models--org--name/.fastembed-verified/<blob>} with its size and modification time; a later start
 * checks those two numbers only, and hashes again when either changed. Where that folder cannot be written (a
 * read-only cache) every start hashes. Snapshot files that are copies rather than links (file systems without
 * symlinks) carry no hash in their name and are not checked here; the download verified them.
 */
final class CachedBlobs {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern GIT_SHA1 = Pattern.compile("[0-9a-f]{40}");

    private CachedBlobs() {
    }

    /** A snapshot file whose blob does not hold the bytes its name says. */
    record Damage(String repoPath, Path entry, Path blob, long size, String expected, String actual) {

        String describe() {
            return repoPath + " (" + entry + " -> " + blob + ", " + size + " bytes: its "
                    + (expected.length() == 64 ? "sha256" : "git sha1") + " is " + actual + ", its name says "
                    + expected + ")";
        }
    }

    /**
     * The damaged files among {@code repoPaths} in {@code snapshot}; files that are absent, copies, or links to
     * blobs not named by a hash are skipped.
     */
    static List<Damage> check(Path repoDir, Path snapshot, Collection<String> repoPaths) {
        List<Damage> damaged = new ArrayList<>();
        for (String repoPath : repoPaths) {
            Path entry = ModelResolver.locate(snapshot, repoPath);
            if (entry == null || !Files.isSymbolicLink(entry)) {
                continue;
            }
            try {
                Path blob = entry.toRealPath();
                String expected = blob.getFileName().toString();
                boolean lfs = SHA256.matcher(expected).matches();
                if (!lfs && !GIT_SHA1.matcher(expected).matches()) {
                    continue;
                }
                String stamp = stamp(blob);
                Path marker = marker(repoDir, expected);
                if (Files.isRegularFile(marker) && stamp.equals(Files.readString(marker, StandardCharsets.US_ASCII))) {
                    continue;
                }
                String actual = lfs ? Digests.sha256(blob) : Digests.gitBlobSha1(blob);
                if (actual.equals(expected)) {
                    remember(repoDir, blob);
                } else {
                    damaged.add(new Damage(repoPath, entry, blob, Files.size(blob), expected, actual));
                }
            } catch (IOException e) {
                // A link whose blob is gone is an incomplete snapshot, which the resolver reports on its own.
            }
        }
        return damaged;
    }

    /** Records that {@code blob} was verified as it is now; best effort (a read-only cache just hashes again). */
    static void remember(Path repoDir, Path blob) {
        try {
            Path marker = marker(repoDir, blob.getFileName().toString());
            Files.createDirectories(marker.getParent());
            Path temp = Files.createTempFile(marker.getParent(), marker.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, stamp(blob), StandardCharsets.US_ASCII);
                SnapshotWriter.moveAtomically(temp, marker);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // not remembered: the next start hashes the blob again
        }
    }

    /** Forgets a blob's verification, before it is deleted or replaced. */
    static void forget(Path repoDir, String blobName) throws IOException {
        Files.deleteIfExists(marker(repoDir, blobName));
    }

    private static Path marker(Path repoDir, String blobName) {
        return repoDir.resolve(".fastembed-verified").resolve(blobName);
    }

    private static String stamp(Path blob) throws IOException {
        return String.format(Locale.ROOT, "%d %d", Files.size(blob), Files.getLastModifiedTime(blob).toMillis());
    }
}
