package dev.fastembed.hub.internal;

import dev.fastembed.hub.DownloadListener;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Hugging Face hub calls a model download needs, over {@link HttpClient}: a revision's commit sha,
 * the file list of that commit, and file bodies (resumable with {@code Range}). Retries 429, 5xx,
 * timeouts and dropped connections with backoff, honouring {@code Retry-After}; fails at once on other
 * answers. Redirects are followed by hand so that the token never goes to another host (the hub sends
 * large files to a CDN).
 */
final class HubClient {

    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
    private static final int MAX_REDIRECTS = 8;
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final URI endpoint;
    private final String token;
    private final RetryPolicy retry;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    /** Made on the first request: building a JDK HttpClient takes most of a second (SSL context, selector
     * thread), which a model found in the cache, a jar or a folder never needs. */
    private volatile HttpClient http;

    HubClient(URI endpoint, String token, RetryPolicy retry, Duration connectTimeout, Duration readTimeout) {
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.retry = Objects.requireNonNull(retry, "retry");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER);
                    ProxySelector proxies = ProxySelector.getDefault();
                    if (proxies != null) {
                        builder.proxy(proxies); // the JDK client ignores -Dhttps.proxyHost without the selector
                    }
                    client = builder.build();
                    http = client;
                }
            }
        }
        return client;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The commit a branch or tag points to now. */
    String commitSha(String repo, String revision) throws IOException {
        URI uri = endpoint.resolve("api/models/" + repo + "/revision/" + encode(revision));
        JsonElement json = getJson(uri, repo);
        JsonElement sha = json.isJsonObject() ? json.getAsJsonObject().get("sha") : null;
        String value = sha == null || sha.isJsonNull() ? null : sha.getAsString();
        if (value == null || !SHA.matcher(value).matches()) {
            throw new IOException("The hub's answer for " + repo + "@" + revision + " (" + uri + ") has no commit sha");
        }
        return value;
    }

    /** Every file of a commit, following the hub's paging links. */
    List<HubFile> files(String repo, String sha) throws IOException {
        List<HubFile> files = new ArrayList<>();
        URI next = endpoint.resolve("api/models/" + repo + "/tree/" + sha + "?recursive=true");
        for (int page = 0; next != null && page < 10_000; page++) {
            URI uri = next;
            HttpResponse<String> response = withRetries("listing " + repo, uri, () -> text(uri, repo));
            JsonArray entries;
            try {
                entries = JsonParser.parseString(response.body()).getAsJsonArray();
            } catch (JsonParseException | IllegalStateException e) {
                throw new IOException("The hub's file list for " + repo + " (" + uri + ") is not a JSON array", e);
            }
            for (JsonElement element : entries) {
                JsonObject entry = element.getAsJsonObject();
                if (!"file".equals(string(entry, "type"))) {
                    continue;
                }
                JsonObject lfs = entry.has("lfs") && entry.get("lfs").isJsonObject() ? entry.getAsJsonObject("lfs") : null;
                long size = lfs != null && lfs.has("size") ? lfs.get("size").getAsLong() : entry.get("size").getAsLong();
                files.add(new HubFile(string(entry, "path"), size, string(entry, "oid"),
                        lfs == null ? null : string(lfs, "oid")));
            }
            next = nextPage(uri, response.headers());
        }
        return files;
    }

    /** A file of a commit, at its {@code resolve} URL. */
    URI fileUri(String repo, String sha, String path) {
        StringBuilder encoded = new StringBuilder();
        for (String part : path.split("/")) {
            encoded.append(encoded.length() == 0 ? "" : "/").append(encode(part));
        }
        return endpoint.resolve(repo + "/resolve/" + sha + "/" + encoded);
    }

    /**
     * Downloads {@code uri} into {@code partial}, resuming from the bytes already there, retrying transport
     * failures. Leaves {@code partial} in place on failure, so the next call resumes.
     *
     * @param expectedSize the size the file must end with, or -1 when unknown
     */
    void fetch(URI uri, Path partial, long expectedSize, String name, DownloadListener listener, String repo)
            throws IOException {
        withRetries("downloading " + name, uri, () -> {
            fetchOnce(uri, partial, expectedSize, name, listener, repo);
            return null;
        });
    }

    private void fetchOnce(URI uri, Path partial, long expectedSize, String name, DownloadListener listener,
            String repo) throws IOException {
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        if (expectedSize >= 0 && have > expectedSize) {
            Files.delete(partial); // longer than the file can be: start over
            have = 0;
        }
        if (expectedSize >= 0 && have == expectedSize) {
            return; // a previous try got every byte; the caller verifies them
        }
        Map<String, String> headers = have > 0 ? Map.of("Range", "bytes=" + have + "-") : Map.of();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, headers,
                HttpResponse.BodyHandlers.ofPublisher());
        try (TimedBody body = new TimedBody(response.body(), readTimeout)) {
            int status = response.statusCode();
            if (status == 416) {
                Files.deleteIfExists(partial);
                throw new IOException("the server refused to resume " + name + " at byte " + have + "; starting over");
            }
            check(response, uri, repo);
            boolean append = status == 206 && have > 0 && resumesAt(response.headers(), have);
            if (!append) {
                have = 0; // the server sent the whole file
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            long total = expectedSize >= 0 ? expectedSize : length >= 0 ? have + length : -1;
            copy(body, partial, append, have, total, name, listener);
        }
        long size = Files.size(partial);
        if (expectedSize >= 0 && size != expectedSize) {
            throw new IOException("the connection ended after " + size + " of " + expectedSize + " bytes of " + name);
        }
    }

    private static boolean resumesAt(HttpHeaders headers, long offset) {
        return headers.firstValue("Content-Range").map(range -> range.startsWith("bytes " + offset + "-"))
                .orElse(false);
    }

    /** Appends the body to the partial file, telling the listener as bytes arrive. */
    private static void copy(TimedBody body, Path partial, boolean append, long start, long total, String name,
            DownloadListener listener) throws IOException {
        long done = start;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            listener.progress(name, done, total);
            for (List<ByteBuffer> chunk; (chunk = body.next()) != null; ) {
                for (ByteBuffer buffer : chunk) {
                    while (buffer.hasRemaining()) {
                        done += out.write(buffer);
                    }
                }
                listener.progress(name, done, total);
            }
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    private JsonElement getJson(URI uri, String repo) throws IOException {
        HttpResponse<String> response = withRetries("asking the hub about " + repo, uri, () -> text(uri, repo));
        try {
            return JsonParser.parseString(response.body());
        } catch (JsonParseException e) {
            throw new IOException("The hub's answer from " + uri + " is not JSON", e);
        }
    }

    private HttpResponse<String> text(URI uri, String repo) throws IOException {
        HttpResponse<String> response = send(uri, Map.of("Accept", "application/json"),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        check(response, uri, repo);
        return response;
    }

    /** One request, following redirects; the token goes to the hub's own host only. */
    private <T> HttpResponse<T> send(URI uri, Map<String, String> headers, BodyHandler<T> handler) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(readTimeout).GET()
                    .header("User-Agent", "fastembed-java");
            headers.forEach(request::header);
            if (token != null && sameOrigin(current, endpoint)) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<T> response;
            try {
                response = http().send(request.build(), info -> isRedirect(info.statusCode())
                        ? BodySubscribers.replacing(null) : handler.apply(info));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while requesting " + current);
            }
            if (!isRedirect(response.statusCode())) {
                return response;
            }
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new IOException("redirect without a Location from " + uri));
            current = current.resolve(location);
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + uri);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    private void check(HttpResponse<?> response, URI uri, String repo) throws HubHttpException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String detail = response.headers().firstValue("X-Error-Message").map(m -> " (" + m + ")").orElse("");
        String advice = switch (status) {
            case 401, 403 -> ". The repository " + repo + " may be gated or private: accept its terms on "
                    + "huggingface.co and set HF_TOKEN to a token with access"
                    + (token == null ? " (no token is set)" : " (the token set was refused)")
                    + ", or use offline(true) with a filled cache, modelPath(...) or a classpath bundle";
            case 404 -> ". Check the model id, the source repository " + repo + " and the revision, or use "
                    + "modelPath(...) or a classpath bundle";
            default -> "";
        };
        throw new HubHttpException(status, "HTTP " + status + " from " + uri + detail + advice,
                retryAfter(response.headers()));
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static URI nextPage(URI current, HttpHeaders headers) {
        for (String link : headers.allValues("Link")) {
            Matcher matcher = NEXT_LINK.matcher(link);
            if (matcher.find()) {
                return current.resolve(matcher.group(1));
            }
        }
        return null;
    }

    interface Call<T> {
        T run() throws IOException;
    }

    /** Runs {@code call}, again after 429, 5xx, timeouts and I/O failures, as the retry policy allows. */
    <T> T withRetries(String what, URI target, Call<T> call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try {
                return call.run();
            } catch (HubHttpException e) {
                if (!e.retryable() || attempt >= retry.attempts()) {
                    throw e;
                }
                retryAfter = e.retryAfter();
                warn(what, attempt, e);
            } catch (InterruptedIOException e) {
                throw e; // the caller wants to stop (timeouts are HttpTimeoutException, retried below)
            } catch (ConnectException | UnknownHostException e) {
                // No route, no name, nothing listening: on an air-gapped host retries only add minutes.
                throw new IOException("cannot reach " + target.getHost() + ":" + port(target) + " (" + describe(e)
                        + ")", e);
            } catch (IOException e) {
                if (CacheWrites.isLocal(e)) {
                    throw e; // a full or read-only disk: trying again changes nothing
                }
                if (attempt >= retry.attempts()) {
                    throw e;
                }
                warn(what, attempt, e);
            }
            sleep(retry.backoff(attempt, retryAfter));
        }
    }

    private void warn(String what, int attempt, IOException e) {
        LOG.warn("{} failed (try {} of {}): {}", what, attempt, retry.attempts(), describe(e));
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The JDK client often throws with a null message; name the exception and its cause instead. */
    static String describe(Throwable e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        String name = e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        if (cause == null || cause == e) {
            return name;
        }
        String inner = describe(cause);
        return inner.startsWith(name) ? inner : name + ": " + inner;
    }

    private static void sleep(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static String string(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "HubClient[" + endpoint + ", token " + (token == null ? "unset" : "set") + "]";
    }
}
