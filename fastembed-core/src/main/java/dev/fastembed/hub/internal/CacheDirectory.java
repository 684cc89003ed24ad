package dev.fastembed.hub.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where models are cached, and whether the environment forbids the network. */
public final class CacheDirectory {

    public static final String CACHE_ENV = "FASTEMBED_CACHE_PATH";
    public static final String OFFLINE_ENV = "HF_HUB_OFFLINE";

    private CacheDirectory() {
    }

    /**
     * The default cache: {@code $FASTEMBED_CACHE_PATH}, else {@code ~/.cache/fastembed}. Persistent on purpose:
     * Python fastembed's temp-dir default gets wiped and forces downloads again (fastembed #569).
     */
    public static Path defaultPath() {
        return defaultPath(System.getenv());
    }

    static Path defaultPath(Map<String, String> env) {
        String configured = env.get(CACHE_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "fastembed");
    }

    /** Whether {@code HF_HUB_OFFLINE} is one of 1, true, yes, on (any case), as huggingface_hub reads it. */
    public static boolean offlineForcedByEnvironment() {
        return isTruthy(System.getenv(OFFLINE_ENV));
    }

    static boolean isTruthy(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "1", "TRUE", "YES", "ON" -> true;
            default -> false;
        };
    }
}
