package dev.fastembed.benchmarks;

import ai.onnxruntime.OrtSession;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time inside {@code OrtSession.run} goes: runs the corpus through one session with ONNX Runtime's
 * profiler on (length-sorted batches, as our engine runs them) and sums the kernel time per operator type.
 */
final class OrtProfile {

    private OrtProfile() {
    }

    static void run(BenchModel model, Path folder, List<String> texts, int batch, int threads,
            String config) throws Exception {
        Path prefix = Files.createTempDirectory("ort-profile").resolve("profile");
        String trace;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.enableProfiling(prefix.toString());
            for (String entry : config.split(",")) {
                if (!entry.isBlank()) {
                    int eq = entry.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--ort-config takes key=value,...; '" + entry
                                + "' has no key or no '='");
                    }
                    options.addConfigEntry(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            try (OrtBaselinePath path = new OrtBaselinePath(model, folder, true, batch, options)) {
                path.embed(texts.subList(0, Math.min(texts.size(), 32))); // warm-up, profiled too: small
                path.embed(texts);
                trace = path.endProfiling();
            }
        }
        Map<String, double[]> byOp = new TreeMap<>(); // op -> [microseconds, calls]
        double runs = 0;
        double nodes = 0;
        for (JsonElement element : JsonParser.parseString(Files.readString(Path.of(trace))).getAsJsonArray()) {
            JsonObject event = element.getAsJsonObject();
            if (!event.has("dur")) {
                continue;
            }
            double dur = event.get("dur").getAsDouble();
            String category = event.has("cat") ? event.get("cat").getAsString() : "";
            String name = event.has("name") ? event.get("name").getAsString() : "";
            if (category.equals("Session") && name.equals("model_run")) {
                runs += dur;
            } else if (category.equals("Node") && name.endsWith("_kernel_time") && event.has("args")) {
                JsonObject args = event.getAsJsonObject("args");
                String op = args.has("op_name") ? args.get("op_name").getAsString() : "?";
                double[] sum = byOp.computeIfAbsent(op, k -> new double[2]);
                sum[0] += dur;
                sum[1]++;
                nodes += dur;
            }
        }
        System.out.printf("### where OrtSession.run spends its time: %s, %d texts, batches of %d sorted by length, "
                + "%d intra-op threads%n%n", model.resource, texts.size(), batch, threads);
        System.out.printf("model_run total %.0f ms; operator kernels %.0f ms (%.1f%%); the rest is ONNX Runtime's "
                + "own work between kernels%n%n", runs / 1000, nodes / 1000, 100 * nodes / runs);
        System.out.println("| operator | ms | share of kernel time | calls |");
        System.out.println("|---|---|---|---|");
        double total = nodes;
        byOp.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf("| %s | %.0f | %.1f%% | %.0f |%n", e.getKey(), e.getValue()[0] / 1000,
                        100 * e.getValue()[0] / total, e.getValue()[1]));
        System.out.println();
        Files.deleteIfExists(Path.of(trace));
    }
}
