package dev.fastembed.hub.internal;

import java.io.IOException;
import java.time.Duration;

/** An HTTP answer that is not a success, with whether asking again may help. */
final class HubHttpException extends IOException {

    private final int status;
    private final transient Duration retryAfter;

    HubHttpException(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, or null. */
    Duration retryAfter() {
        return retryAfter;
    }

    int status() {
        return status;
    }

    /** 429 and 5xx may pass; 401, 403, 404 and other 4xx will not. */
    boolean retryable() {
        return status == 429 || status >= 500;
    }
}
