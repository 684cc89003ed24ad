package dev.fastembed.hub.internal;

import dev.fastembed.hub.HuggingFaceHub;

import java.util.Objects;
import java.util.function.Function;

/**
 * Hands a {@link HuggingFaceHub}'s downloader to the facades without making it part of the exported API (the
 * JDK's "shared secrets" pattern): {@code HuggingFaceHub} registers the accessor when its class initialises,
 * which happens before any instance can exist.
 */
public final class HubAccess {

    private static volatile Function<HuggingFaceHub, ModelDownloader> downloaders;

    private HubAccess() {
    }

    /** Called once, by {@code HuggingFaceHub}'s static initialiser. */
    public static void registerDownloaders(Function<HuggingFaceHub, ModelDownloader> accessor) {
        if (downloaders != null) {
            throw new IllegalStateException("the hub accessor is already registered");
        }
        downloaders = Objects.requireNonNull(accessor, "accessor");
    }

    /** The downloader behind {@code hub}. */
    public static ModelDownloader downloader(HuggingFaceHub hub) {
        return downloaders.apply(Objects.requireNonNull(hub, "hub"));
    }
}
