package dev.fastembed.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Hugging Face hub on loopback: the revision and tree APIs, {@code resolve} downloads with {@code Range},
 * LFS files redirected to a "CDN" on another host name ({@code localhost} instead of {@code 127.0.0.1}),
 * a legacy archive URL, and faults on demand. Every request is recorded.
 */
final class FakeHub implements AutoCloseable {

    enum Fault { SERVER_ERROR, TOO_MANY_REQUESTS, CUT, WRONG_BYTES, STALL, SLOW, NOT_FOUND }

    record Request(String path, String range, String authorization) {
    }

    record File(byte[] content, boolean lfs) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final Map<String, Map<String, File>> repos = new ConcurrentHashMap<>();
    private final Map<String, byte[]> archives = new ConcurrentHashMap<>();
    private final Map<String, File> cdn = new ConcurrentHashMap<>();
    private final Map<File, String> digests = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String requiredToken;
    private volatile int retryAfterSeconds = 1;
    private volatile long stallMillis = 3_000;
    private volatile int treePageSize = Integer.MAX_VALUE;

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI archiveUrl(String name) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/archives/" + name);
    }

    void addRepo(String repo, String sha, Map<String, File> files) {
        for (File file : files.values()) {
            String digest = sha256(file.content());
            digests.put(file, digest);
            if (file.lfs()) {
                cdn.put(digest, file);
            }
        }
        shas.put(repo, sha);
        repos.put(repo, new LinkedHashMap<>(files));
    }

    void addArchive(String name, byte[] tarGz) {
        archives.put(name, tarGz);
    }

    /** The next requests whose path contains {@code pathPart} misbehave, one fault each, in order. */
    void fail(String pathPart, Fault... next) {
        faults.computeIfAbsent(pathPart, p -> new ArrayDeque<>()).addAll(Arrays.asList(next));
    }

    void requireToken(String token) {
        this.requiredToken = token;
    }

    void retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
    }

    void stallMillis(long millis) {
        this.stallMillis = millis;
    }

    void treePageSize(int size) {
        this.treePageSize = size;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String pathPart) {
        return requests.stream().filter(r -> r.path().contains(pathPart)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(path + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders().getFirst("Range"), exchange.getRequestHeaders().getFirst("Authorization")));
        try (exchange) {
            Fault fault = nextFault(path);
            if (fault == Fault.SERVER_ERROR) {
                send(exchange, 500, "{\"error\":\"Internal Error\"}");
                return;
            }
            if (fault == Fault.TOO_MANY_REQUESTS) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                send(exchange, 429, "{\"error\":\"rate limited\"}");
                return;
            }
            if (fault == Fault.NOT_FOUND) {
                send(exchange, 404, "{\"error\":\"Repository not found\"}");
                return;
            }
            if (path.startsWith("/archives/")) {
                byte[] archive = archives.get(path.substring("/archives/".length()));
                if (archive == null) {
                    send(exchange, 404, "no such archive");
                } else {
                    sendBytes(exchange, archive, fault);
                }
                return;
            }
            if (path.startsWith("/cdn/")) {
                File file = lfsFile(path.substring("/cdn/".length()));
                if (file == null) {
                    send(exchange, 404, "no such blob");
                } else {
                    sendBytes(exchange, file.content(), fault);
                }
                return;
            }
            if (requiredToken != null && !("Bearer " + requiredToken).equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("X-Error-Message", "Access to this repository is restricted.");
                send(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            if (path.startsWith("/api/models/")) {
                api(exchange, path.substring("/api/models/".length()), query);
                return;
            }
            resolve(exchange, path.substring(1), fault);
        }
    }

    private void api(HttpExchange exchange, String rest, String query) throws IOException {
        String[] parts = rest.split("/", 4); // org, name, verb, argument
        String repo = parts[0] + "/" + parts[1];
        if (!shas.containsKey(repo) || parts.length < 4) {
            exchange.getResponseHeaders().add("X-Error-Message", "Repository not found");
            send(exchange, 404, "{\"error\":\"Repository not found\"}");
            return;
        }
        if (parts[2].equals("revision")) {
            JsonObject info = new JsonObject();
            info.addProperty("id", repo);
            info.addProperty("sha", shas.get(repo));
            send(exchange, 200, info.toString());
            return;
        }
        if (!parts[2].equals("tree") || !parts[3].equals(shas.get(repo))) {
            send(exchange, 404, "{\"error\":\"Revision not found\"}");
            return;
        }
        int from = query != null && query.contains("cursor=") ? Integer.parseInt(query.replaceAll(".*cursor=", "")) : 0;
        List<Map.Entry<String, File>> files = List.copyOf(repos.get(repo).entrySet());
        int to = Math.min(files.size(), from + treePageSize);
        JsonArray tree = new JsonArray();
        for (Map.Entry<String, File> entry : files.subList(from, to)) {
            JsonObject item = new JsonObject();
            item.addProperty("type", "file");
            item.addProperty("path", entry.getKey());
            byte[] content = entry.getValue().content();
            if (entry.getValue().lfs()) {
                String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + digests.get(entry.getValue())
                        + "\nsize " + content.length + "\n";
                byte[] pointerBytes = pointer.getBytes(StandardCharsets.UTF_8);
                item.addProperty("oid", gitSha1(pointerBytes));
                item.addProperty("size", pointerBytes.length);
                JsonObject lfs = new JsonObject();
                lfs.addProperty("oid", digests.get(entry.getValue()));
                lfs.addProperty("size", content.length);
                lfs.addProperty("pointerSize", pointerBytes.length);
                item.add("lfs", lfs);
            } else {
                item.addProperty("oid", gitSha1(content));
                item.addProperty("size", content.length);
            }
            tree.add(item);
        }
        if (to < files.size()) {
            exchange.getResponseHeaders().add("Link", "<" + endpoint() + "/api/models/" + repo + "/tree/"
                    + shas.get(repo) + "?recursive=true&cursor=" + to + ">; rel=\"next\"");
        }
        send(exchange, 200, tree.toString());
    }

    private void resolve(HttpExchange exchange, String rest, Fault fault) throws IOException {
        String[] parts = rest.split("/", 5); // org, name, "resolve", sha, path
        String repo = parts.length == 5 ? parts[0] + "/" + parts[1] : null;
        if (repo == null || !parts[2].equals("resolve") || !repos.containsKey(repo)) {
            send(exchange, 404, "Entry not found");
            return;
        }
        File file = repos.get(repo).get(java.net.URLDecoder.decode(parts[4], StandardCharsets.UTF_8));
        if (file == null || !parts[3].equals(shas.get(repo))) {
            send(exchange, 404, "Entry not found");
            return;
        }
        if (file.lfs()) {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort()
                    + "/cdn/" + digests.get(file));
            if (fault != null) {
                // The fault hits the CDN request the redirect leads to. Registered before the redirect is sent:
                // the client may follow it on another server thread before this one returns.
                fail("/cdn/", fault);
            }
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        sendBytes(exchange, file.content(), fault);
    }

    private File lfsFile(String sha256) {
        return cdn.get(sha256);
    }

    private void sendBytes(HttpExchange exchange, byte[] data, Fault fault) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        int start = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            if (start >= data.length) {
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
        }
        byte[] body = Arrays.copyOfRange(data, start, data.length);
        if (fault == Fault.WRONG_BYTES) {
            body[body.length / 2] ^= 0x5A;
        }
        exchange.sendResponseHeaders(range != null ? 206 : 200, body.length);
        OutputStream out = exchange.getResponseBody();
        int chunk = 64 * 1024;
        try {
            for (int offset = 0; offset < body.length; offset += chunk) {
                int n = Math.min(chunk, body.length - offset);
                if (fault == Fault.CUT && offset + n > body.length / 2) {
                    out.flush();
                    return; // closing the exchange with bytes missing drops the connection
                }
                out.write(body, offset, n);
                if (fault == Fault.STALL && offset == 0) {
                    out.flush();
                    Thread.sleep(stallMillis);
                } else if (fault == Fault.SLOW) {
                    out.flush();
                    Thread.sleep(5);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client gave up (a stall it timed out on); nothing to do
        }
    }

    private Fault nextFault(String path) {
        for (Map.Entry<String, Deque<Fault>> entry : faults.entrySet()) {
            if (path.contains(entry.getKey())) {
                Fault fault = entry.getValue().poll();
                if (fault != null) {
                    return fault;
                }
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static String sha256(byte[] content) {
        return hex("SHA-256", null, content);
    }

    static String gitSha1(byte[] content) {
        return hex("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
    }

    private static String hex(String algorithm, byte[] header, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            if (header != null) {
                digest.update(header);
            }
            return HexFormat.of().formatHex(digest.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
