package dev.fastembed.testing;

import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import java.io.IOException;
import java.nio.file.Path;

/**
 * fp32 generated text models (fastembed-core/src/test/python/make_tiny_models.py) with bge-small-en-v1.5's
 * tokenizer, as model folders: a dense encoder registered as {@link #DENSE} (16 dimensions, mean pooling) and a
 * ColBERT-shaped graph for {@link #COLBERT}'s file layout. fp32, so vectors are bit-stable across batchings.
 */
public final class TinyTextModels {

    /** The custom dense model id the encoder folder loads as. */
    public static final String DENSE = "test/tiny-encoder";
    /**
     * The same encoder registered with a query and passage prefix ({@code "query: "}, {@code "passage: "}) and
     * Matryoshka lengths 8 and 4, for the adapters' prefix and dimension paths.
     */
    public static final String MATRYOSHKA = "test/tiny-matryoshka";
    /** The catalog id whose layout the ColBERT folder follows. */
    public static final String COLBERT = "colbert-ir/colbertv2.0";

    private TinyTextModels() {
    }

    /**
     * Writes {@code dir/tiny-encoder} and registers {@link #DENSE} and {@link #MATRYOSHKA} (once per JVM); returns
     * the folder, which both load from.
     */
    public static Path writeDense(Path dir) throws IOException {
        Path folder = dir.resolve("tiny-encoder");
        FixtureFiles.copy("/tiny-models/tiny-encoder.onnx", folder.resolve("model.onnx"));
        FixtureFiles.copy("/bge-small-en-v1.5-q-tokenizer.json", folder.resolve("tokenizer.json"));
        synchronized (TinyTextModels.class) {
            if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(DENSE))) {
                TextEmbedding.addCustomModel(ModelDescription.builder(DENSE).dimension(16).pooling(Pooling.MEAN)
                        .normalize(true).modelFile("model.onnx").maxLength(512)
                        .source(ModelSource.huggingFace("test/tiny-encoder")).build());
            }
            if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(MATRYOSHKA))) {
                TextEmbedding.addCustomModel(ModelDescription.builder(MATRYOSHKA).dimension(16)
                        .pooling(Pooling.MEAN).normalize(true).modelFile("model.onnx").maxLength(512)
                        .prefixes("query: ", "passage: ").matryoshkaDimensions(java.util.List.of(8, 4))
                        .source(ModelSource.huggingFace(MATRYOSHKA)).build());
            }
        }
        return folder;
    }

    /** Writes {@code dir/tiny-colbert} in {@link #COLBERT}'s layout; returns the folder. */
    public static Path writeColbert(Path dir) throws IOException {
        Path folder = dir.resolve("tiny-colbert");
        FixtureFiles.copy("/tiny-models/tiny-colbert.onnx", folder.resolve("model.onnx"));
        FixtureFiles.copy("/bge-small-en-v1.5-q-tokenizer.json", folder.resolve("tokenizer.json"));
        return folder;
    }
}
