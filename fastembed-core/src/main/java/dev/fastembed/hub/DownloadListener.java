package dev.fastembed.hub;

/**
 * Told how a model download advances, file by file. Called on the downloading thread, often (every few
 * dozen kilobytes): keep it quick.
 */
@FunctionalInterface
public interface DownloadListener {

    /** Ignores every event. */
    DownloadListener NONE = (file, bytesDone, bytesTotal) -> { };

    /**
     * @param file the file's path in the repository (or the archive's name)
     * @param bytesDone bytes of it on disk so far, resumed bytes included
     * @param bytesTotal its size, or -1 when the server does not say
     */
    void progress(String file, long bytesDone, long bytesTotal);
}
