package dev.fastembed.hub;

import dev.fastembed.hub.internal.HubAccess;
import dev.fastembed.hub.internal.HubDownloader;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Downloads models from the Hugging Face hub into the huggingface_hub cache layout, which Python fastembed
 * reads too, and falls back to fastembed's legacy archive URL where the catalog has one.
 *
 * <p>Only the files a model needs are fetched: its ONNX file and additional files plus
 * {@code config.json}, {@code tokenizer.json}, {@code tokenizer_config.json}, {@code special_tokens_map.json}
 * and {@code preprocessor_config.json} where the repository has them. Each file is streamed to a
 * temporary blob, resumed with {@code Range} after a dropped connection, checked against the size and hash
 * the hub lists (sha256 for LFS files, the git blob sha1 otherwise) and moved into place atomically. Two
 * threads or processes asking for the same model download it once: the second waits on a lock file in the
 * cache, then finds the files there.
 *
 * <p>The endpoint comes from {@code HF_ENDPOINT} (default https://huggingface.co) and the token from
 * {@code HF_TOKEN}; the token is sent to the endpoint's host only, and never logged. Thread-safe.
 */
public final class HuggingFaceHub {

    public static final String ENDPOINT_ENV = "HF_ENDPOINT";
    public static final String TOKEN_ENV = "HF_TOKEN";
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    static {
        // The facades reach the downloader through the non-exported package, so it stays out of the API.
        HubAccess.registerDownloaders(hub -> hub.downloader);
    }

    private final HubDownloader downloader;

    private HuggingFaceHub(Builder b) {
        this.downloader = new HubDownloader(b.endpoint, b.token, b.attempts, b.backoff, b.maxWait, b.connectTimeout,
                b.readTimeout);
    }

    /** The hub at {@code HF_ENDPOINT} with {@code HF_TOKEN}, or https://huggingface.co without a token. */
    public static HuggingFaceHub fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder(System.getenv());
    }

    static Builder builder(Map<String, String> environment) {
        return new Builder(environment);
    }

    /** The hub's base URL. */
    public URI endpoint() {
        return downloader.endpoint();
    }

    @Override
    public String toString() {
        return "HuggingFaceHub[" + downloader + "]";
    }

    /** Builder for {@link HuggingFaceHub}; defaults from {@code HF_ENDPOINT} and {@code HF_TOKEN}. */
    public static final class Builder {
        private URI endpoint;
        private String token;
        private int attempts = HubDownloader.DEFAULT_ATTEMPTS;
        private Duration backoff = HubDownloader.DEFAULT_BACKOFF;
        private Duration maxWait = HubDownloader.DEFAULT_MAX_WAIT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        private Builder(Map<String, String> environment) {
            String configured = environment.get(ENDPOINT_ENV);
            this.endpoint = configured == null || configured.isBlank() ? DEFAULT_ENDPOINT
                    : URI.create(configured.strip());
            this.token = environment.get(TOKEN_ENV);
        }

        /** The hub's base URL (a mirror, a proxy); default {@code HF_ENDPOINT}, else https://huggingface.co. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** A bearer token for gated or private repositories; default {@code HF_TOKEN}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Tries per request (and downloads per file whose hash is wrong); default 4. */
        public Builder attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /** The wait before the first retry, tripled for each later one; default 3 s. */
        public Builder backoff(Duration backoff) {
            this.backoff = requirePositive(backoff, "backoff");
            return this;
        }

        /** The longest wait between tries, also the cap on a server's {@code Retry-After}; default 60 s. */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = requirePositive(maxWait, "maxWait");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long a response may keep silent (headers, or bytes of a body) before the try fails; default 60 s. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = requirePositive(readTimeout, "readTimeout");
            return this;
        }

        public HuggingFaceHub build() {
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("the hub endpoint (" + ENDPOINT_ENV + " or endpoint(...)) must "
                        + "be an http(s) URL, was " + endpoint);
            }
            return new HuggingFaceHub(this);
        }

        private static Duration requirePositive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
