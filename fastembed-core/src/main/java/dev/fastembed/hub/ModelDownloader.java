package dev.fastembed.hub;

import dev.fastembed.model.ModelDescription;

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
     * @throws IOException when the files cannot be fetched; the resolver reports it with what else it searched
     */
    ModelFiles download(ModelDescription model, Path cacheDir) throws IOException;
}
