package dev.fastembed.hub.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The huggingface_hub cache layout, {@code models--org--name/{blobs,refs,snapshots/<sha>}}, which Python
 * fastembed also writes, so one cache serves both.
 */
public final class HubCacheLayout {

    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");

    private HubCacheLayout() {
    }

    /** Whether a revision is a full commit sha (which names a snapshot directly, with no ref file). */
    static boolean isCommitSha(String revision) {
        return COMMIT_SHA.matcher(revision).matches();
    }

    static Path blobs(Path repoDir) {
        return repoDir.resolve("blobs");
    }

    static Path ref(Path repoDir, String revision) {
        return repoDir.resolve("refs").resolve(revision);
    }

    static Path snapshotDirectory(Path repoDir, String sha) {
        return repoDir.resolve("snapshots").resolve(sha);
    }

    /** Where huggingface_hub keeps its lock files: {@code <cache>/.locks/models--org--name}. */
    static Path locks(Path cacheDir, String repoId) {
        return cacheDir.resolve(".locks").resolve(repoDirectory(cacheDir, repoId).getFileName());
    }

    /** {@code <cache>/models--org--name}; case kept as written in the source repo id. */
    public static Path repoDirectory(Path cacheDir, String repoId) {
        return cacheDir.resolve("models--" + repoId.replace("/", "--"));
    }

    /** The snapshot directory {@code refs/<revision>} points to, if the ref and the snapshot both exist. */
    public static Optional<Path> snapshot(Path cacheDir, String repoId, String revision) {
        Path repo = repoDirectory(cacheDir, repoId);
        if (isCommitSha(revision)) {
            Path snapshot = snapshotDirectory(repo, revision);
            return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
        }
        if (revision.isEmpty() || revision.contains("..") || revision.contains("\\")) {
            return Optional.empty();
        }
        Path ref = ref(repo, revision);
        try {
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            String sha = Files.readString(ref, StandardCharsets.UTF_8).strip();
            if (sha.isEmpty() || sha.contains("/") || sha.contains("\\") || sha.contains("..")) {
                return Optional.empty();
            }
            Path snapshot = snapshotDirectory(repo, sha);
            return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@link #snapshot} found nothing, and how to repair it: no repository folder, a missing ref (with the
     * snapshots that do exist), or a ref naming a snapshot that is gone.
     */
    static String whyNoSnapshot(Path repoDir, String revision) {
        if (!Files.isDirectory(repoDir)) {
            return "not downloaded yet";
        }
        List<String> snapshots = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(repoDir.resolve("snapshots"))) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    snapshots.add(entry.getFileName().toString());
                }
            }
        } catch (IOException e) {
            // no snapshots folder: nothing to list
        }
        Collections.sort(snapshots);
        if (isCommitSha(revision)) {
            return "no snapshot " + revision + "; snapshots here: " + snapshots;
        }
        Path ref = ref(repoDir, revision);
        if (!Files.isRegularFile(ref)) {
            if (snapshots.isEmpty()) {
                return "no snapshot for revision " + revision + ": no " + ref + " and no snapshots";
            }
            String sha = snapshots.get(snapshots.size() - 1);
            return "the ref " + ref + " that names revision " + revision + "'s snapshot is missing, though "
                    + (snapshots.size() == 1 ? "snapshot " + sha + " exists" : "snapshots " + snapshots + " exist")
                    + ". Repair it by writing the snapshot's commit sha into that file (printf " + sha + " > " + ref
                    + "), or pass revision(\"" + sha + "\"), or load once online to fetch the ref again";
        }
        return "the ref " + ref + " names a snapshot that is not in " + repoDir.resolve("snapshots") + " (present: "
                + snapshots + "); load once online to fetch it again, or delete " + repoDir;
    }

    /**
     * Where fastembed extracts its legacy archives: {@code <cache>/fast-<name>} for the old tar layout,
     * {@code <cache>/<name>} otherwise.
     */
    public static Path legacyArchiveDirectory(Path cacheDir, String modelId, boolean legacyLayout) {
        String name = modelId.substring(modelId.lastIndexOf('/') + 1);
        return cacheDir.resolve((legacyLayout ? "fast-" : "") + name);
    }
}
