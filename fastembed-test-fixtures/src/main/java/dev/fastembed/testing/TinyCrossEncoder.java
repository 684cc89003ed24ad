package dev.fastembed.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The generated cross-encoder (fastembed-core/src/test/python/make_tiny_models.py: MiniLM's inputs, one logit
 * per pair) with bge-small-en-v1.5's tokenizer, laid out as {@link #MODEL}'s folder, for tests that need a
 * reranker and cannot download one.
 */
public final class TinyCrossEncoder {

    /** The catalog id whose file layout (onnx/model.onnx, tokenizer.json) the folder follows. */
    public static final String MODEL = "Xenova/ms-marco-MiniLM-L-6-v2";

    private TinyCrossEncoder() {
    }

    /** Writes the model folder as {@code dir/cross-encoder} and returns it, for {@code modelPath}. */
    public static Path writeTo(Path dir) throws IOException {
        Path folder = dir.resolve("cross-encoder");
        FixtureFiles.copy("/tiny-models/tiny-cross-encoder.onnx", folder.resolve("onnx/model.onnx"));
        FixtureFiles.copy("/bge-small-en-v1.5-q-tokenizer.json", folder.resolve("tokenizer.json"));
        return folder;
    }
}
