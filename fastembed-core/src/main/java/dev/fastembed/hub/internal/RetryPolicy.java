package dev.fastembed.hub.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a request is repeated after 429, 5xx, a timeout or a dropped connection.
 *
 * @param attempts tries in all, at least 1
 * @param firstBackoff the wait before the second try; each later wait is three times the previous
 * @param maxWait the longest wait, also the cap on a server's {@code Retry-After}
 */
record RetryPolicy(int attempts, Duration firstBackoff, Duration maxWait) {

    /** Four tries, waiting 3, 9 and 27 seconds: about fastembed's 3/9/27 s schedule. */
    static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(3), Duration.ofSeconds(60));

    RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxWait, "maxWait");
    }

    /** The wait after failed try {@code attempt} (1-based), or the server's wish when it gave one. */
    Duration backoff(int attempt, Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter
                : firstBackoff.multipliedBy((long) Math.pow(3, Math.min(attempt - 1, 10)));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
