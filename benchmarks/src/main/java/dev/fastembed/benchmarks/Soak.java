package dev.fastembed.benchmarks;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextEmbedding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Long runs that look for native leaks: streams of texts through the default dense model (bge-small, int8, from
 * its classpath bundle), BM25 and SPLADE (the generated graph), and of images through the generated CLIP vision
 * graph, each in one lazily consumed stream, with the process's resident memory sampled at every tenth of the
 * run. The first half includes the JVM heap growing to its working size; a native leak shows as RSS that keeps
 * growing in the second half, a flat line there means none.
 * {@code benchmarks/run.sh --soak 1000000 --soak-images 100000}; a Markdown table is printed at the end.
 */
final class Soak {

    private final long texts;
    private final long images;
    private final List<String> corpus;
    private final Path spladeFolder;
    private final Path clipFolder;
    private final List<Path> photos;
    private final List<String> rows = new ArrayList<>();

    Soak(long texts, long images, List<String> corpus, Path spladeFolder, Path clipFolder, List<Path> photos) {
        this.texts = texts;
        this.images = images;
        this.corpus = corpus;
        this.spladeFolder = spladeFolder;
        this.clipFolder = clipFolder;
        this.photos = photos;
    }

    void run() {
        System.out.printf("soak: %,d texts per text kind, %,d images; RSS sampled at every tenth%n", texts, images);
        try (TextEmbedding dense = TextEmbedding.builder().offline(true).build()) {
            measure("dense, " + dense.description().id(), texts, textStream(texts), dense::embed);
        }
        try (SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").offline(true).build()) {
            measure("BM25", texts, textStream(texts), s -> bm25.embed(s).map(SparseEmbedding::indices));
        }
        try (SparseTextEmbedding splade = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                .modelPath(spladeFolder).build()) {
            measure("SPLADE (generated graph)", texts, textStream(texts),
                    s -> splade.embed(s).map(SparseEmbedding::indices));
        }
        try (ImageEmbedding clip = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clipFolder)
                .build()) {
            Stream<Object> source = Stream.iterate(0L, i -> i < images, i -> i + 1)
                    .map(i -> (Object) photos.get((int) (i % photos.size())));
            measure("images, CLIP vision (generated graph)", images, source, clip::embed);
        }
        System.out.println();
        System.out.println("| kind | inputs | inputs/s | RSS MB at each tenth | peak RSS MB | growth 50% -> 100% |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private Stream<String> textStream(long count) {
        return Stream.iterate(0L, i -> i < count, i -> i + 1).map(i -> corpus.get((int) (i % corpus.size())));
    }

    private <I, O> void measure(String kind, long count, Stream<I> source, Function<Stream<I>, Stream<O>> embed) {
        long every = Math.max(1, count / 10);
        long[] seen = {0};
        long[] samples = new long[11];
        long start = System.nanoTime();
        try (Stream<O> outputs = embed.apply(source)) {
            outputs.forEach(o -> {
                if (++seen[0] % every == 0) {
                    int tenth = (int) Math.min(10, seen[0] / every);
                    samples[tenth] = ThroughputBenchmark.rssMb("VmRSS");
                    System.out.printf(Locale.ROOT, "%s: %,d, %.0f/s, RSS %d MB%n", kind, seen[0],
                            seen[0] / ((System.nanoTime() - start) / 1e9), samples[tenth]);
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (seen[0] != count) {
            throw new IllegalStateException(kind + ": " + seen[0] + " outputs for " + count + " inputs");
        }
        StringBuilder series = new StringBuilder();
        for (int tenth = 1; tenth <= 10; tenth++) {
            series.append(tenth == 1 ? "" : " ").append(samples[tenth]);
        }
        // The first half includes the JVM heap growing to its working size; a native leak keeps growing after.
        rows.add(String.format(Locale.ROOT, "| %s | %,d | %.0f | %s | %d | %+d MB |", kind, count, count / seconds,
                series, ThroughputBenchmark.peakRssMb(), samples[10] - samples[5]));
    }

    /** The generated CLIP vision graph with CLIP's preprocessor config, in a temporary folder. */
    static Path clipFolder(Path testResources) throws Exception {
        Path folder = Files.createTempDirectory("clip");
        Files.copy(testResources.resolve("tiny-models/tiny-clip-vision.onnx"), folder.resolve("model.onnx"));
        Files.writeString(folder.resolve("preprocessor_config.json"), "{\"crop_size\": 224, \"do_center_crop\": true, "
                + "\"do_normalize\": true, \"do_resize\": true, \"image_mean\": [0.48145466, 0.4578275, 0.40821073], "
                + "\"image_std\": [0.26862954, 0.26130258, 0.27577711], \"resample\": 3, \"size\": 224}");
        return folder;
    }
}
