package dev.fastembed.benchmarks;

import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextEmbedding;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Texts per second of fastembed, plain ONNX Runtime, LangChain4j and Spring AI on the same ONNX file and
 * tokenizer, in one JVM with alternating rounds; peak RSS per path in a fresh JVM each; RSS of a long stream.
 * Run through {@code benchmarks/run.sh} (see benchmarks/README.md for the options).
 */
public final class ThroughputBenchmark {

    static final List<String> ALL_PATHS = List.of("fastembed", "fastembed-caller", "fastembed-p2", "ort-sorted",
            "ort-unsorted", "langchain4j", "langchain4j-adapter", "spring-ai", "spring-ai-adapter");

    private final Map<String, String> options;

    private ThroughputBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        // The peers (LangChain4j, Spring AI) and the plain ONNX Runtime baseline start ONNX Runtime themselves,
        // possibly before any fastembed facade: switch its telemetry off first, as the product does, so that the
        // benchmark is private however it is launched (run.sh, exec:java, an IDE).
        dev.fastembed.onnx.OrtTelemetry.environment();
        Map<String, String> options = parse(args);
        new ThroughputBenchmark(options).run();
        System.exit(0); // peers leave non-daemon threads behind
    }

    private void run() throws Exception {
        if (options.containsKey("stream")) {
            stream(Long.parseLong(options.get("stream")));
            return;
        }
        if (options.containsKey("bm25")) {
            bm25();
            return;
        }
        if (options.containsKey("spark")) {
            SparkBenchmark.run(corpus(options.getOrDefault("corpus", "short")),
                    Integer.parseInt(options.getOrDefault("copies", "4")),
                    Integer.parseInt(options.getOrDefault("rounds", "3")));
            return;
        }
        if (options.containsKey("soak")) {
            Path resources = dataDir().getParent();
            List<Path> photos = new ArrayList<>();
            for (String name : List.of("chelsea.png", "coffee-crop.jpg", "small.webp", "chelsea-grey.png")) {
                photos.add(resources.resolve("images").resolve(name));
            }
            new Soak(Long.parseLong(options.get("soak")), Long.parseLong(options.getOrDefault("soak-images",
                    Long.toString(Long.parseLong(options.get("soak")) / 10))), corpus(options.getOrDefault("corpus",
                    "short")), tinyTextFolder("tiny-splade"), Soak.clipFolder(resources), photos).run();
            return;
        }
        if (options.containsKey("rerank")) {
            List<String> queries = corpus("short").subList(0, Integer.parseInt(options.getOrDefault("queries", "5")));
            List<String> passages = corpus("passages");
            passages = passages.subList(0, Math.min(passages.size(), Integer.parseInt(options.getOrDefault("documents",
                    "100"))));
            new RerankBenchmark(modelDir(), queries, passages, Integer.parseInt(options.getOrDefault("rounds", "3")))
                    .run();
            return;
        }
        List<BenchModel> models = list("model", "bge,minilm").stream()
                .map(m -> BenchModel.valueOf(m.toUpperCase(Locale.ROOT))).toList();
        List<String> corpora = list("corpus", "short,passages");
        List<String> paths = list("paths", String.join(",", ALL_PATHS));
        if (options.containsKey("device")) {
            FastEmbedPath.device = dev.fastembed.Device.valueOf(options.get("device").toUpperCase(Locale.ROOT));
        }
        System.out.printf("cores: %d, java %s, %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.arch"));
        for (BenchModel model : models) {
            for (String corpus : corpora) {
                if (options.containsKey("profile")) {
                    OrtProfile.run(model, model.extract(modelDir()), corpus(corpus),
                            Integer.parseInt(options.getOrDefault("batch", "8")),
                            Integer.parseInt(options.getOrDefault("threads", "1")),
                            options.getOrDefault("ort-config", ""));
                } else if (options.containsKey("first-vector")) {
                    firstVector(model, options.get("first-vector"));
                } else if (options.containsKey("cold-start")) {
                    if (corpus.equals(corpora.get(0))) { // no corpus: once per model
                        coldStartTable(model, paths);
                    }
                } else if (options.containsKey("only")) {
                    onePathForRss(model, corpus, options.get("only"));
                } else if (options.containsKey("rss")) {
                    rssTable(model, corpus, paths);
                } else {
                    throughputTable(model, corpus, paths);
                }
            }
        }
    }

    // ---- throughput, one JVM, alternating rounds ----

    private void throughputTable(BenchModel model, String corpus, List<String> paths) throws Exception {
        List<String> texts = corpus(corpus);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        Path folder = model.extract(modelDir());
        List<BenchPath> open = new ArrayList<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>(); // [cpu seconds, wall seconds]
        try {
            for (String path : paths) {
                BenchPath bench = open(path, model, folder);
                if (bench == null) {
                    continue;
                }
                try {
                    bench.embed(texts.subList(0, Math.min(texts.size(), 64))); // warm-up
                } catch (Exception | LinkageError e) {
                    System.out.printf("(skipping %s: %s)%n", path, e);
                    bench.close();
                    continue;
                }
                open.add(bench);
                rates.put(bench.name(), new ArrayList<>());
                cpu.put(bench.name(), new double[2]);
            }
            for (int round = 0; round < rounds; round++) {
                for (int p = 0; p < open.size(); p++) {
                    BenchPath bench = open.get((p + round) % open.size()); // rotate who runs first
                    long cpu0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    List<float[]> vectors = bench.embed(texts);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    double used = (processCpuNanos() - cpu0) / 1e9;
                    if (vectors.size() != texts.size()) {
                        throw new IllegalStateException(bench.name() + " returned " + vectors.size() + " vectors");
                    }
                    rates.get(bench.name()).add(texts.size() / wall);
                    cpu.get(bench.name())[0] += used;
                    cpu.get(bench.name())[1] += wall;
                }
            }
        } finally {
            for (BenchPath bench : open) {
                bench.close();
            }
        }
        System.out.printf("### %s / %s (%d texts, %d rounds, median texts/s)%n%n", model.resource, corpus,
                texts.size(), rounds);
        System.out.println("| path | texts/s | vs ORT sorted | vs LangChain4j | CPU cores used | rounds min-max |");
        System.out.println("|---|---|---|---|---|---|");
        Double ort = median(rates.get("ORT sorted b32"));
        Double lc4j = median(rates.get("LangChain4j embedAll"));
        for (Map.Entry<String, List<Double>> entry : rates.entrySet()) {
            double rate = median(entry.getValue());
            double[] c = cpu.get(entry.getKey());
            DoubleSummaryStatistics spread = entry.getValue().stream().mapToDouble(Double::doubleValue)
                    .summaryStatistics();
            System.out.printf("| %s | %.1f | %s | %s | %.2f | %.0f-%.0f |%n", entry.getKey(), rate, ratio(rate, ort),
                    ratio(rate, lc4j), c[0] / c[1], spread.getMin(), spread.getMax());
        }
        System.out.println();
    }

    private BenchPath open(String path, BenchModel model, Path folder) {
        int batch = Integer.parseInt(options.getOrDefault("batch", Integer.toString(TextEmbedding.DEFAULT_BATCH_SIZE)));
        try {
            if (path.startsWith("fastembed") && path.contains("@")) {
                return variant(path, model, folder, batch);
            }
            return switch (path) {
                case "fastembed" -> new FastEmbedPath(model, folder, batch, maxBatchTokens(), null);
                // the caller's thread only: threads set and parallelism not (the defaults before automatic workers)
                case "fastembed-caller" -> new FastEmbedPath(model, folder, batch, maxBatchTokens(), null,
                        Runtime.getRuntime().availableProcessors(), null, "fastembed caller");
                case "fastembed-p2" -> new FastEmbedPath(model, folder, batch, maxBatchTokens(), 2);
                case "fastembed-p0" -> new FastEmbedPath(model, folder, batch, maxBatchTokens(), 0);
                case "splade" -> LargeOutputPath.splade(tinyTextFolder("tiny-splade"));
                case "colbert" -> LargeOutputPath.colbert(tinyTextFolder("tiny-colbert"));
                case "ort-sorted" -> new OrtBaselinePath(model, folder, true);
                case "ort-unsorted" -> new OrtBaselinePath(model, folder, false);
                case "langchain4j" -> new LangChain4jPath(model, folder);
                case "langchain4j-adapter" -> AdapterPath.langchain4j(
                        new FastEmbedPath(model, folder, batch, maxBatchTokens(), null));
                case "spring-ai-adapter" -> AdapterPath.springAi(
                        new FastEmbedPath(model, folder, batch, maxBatchTokens(), null));
                case "spring-ai" -> new SpringAiPath(folder);
                default -> throw new IllegalArgumentException("unknown path '" + path + "'; use " + ALL_PATHS);
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            System.out.printf("(skipping %s: %s)%n", path, e);
            return null;
        }
    }

    /**
     * {@code fastembed[-pN]@t=TOKENS@b=BATCH@th=THREADS@len=MAX_LENGTH}: our engine with other batch, thread or
     * truncation settings, to compare them in one run.
     */
    private BenchPath variant(String path, BenchModel model, Path folder, int batch) {
        String[] parts = path.split("@");
        Integer parallelism = switch (parts[0]) {
            case "fastembed" -> null;
            case "fastembed-p2" -> 2;
            case "fastembed-p0" -> 0;
            default -> throw new IllegalArgumentException("unknown path '" + path + "'");
        };
        Integer tokens = maxBatchTokens();
        Integer threads = null;
        Integer maxLength = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            switch (kv[0]) {
                case "t" -> tokens = Integer.parseInt(kv[1]);
                case "b" -> batch = Integer.parseInt(kv[1]);
                case "th" -> threads = Integer.valueOf(kv[1]);
                case "len" -> maxLength = Integer.valueOf(kv[1]);
                default -> throw new IllegalArgumentException("in '" + path
                        + "' use @t=TOKENS, @b=BATCH, @th=THREADS or @len=MAX_LENGTH");
            }
        }
        return new FastEmbedPath(model, folder, batch, tokens, parallelism, threads, maxLength, path);
    }

    // ---- peak RSS, one fresh JVM per path ----

    private void rssTable(BenchModel model, String corpus, List<String> paths) throws Exception {
        System.out.printf("### peak RSS, %s / %s, each path alone in a fresh JVM, one pass%n%n", model.resource,
                corpus);
        System.out.println("| path | peak RSS (MB) |");
        System.out.println("|---|---|");
        for (String path : paths) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ThroughputBenchmark.class.getName(),
                    "--only", path, "--model", model.name().toLowerCase(Locale.ROOT), "--corpus", corpus,
                    "--data", dataDir().toString(), "--models-dir", modelDir().toString()));
            for (String passed : List.of("batch", "max-batch-tokens")) {
                if (options.containsKey(passed)) {
                    command.addAll(List.of("--" + passed, options.get(passed)));
                }
            }
            ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
            // The peers start ONNX Runtime and DJL themselves, before any fastembed code could switch them off.
            child.environment().putIfAbsent("ORT_DISABLE_TELEMETRY", "1");
            child.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
            Process process = child.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.MINUTES);
            String rss = output.lines().filter(l -> l.startsWith("PEAK_RSS_MB=")).map(l -> l.substring(12))
                    .findFirst().orElse("failed: " + output.lines().reduce((a, b) -> b).orElse(""));
            System.out.printf("| %s | %s |%n", path, rss);
        }
        System.out.println();
    }

    // ---- cold start: a fresh JVM per path and round, from building the model to its first vector ----

    private void coldStartTable(BenchModel model, List<String> paths) throws Exception {
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        System.out.printf("### time to first vector, %s, a fresh JVM per path and round, %d rounds (ms, median and "
                + "min-max)%n%n", model.resource, rounds);
        System.out.println("| path | build + first embed | JVM start to first vector |");
        System.out.println("|---|---|---|");
        for (String path : paths) {
            List<Double> build = new ArrayList<>();
            List<Double> uptime = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                List<String> command = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), ThroughputBenchmark.class.getName(),
                        "--first-vector", path, "--model", model.name().toLowerCase(Locale.ROOT),
                        "--data", dataDir().toString(), "--models-dir", modelDir().toString()));
                ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
                child.environment().putIfAbsent("ORT_DISABLE_TELEMETRY", "1");
                child.environment().putIfAbsent("OPT_OUT_TRACKING", "true");
                Process process = child.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(10, TimeUnit.MINUTES);
                output.lines().filter(l -> l.startsWith("FIRST_VECTOR_MS=")).findFirst().ifPresent(line -> {
                    String[] parts = line.substring(16).split(",");
                    build.add(Double.parseDouble(parts[0]));
                    uptime.add(Double.parseDouble(parts[1]));
                });
            }
            if (build.isEmpty()) {
                System.out.printf("| %s | failed | |%n", path);
                continue;
            }
            System.out.printf("| %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) |%n", path, median(build),
                    Collections.min(build), Collections.max(build), median(uptime), Collections.min(uptime),
                    Collections.max(uptime));
        }
        System.out.println();
    }

    private void firstVector(BenchModel model, String path) throws Exception {
        Path folder = model.extract(modelDir()); // extracting the jar's files is not the model's start-up
        // Logging is up before any model is built in an application; on this classpath SLF4J binds Spark's
        // log4j2, whose first logger costs ~0.5 s and would land on whichever path logs first.
        org.slf4j.LoggerFactory.getLogger(ThroughputBenchmark.class);
        long start = System.nanoTime();
        try (BenchPath bench = open(path, model, folder)) {
            bench.embed(List.of("How long until the first vector?"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("FIRST_VECTOR_MS=" + ms + ","
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    private void onePathForRss(BenchModel model, String corpus, String path) throws Exception {
        try (BenchPath bench = open(path, model, model.extract(modelDir()))) {
            if (bench != null) {
                bench.embed(corpus(corpus));
            }
        }
        System.out.println("PEAK_RSS_MB=" + peakRssMb());
    }

    // ---- a long stream through fastembed: RSS must stay flat ----

    private void stream(long count) throws Exception {
        BenchModel model = BenchModel.valueOf(options.getOrDefault("model", "bge").toUpperCase(Locale.ROOT));
        List<String> texts = corpus(options.getOrDefault("corpus", "short"));
        Path folder = model.extract(modelDir());
        int batch = Integer.parseInt(options.getOrDefault("batch", "256"));
        try (FastEmbedPath embedding = new FastEmbedPath(model, folder, batch, maxBatchTokens(), null)) {
            Stream<String> source = Stream.iterate(0L, i -> i < count, i -> i + 1)
                    .map(i -> texts.get((int) (i % texts.size())));
            long[] seen = {0};
            long start = System.nanoTime();
            long report = Math.max(1, count / 10);
            System.out.printf("streaming %d %s texts through %s%n", count, options.getOrDefault("corpus", "short"),
                    model.resource);
            try (Stream<float[]> vectors = embedding.embed(source)) {
                vectors.forEach(v -> {
                    if (++seen[0] % report == 0) {
                        System.out.printf("%,d texts, %.0f texts/s, RSS %d MB, peak %d MB%n", seen[0],
                                seen[0] / ((System.nanoTime() - start) / 1e9), rssMb("VmRSS"), peakRssMb());
                    }
                });
            }
        }
    }

    // ---- BM25 and SPLADE: no peer in LangChain4j or Spring AI; texts per second only ----

    private void bm25() throws Exception {
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        System.out.printf("cores: %d, java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("| corpus | BM25 documents (texts/s) | documents p=2 | queries | SPLADE documents, tiny graph "
                + "(texts/s) | rounds min-max (BM25 documents / SPLADE) |");
        System.out.println("|---|---|---|---|---|---|");
        Path splade = tinyTextFolder("tiny-splade");
        try (SparseTextEmbedding caller = SparseTextEmbedding.builder().model("Qdrant/bm25").build();
                SparseTextEmbedding parallel = SparseTextEmbedding.builder().model("Qdrant/bm25").parallelism(2)
                        .build();
                SparseTextEmbedding spladeModel = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                        .modelPath(splade).build()) {
            for (String corpus : list("corpus", "short,passages")) {
                List<String> texts = corpus(corpus);
                List<Double> docs = new ArrayList<>();
                List<Double> docsParallel = new ArrayList<>();
                List<Double> queries = new ArrayList<>();
                List<Double> spladeDocs = new ArrayList<>();
                caller.embed(texts); // warm-up
                parallel.embed(texts);
                spladeModel.embed(texts);
                for (int round = 0; round < rounds; round++) {
                    docs.add(rate(texts.size(), () -> caller.embed(texts)));
                    docsParallel.add(rate(texts.size(), () -> parallel.embed(texts)));
                    queries.add(rate(texts.size(), () -> caller.queryEmbed(texts)));
                    spladeDocs.add(rate(texts.size(), () -> spladeModel.embed(texts)));
                }
                System.out.printf("| %s (%d) | %.0f | %.0f | %.0f | %.0f | %.0f-%.0f / %.0f-%.0f |%n", corpus,
                        texts.size(), median(docs), median(docsParallel), median(queries), median(spladeDocs),
                        Collections.min(docs), Collections.max(docs), Collections.min(spladeDocs),
                        Collections.max(spladeDocs));
            }
        }
        System.out.println();
    }

    /**
     * The generated SPLADE graph (fastembed-core/src/test/python/make_tiny_models.py: real input names, logits
     * over the 30,522-word BERT vocabulary) with bge-small's tokenizer: the graph is small, so the numbers
     * measure tokenization and the masked max over the vocabulary, which is our code, not ONNX Runtime's.
     */
    /** A generated text graph as model.onnx beside bge's tokenizer, in a temporary folder removed at exit. */
    private Path tinyTextFolder(String graph) throws Exception {
        Path folder = Files.createTempDirectory(graph);
        folder.toFile().deleteOnExit();
        tinyTextFolder(dataDir().getParent(), graph, folder);
        folder.resolve("model.onnx").toFile().deleteOnExit();
        folder.resolve("tokenizer.json").toFile().deleteOnExit();
        return folder;
    }

    /**
     * {@code folder} holding fastembed-core's generated graph {@code tiny-models/<graph>.onnx} as model.onnx beside
     * bge-small's tokenizer.json: a model folder for {@code modelPath(...)}.
     */
    static Path tinyTextFolder(Path testResources, String graph, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.copy(testResources.resolve("tiny-models/" + graph + ".onnx"), folder.resolve("model.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        try (var in = ThroughputBenchmark.class.getResourceAsStream("/bge-small-en-v1.5-q-tokenizer.json")) {
            Files.copy(Objects.requireNonNull(in, "bge-small-en-v1.5-q-tokenizer.json"), folder.resolve("tokenizer.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    private static double rate(int count, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    // ---- helpers ----

    /** fastembed's token budget per run, or null for its default (which follows the session's threads). */
    private Integer maxBatchTokens() {
        String tokens = options.get("max-batch-tokens");
        return tokens == null ? null : Integer.valueOf(tokens);
    }

    private List<String> corpus(String name) throws Exception {
        String file = switch (name) {
            case "short" -> "short.txt";
            case "passages" -> "passage.txt";
            default -> throw new IllegalArgumentException("corpus is short or passages, not " + name);
        };
        List<String> lines = Files.readAllLines(dataDir().resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        int limit = Integer.parseInt(options.getOrDefault("limit", "0"));
        return limit > 0 ? lines.subList(0, Math.min(limit, lines.size())) : lines;
    }

    private Path dataDir() {
        if (options.containsKey("data")) {
            return Path.of(options.get("data")).toAbsolutePath();
        }
        for (String candidate : new String[] {"fastembed-core/src/test/resources/fortunes",
                "../fastembed-core/src/test/resources/fortunes"}) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        throw new IllegalArgumentException("run from the repository root, or pass --data <dir with short.txt>");
    }

    private Path modelDir() {
        return Path.of(options.getOrDefault("models-dir", "benchmarks/target/models")).toAbsolutePath();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long peakRssMb() {
        return rssMb("VmHWM");
    }

    static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    static Double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String ratio(double rate, Double reference) {
        return reference == null ? "-" : String.format("%.2fx", rate / reference);
    }

    private List<String> list(String key, String fallback) {
        return Arrays.stream(options.getOrDefault(key, fallback).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        return options;
    }
}
