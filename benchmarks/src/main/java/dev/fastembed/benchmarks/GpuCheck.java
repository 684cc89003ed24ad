package dev.fastembed.benchmarks;

import dev.fastembed.Device;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;
import dev.fastembed.model.RerankerModelDescription;
import dev.fastembed.onnx.ExecutionProviders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The correctness half of {@code benchmarks/gpu-check.sh}: every kind that has a graph (dense, sparse, rerank,
 * image) runs the same inputs on {@code Device.CUDA} and on the CPU, and the vectors must agree (fp32 graphs:
 * cosine at least 0.9999, scores within 1e-4). Writes a markdown table to the file given; exits 1 when a check
 * fails, 2 when CUDA does not load here (the script then runs its CPU half only).
 */
public final class GpuCheck {

    static final double MIN_COSINE = 0.9999;

    private GpuCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "benchmarks/target/gpu-check.md");
        Files.createDirectories(report.toAbsolutePath().getParent());
        StringBuilder out = new StringBuilder("## CUDA against CPU, same inputs (fp32 graphs)\n\n");
        Device auto = ExecutionProviders.resolveAuto();
        if (auto != Device.CUDA) {
            out.append("No CUDA here: ExecutionProviders.cudaPackaged() = ").append(ExecutionProviders.cudaPackaged())
                    .append(", missing libraries: ").append(ExecutionProviders.missingCudaLibraries())
                    .append(". The CPU half only.\n");
            Files.writeString(report, out.toString(), StandardCharsets.UTF_8);
            System.out.print(out);
            System.exit(2);
        }
        Path resources = resources();
        Path work = Files.createTempDirectory("gpu-check");
        List<String> texts = lines(resources.resolve("fortunes/short.txt")).subList(0, 200);
        out.append("| kind | model | inputs | worst cosine / largest score difference | verdict |\n|---|---|---|---|---|\n");
        boolean ok = true;

        Path bge = BenchModel.BGE.extract(Path.of("benchmarks/target/models"));
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals("gpu/bge-q"))) {
            TextEmbedding.addCustomModel(ModelDescription.builder("gpu/bge-q").dimension(384).pooling(Pooling.CLS)
                    .normalize(true).modelFile("model.onnx").maxLength(512).build());
        }
        ok &= dense(out, "gpu/bge-q (int8)", bge, texts, 0.999); // int8: dynamic quantization differs slightly
        Path tiny = ThroughputBenchmark.tinyTextFolder(resources, "tiny-encoder", work.resolve("tiny"));
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals("gpu/tiny"))) {
            TextEmbedding.addCustomModel(ModelDescription.builder("gpu/tiny").dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).build());
        }
        ok &= dense(out, "gpu/tiny", tiny, texts, MIN_COSINE);

        Path splade = ThroughputBenchmark.tinyTextFolder(resources, "tiny-splade", work.resolve("splade"));
        try (SparseTextEmbedding cuda = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                .modelPath(splade).device(Device.CUDA).build();
                SparseTextEmbedding cpu = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                        .modelPath(splade).device(Device.CPU).build()) {
            List<SparseEmbedding> a = cuda.embed(texts);
            List<SparseEmbedding> b = cpu.embed(texts);
            double worst = 1;
            for (int i = 0; i < texts.size(); i++) {
                worst = Math.min(worst, a.get(i).dot(b.get(i)) / Math.sqrt(a.get(i).dot(a.get(i)) * b.get(i).dot(b.get(i))));
            }
            ok &= row(out, "sparse (SPLADE)", "generated graph", texts.size(), worst, worst >= MIN_COSINE);
        }

        Path reranker = ThroughputBenchmark.tinyTextFolder(resources, "tiny-cross-encoder", work.resolve("rerank"));
        if (TextCrossEncoder.listSupportedModels().stream().noneMatch(m -> m.id().equals("gpu/rerank"))) {
            TextCrossEncoder.addCustomModel(RerankerModelDescription.custom("gpu/rerank", "model.onnx", 512));
        }
        try (TextCrossEncoder cuda = TextCrossEncoder.builder().model("gpu/rerank").modelPath(reranker)
                .device(Device.CUDA).build();
                TextCrossEncoder cpu = TextCrossEncoder.builder().model("gpu/rerank").modelPath(reranker)
                        .device(Device.CPU).build()) {
            List<Double> a = cuda.rerank(texts.get(0), texts);
            List<Double> b = cpu.rerank(texts.get(0), texts);
            double largest = 0;
            for (int i = 0; i < a.size(); i++) {
                largest = Math.max(largest, Math.abs(a.get(i) - b.get(i)));
            }
            ok &= row(out, "rerank", "generated cross-encoder", a.size(), largest, largest <= 1e-4);
        }

        Path vision = Soak.clipFolder(resources);
        List<Path> photos = new ArrayList<>();
        try (var files = Files.list(resources.resolve("images"))) {
            files.filter(p -> p.toString().endsWith(".png") && !p.getFileName().toString().startsWith("ref-"))
                    .limit(8).forEach(photos::add);
        }
        try (ImageEmbedding cuda = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(vision)
                .device(Device.CUDA).build();
                ImageEmbedding cpu = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(vision)
                        .device(Device.CPU).build()) {
            List<float[]> a = cuda.embed(photos);
            List<float[]> b = cpu.embed(photos);
            double worst = worstCosine(a, b);
            ok &= row(out, "image (CLIP vision)", "generated graph", photos.size(), worst, worst >= MIN_COSINE);
        }
        Files.writeString(report, out.toString(), StandardCharsets.UTF_8);
        System.out.print(out);
        System.exit(ok ? 0 : 1);
    }

    private static boolean dense(StringBuilder out, String id, Path folder, List<String> texts, double min) {
        try (TextEmbedding cuda = TextEmbedding.builder().model(id).modelPath(folder).device(Device.CUDA).build();
                TextEmbedding cpu = TextEmbedding.builder().model(id).modelPath(folder).device(Device.CPU).build()) {
            if (cuda.device() != Device.CUDA) {
                throw new IllegalStateException(id + " did not run on CUDA: " + cuda.device());
            }
            double worst = worstCosine(cuda.embed(texts), cpu.embed(texts));
            return row(out, "dense", id, texts.size(), worst, worst >= min);
        }
    }

    private static boolean row(StringBuilder out, String kind, String model, int inputs, double value, boolean ok) {
        out.append(String.format("| %s | %s | %d | %.6f | %s |%n", kind, model, inputs, value, ok ? "ok" : "FAILED"));
        return ok;
    }

    static double worstCosine(List<float[]> a, List<float[]> b) {
        double worst = 1;
        for (int i = 0; i < a.size(); i++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int k = 0; k < a.get(i).length; k++) {
                dot += a.get(i)[k] * (double) b.get(i)[k];
                na += a.get(i)[k] * (double) a.get(i)[k];
                nb += b.get(i)[k] * (double) b.get(i)[k];
            }
            worst = Math.min(worst, dot / Math.sqrt(na * nb));
        }
        return worst;
    }

    private static Path resources() {
        Path path = Path.of("fastembed-core/src/test/resources");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("run from the repository root: no " + path.toAbsolutePath());
        }
        return path;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
