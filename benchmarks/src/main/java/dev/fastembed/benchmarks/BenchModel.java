package dev.fastembed.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A model every path runs from the same ONNX file and tokenizer.json (LangChain4j's int8 jars). */
enum BenchModel {
    BGE("bge-small-en-v1.5-q", true, 512),
    MINILM("all-minilm-l6-v2-q", false, 256);

    final String resource;
    /** CLS pooling (BGE) or masked mean (MiniLM). */
    final boolean cls;
    /** The max length fastembed's catalog gives the model. */
    final int maxLength;

    BenchModel(String resource, boolean cls, int maxLength) {
        this.resource = resource;
        this.cls = cls;
        this.maxLength = maxLength;
    }

    /** Extracts the files once into {@code dir/<resource>/} as {@code model.onnx} and {@code tokenizer.json}. */
    Path extract(Path dir) throws IOException {
        Path folder = dir.resolve(resource);
        Files.createDirectories(folder);
        copy(resource + ".onnx", folder.resolve("model.onnx"));
        copy(resource + "-tokenizer.json", folder.resolve("tokenizer.json"));
        return folder;
    }

    private static void copy(String resource, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return;
        }
        try (InputStream in = BenchModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is not on the classpath");
            }
            Path temp = Files.createTempFile(target.getParent(), "extract", ".part");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
