package dev.fastembed.spring.boot.traffic;

import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextCrossEncoder;
import dev.fastembed.TextEmbedding;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link NoHiddenTrafficIT}: the core facades alone, as a plain Java program uses them.
 * Loads the default dense model (from its classpath bundle), BM25 and a generated cross-encoder, embeds and
 * scores, then stays up for {@code lingerSeconds} so that a telemetry uploader has time to try.
 */
public final class CoreKindsProbe {

    private CoreKindsProbe() {
    }

    /** Arguments: the cross-encoder's folder, the seconds to linger. */
    public static void main(String[] args) throws InterruptedException {
        Path reranker = Path.of(args[0]);
        long lingerSeconds = Long.parseLong(args[1]);
        System.out.println("cmdline " + CommandLine.bytes());
        try (TextEmbedding dense = TextEmbedding.builder().offline(true).build();
                SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").offline(true).build();
                TextCrossEncoder crossEncoder = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2")
                        .modelPath(reranker).build()) {
            System.out.println("dense " + dense.embed("hello world").length);
            System.out.println("sparse " + bm25.embed("hello world").size());
            System.out.println("rerank " + crossEncoder.rerank("a question", List.of("one answer", "another")).size());
            Thread.sleep(lingerSeconds * 1000);
        }
        System.out.println("done");
    }
}
