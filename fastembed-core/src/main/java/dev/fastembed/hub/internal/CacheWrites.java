package dev.fastembed.hub.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells a failure to write the cache (a read-only or full disk, no permission) from a network failure: those are
 * not retried, and the message says which it is and what to do instead of blaming the download.
 */
final class CacheWrites {

    private CacheWrites() {
    }

    /** Whether {@code e}, or a cause of it, is the local file system refusing a write. */
    static boolean isLocal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FileSystemException || noSpace(t) || readOnly(t)) {
                return true;
            }
        }
        return false;
    }

    /** What went wrong with the cache and how to get past it. */
    static String explain(Throwable e, Path cacheDir) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (noSpace(t)) {
                return "no space left on the device of the cache " + cacheDir + " (" + HubClient.describe(t)
                        + "); nothing half-written was kept. Free some space, or choose another cacheDir(...) or "
                        + "FASTEMBED_CACHE_PATH.";
            }
            if (readOnly(t) || t instanceof AccessDeniedException) {
                return "the cache " + cacheDir + " cannot be written (" + HubClient.describe(t) + "). Choose a "
                        + "writable cacheDir(...) or FASTEMBED_CACHE_PATH, or fill this one elsewhere and load with "
                        + "offline(true).";
            }
        }
        return "writing to the cache " + cacheDir + " failed: " + HubClient.describe(e);
    }

    private static boolean noSpace(Throwable t) {
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("no space left on device") || message.contains("disk quota exceeded");
    }

    private static boolean readOnly(Throwable t) {
        String reason = t instanceof FileSystemException fs ? fs.getReason() : t.getMessage();
        return reason != null && reason.toLowerCase(Locale.ROOT).contains("read-only file system");
    }
}
