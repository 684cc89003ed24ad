package dev.fastembed.hub.internal;

import dev.fastembed.hub.DownloadListener;
import dev.fastembed.model.ModelFileSet;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fetches a model's files into the cache when no local copy exists. The resolver calls it last, and never
 * in offline mode.
 */
public interface ModelDownloader {

    /**
     * Downloads the model's files into {@code cacheDir} and returns them.
     *
     * @param revision a branch, tag or commit sha of the model's repository
     * @throws IOException when the files cannot be fetched; the resolver reports it with what else it searched
     */
    ModelFiles download(ModelFileSet model, Path cacheDir, String revision, DownloadListener listener)
            throws IOException;
}
