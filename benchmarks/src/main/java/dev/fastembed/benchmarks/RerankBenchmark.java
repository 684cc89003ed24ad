package dev.fastembed.benchmarks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextPair;
import dev.fastembed.model.RerankerModelDescription;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.onnx.OnnxScoringModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reranking throughput: fastembed's {@link TextCrossEncoder} against LangChain4j's {@link OnnxScoringModel} on
 * the same cross-encoder file and tokenizer. The file is LangChain4j's int8 all-MiniLM-L6-v2 body with a random
 * cross-encoder head ({@code src/main/python/make_cross_encoder.py}): the size and cost per pair of
 * Xenova/ms-marco-MiniLM-L-6-v2, whose weights are not reachable here. Pairs per second, median of alternating
 * rounds; each round reranks the same documents for several queries.
 */
final class RerankBenchmark {

    private static final String MODEL_ID = "bench/minilm-cross-encoder";

    private final Path modelDir;
    private final List<String> queries;
    private final List<String> documents;
    private final int rounds;

    RerankBenchmark(Path modelDir, List<String> queries, List<String> documents, int rounds) {
        this.modelDir = modelDir;
        this.queries = queries;
        this.documents = documents;
        this.rounds = rounds;
    }

    void run() throws Exception {
        Path folder = crossEncoder();
        if (TextCrossEncoder.listSupportedModels().stream().noneMatch(m -> m.id().equals(MODEL_ID))) {
            TextCrossEncoder.addCustomModel(RerankerModelDescription.custom(MODEL_ID, "model.onnx", 512));
        }
        Map<String, Reranker> paths = new LinkedHashMap<>();
        try (TextCrossEncoder caller = TextCrossEncoder.builder().model(MODEL_ID).modelPath(folder).build();
                TextCrossEncoder parallel = TextCrossEncoder.builder().model(MODEL_ID).modelPath(folder)
                        .parallelism(2).build();
                OnnxScoringModel langchain4j = new OnnxScoringModel(folder.resolve("model.onnx").toString(),
                        folder.resolve("tokenizer.json").toString())) {
            List<TextSegment> segments = documents.stream().map(TextSegment::from).toList();
            paths.put("fastembed rerank", query -> caller.rerank(query, documents).size());
            paths.put("fastembed rerank p=2", query -> parallel.rerank(query, documents).size());
            paths.put("LangChain4j OnnxScoringModel scoreAll", query -> langchain4j.scoreAll(segments, query)
                    .content().size());
            // our LangChain4j ScoringModel over the same encoder as "fastembed rerank" (the adapter's own cost)
            dev.fastembed.langchain4j.FastEmbedScoringModel adapter =
                    dev.fastembed.langchain4j.FastEmbedScoringModel.of(caller);
            paths.put("our LangChain4j FastEmbedScoringModel scoreAll", query -> adapter.scoreAll(segments, query)
                    .content().size());
            String first = queries.get(0);
            System.out.printf("tokens for one query x %d passages: fastembed %d, LangChain4j %d%n%n",
                    documents.size(),
                    caller.tokenCount(documents.stream().map(d -> TextPair.of(first, d)).toList()),
                    langchain4j.scoreAll(segments, first).tokenUsage().inputTokenCount());
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(paths.keySet());
            for (String name : names) {
                paths.get(name).rerank(queries.get(0)); // warm-up
                rates.put(name, new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (int p = 0; p < names.size(); p++) {
                    String name = names.get((p + round) % names.size());
                    long start = System.nanoTime();
                    int pairs = 0;
                    for (String query : queries) {
                        pairs += paths.get(name).rerank(query);
                    }
                    rates.get(name).add(pairs / ((System.nanoTime() - start) / 1e9));
                }
            }
            System.out.printf("### reranking, MiniLM-L6 int8 cross-encoder, %d queries x %d passages per round, "
                    + "%d rounds, median pairs/s%n%n", queries.size(), documents.size(), rounds);
            System.out.println("| path | pairs/s | vs LangChain4j | rounds min-max |");
            System.out.println("|---|---|---|---|");
            double reference = ThroughputBenchmark.median(rates.get(names.get(2)));
            for (String name : names) {
                List<Double> values = rates.get(name);
                double rate = ThroughputBenchmark.median(values);
                System.out.printf("| %s | %.1f | %.2fx | %.0f-%.0f |%n", name, rate, rate / reference,
                        values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                        values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
            System.out.println();
        }
    }

    /** Builds the cross-encoder file once from the MiniLM body with Debian's python3-onnx. */
    private Path crossEncoder() throws Exception {
        Path body = BenchModel.MINILM.extract(modelDir);
        Path folder = modelDir.resolve("minilm-cross-encoder");
        Path model = folder.resolve("model.onnx");
        if (!Files.isRegularFile(model)) {
            Files.createDirectories(folder);
            Path script = Path.of("benchmarks/src/main/python/make_cross_encoder.py");
            Path partial = folder.resolve("model.onnx.part");
            Process process = new ProcessBuilder("/usr/bin/python3", script.toString(),
                    body.resolve("model.onnx").toString(), partial.toString()).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("could not build the cross-encoder with " + script
                        + "; it needs /usr/bin/python3 with python3-onnx and python3-numpy (apt)");
            }
            Files.move(partial, model);
        }
        // all-MiniLM-L6-v2's tokenizer.json truncates at 128, which DJL (and so LangChain4j) keeps; the real
        // ms-marco cross-encoders truncate at 512, so both paths get the pairs whole, as in production.
        JsonObject tokenizer = JsonParser.parseString(Files.readString(body.resolve("tokenizer.json")))
                .getAsJsonObject();
        tokenizer.getAsJsonObject("truncation").addProperty("max_length", 512);
        Files.writeString(folder.resolve("tokenizer.json"), tokenizer.toString());
        return folder;
    }

    @FunctionalInterface
    private interface Reranker {
        int rerank(String query) throws Exception;
    }
}
