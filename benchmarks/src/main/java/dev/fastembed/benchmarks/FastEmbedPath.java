package dev.fastembed.benchmarks;

import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;

import java.nio.file.Path;
import java.util.List;

/** Our engine, end to end through {@link TextEmbedding#embed(List)}: tokenization included. */
final class FastEmbedPath implements BenchPath {

    private final TextEmbedding model;
    private final String name;

    FastEmbedPath(BenchModel bench, Path folder, int batchSize, int maxBatchTokens, Integer parallelism) {
        String id = "bench/" + bench.resource;
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(id))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(id).dimension(384)
                    .pooling(bench.cls ? Pooling.CLS : Pooling.MEAN).normalize(true)
                    .modelFile("model.onnx").maxLength(bench.maxLength).build());
        }
        this.model = TextEmbedding.builder().model(id).modelPath(folder).batchSize(batchSize)
                .maxBatchTokens(maxBatchTokens)
                .parallelism(parallelism).build();
        this.name = "fastembed" + (parallelism == null ? "" : " p=" + parallelism);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }

    @Override
    public void close() {
        model.close();
    }
}
