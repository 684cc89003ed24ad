package dev.fastembed.benchmarks;

import org.springframework.ai.transformers.TransformersEmbeddingModel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Spring AI's {@code TransformersEmbeddingModel}: one tokenizer call and one ONNX run for the whole list, mean
 * pooling through DJL's PyTorch engine (so its BGE vectors are not CLS-pooled; only speed is compared).
 */
final class SpringAiPath implements BenchPath {

    private final TransformersEmbeddingModel model;

    SpringAiPath(Path folder) throws Exception {
        this.model = new TransformersEmbeddingModel();
        model.setModelResource("file:" + folder.resolve("model.onnx").toAbsolutePath());
        model.setTokenizerResource("file:" + folder.resolve("tokenizer.json").toAbsolutePath());
        // the documented fix for "Supplied array is ragged" with mixed lengths
        model.setTokenizerOptions(Map.of("padding", "true"));
        model.afterPropertiesSet();
    }

    @Override
    public String name() {
        return "Spring AI embed(list)";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }

    @Override
    public void close() throws Exception {
        model.close();
    }
}
