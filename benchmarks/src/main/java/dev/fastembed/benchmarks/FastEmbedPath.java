package dev.fastembed.benchmarks;

import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Our engine, end to end through {@link TextEmbedding#embed(List)}: tokenization included. */
final class FastEmbedPath implements BenchPath {

    /** Where fastembed's paths run ({@code --device cpu|cuda|auto}; gpu-check.sh runs both). */
    static volatile dev.fastembed.Device device = dev.fastembed.Device.AUTO;

    private final TextEmbedding model;
    private final String name;

    FastEmbedPath(BenchModel bench, Path folder, int batchSize, Integer maxBatchTokens, Integer parallelism) {
        this(bench, folder, batchSize, maxBatchTokens, parallelism, null, null,
                parallelism == null ? "fastembed defaults" : "fastembed p=" + parallelism);
    }

    FastEmbedPath(BenchModel bench, Path folder, int batchSize, Integer maxBatchTokens, Integer parallelism,
            Integer threads, Integer maxLength, String name) {
        int length = maxLength != null ? maxLength : bench.maxLength;
        String id = "bench/" + bench.resource + (maxLength != null ? "-len" + maxLength : "");
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(id))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(id).dimension(384)
                    .pooling(bench.cls ? Pooling.CLS : Pooling.MEAN).normalize(true)
                    .modelFile("model.onnx").maxLength(length).build());
        }
        TextEmbedding.Builder builder = TextEmbedding.builder().model(id).modelPath(folder).batchSize(batchSize)
                .parallelism(parallelism).threads(threads).device(device);
        if (maxBatchTokens != null) {
            builder.maxBatchTokens(maxBatchTokens);
        }
        this.model = builder.build();
        this.name = device == dev.fastembed.Device.AUTO ? name : name + " on " + device;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }

    /** The model, for the adapters that wrap it. */
    TextEmbedding model() {
        return model;
    }

    /** A lazy stream through {@link TextEmbedding#embed(Stream)}. */
    Stream<float[]> embed(Stream<String> texts) {
        return model.embed(texts);
    }

    @Override
    public void close() {
        model.close();
    }
}
