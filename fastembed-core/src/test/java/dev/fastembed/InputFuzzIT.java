package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.ModelSource;
import dev.fastembed.model.Pooling;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

/**
 * Seeded, bounded fuzzing of every input kind, property-style: each test draws its inputs from a
 * {@code Random} with a fixed seed, so a failure names the seed and the try that reproduce it. (jqwik was the
 * first choice; its maintainers ask AI agents, which write much of this project, not to use it, and its 1.10
 * runs under such an agent report no tests, so the generators are written here.) For each input the answer is a correct result, or a
 * {@link FastEmbedException} naming the input's index: never another exception, a hang or a crash. Texts run
 * through dense, BM25 and SPLADE models, text pairs through a cross-encoder, image bytes (damaged JPEG, PNG,
 * WebP, GIF, BMP and CMYK files, random bytes, hostile headers) through an image model, and random matrices
 * through MUVERA. The generated graphs keep this fast; the code paths are the real models'. The number of
 * inputs tried per kind is printed at the end (RELIABILITY.md reports it).
 */
class InputFuzzIT {

    static final String DENSE = "test/fuzz-tiny-encoder";
    static final long SEED = 20261130L;
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final Map<String, AtomicLong> TRIED = new ConcurrentHashMap<>();

    static Path dir;
    static TextEmbedding dense;
    static SparseTextEmbedding bm25;
    static SparseTextEmbedding splade;
    static TextCrossEncoder reranker;
    static ImageEmbedding images;
    static List<byte[]> seedImages;

    @BeforeAll
    static void models() throws IOException {
        dir = Files.createTempDirectory("fuzz");
        Path encoder = dir.resolve("encoder");
        TestSupport.copyResource("tiny-models/tiny-encoder.onnx", encoder.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", encoder.resolve("tokenizer.json"));
        if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(DENSE))) {
            TextEmbedding.addCustomModel(ModelDescription.builder(DENSE).dimension(16).pooling(Pooling.MEAN)
                    .normalize(true).modelFile("model.onnx").maxLength(512).source(ModelSource.huggingFace("none/none"))
                    .build());
        }
        dense = TextEmbedding.builder().model(DENSE).modelPath(encoder).build();
        bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").offline(true).build();
        Path spladeDir = dir.resolve("splade");
        TestSupport.copyResource("tiny-models/tiny-splade.onnx", spladeDir.resolve("model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", spladeDir.resolve("tokenizer.json"));
        splade = SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1").modelPath(spladeDir).build();
        Path crossDir = dir.resolve("cross");
        TestSupport.copyResource("tiny-models/tiny-cross-encoder.onnx", crossDir.resolve("onnx/model.onnx"));
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", crossDir.resolve("tokenizer.json"));
        reranker = TextCrossEncoder.builder().model("Xenova/ms-marco-MiniLM-L-6-v2").modelPath(crossDir).build();
        Path clipDir = dir.resolve("clip");
        TestSupport.copyResource("tiny-models/tiny-clip-vision.onnx", clipDir.resolve("model.onnx"));
        Files.writeString(clipDir.resolve("preprocessor_config.json"), ImageEmbeddingIT.CLIP_CONFIG);
        images = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clipDir).build();
        seedImages = new ArrayList<>();
        for (String name : List.of("chelsea.png", "coffee-crop.jpg", "small.webp", "small.gif", "small.bmp",
                "small-cmyk.jpg", "chelsea-grey.png", "chelsea-palette.png", "chelsea-rgba.png", "one-pixel.png")) {
            seedImages.add(resource("images/" + name));
        }
        seedImages.add(png(3, 2, 16, 0, new byte[3 * 2 * 2])); // 16-bit grey
        seedImages.add(png(2, 2, 16, 2, new byte[2 * 2 * 6])); // 16-bit RGB
        seedImages.add(png(2, 2, 16, 6, new byte[2 * 2 * 8])); // 16-bit RGBA
    }

    @AfterAll
    static void close() {
        for (AutoCloseable model : List.<AutoCloseable>of(dense, bm25, splade, reranker, images)) {
            try {
                model.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        System.out.println("InputFuzzIT inputs tried per kind: " + new java.util.TreeMap<>(TRIED));
    }

    static void tried(String kind, int inputs) {
        TRIED.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(inputs);
    }

    // ---- texts ----------------------------------------------------------------------------------------------

    /** Hostile Unicode: every code unit (unpaired surrogates too), NUL and controls, bidi marks, combining runs. */
    static String hostileText(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            int length = random.nextInt(random.nextInt(10) == 0 ? 2000 : 200);
            switch (random.nextInt(6)) {
                case 0 -> units(random, text, length, 0, 0xFFFF); // any UTF-16 code unit, surrogates alone too
                case 1 -> units(random, text, length, 0, 0x20); // NUL and C0 controls
                case 2 -> pick(random, text, length, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                        + "\u200e\u200fa\u0628 "); // bidi controls among Latin and Arabic letters
                case 3 -> pick(random, text, length, "e\u0301\u0308\u0327\u0e01\u0e49\u200d\ufe0f\ud83d\udc4d"
                        + "\u1100\u1161\u11a8"); // combining marks, ZWJ, emoji halves, Hangul jamo
                case 4 -> units(random, text, length, 0xD800, 0xDFFF); // surrogates only, paired by chance
                default -> pick(random, text, length, "abc XYZ 0123 .,;!? \t\n"); // ordinary text
            }
        }
        return text.toString();
    }

    private static void units(Random random, StringBuilder text, int length, int from, int to) {
        for (int i = 0; i < length; i++) {
            text.append((char) (from + random.nextInt(to - from + 1)));
        }
    }

    private static void pick(Random random, StringBuilder text, int length, String alphabet) {
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
    }

    static List<String> texts(Random random) {
        List<String> texts = new ArrayList<>();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            texts.add(hostileText(random));
        }
        return texts;
    }

    /** Runs {@code check} on {@code tries} inputs drawn from one seeded generator; a failure names the try. */
    static <T> void forAll(String kind, int tries, Function<Random, T> generator, java.util.function.Consumer<T> check) {
        Random random = new Random(SEED ^ kind.hashCode());
        for (int t = 0; t < tries; t++) {
            T input = generator.apply(random);
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(kind + ", try " + t + " of seed " + SEED + ": " + describe(input), e);
            }
        }
    }

    static String describe(Object input) {
        String text = input instanceof byte[] bytes ? bytes.length + " bytes " + java.util.HexFormat.of()
                .formatHex(bytes, 0, Math.min(bytes.length, 48)) : input instanceof double[][] rows
                ? rows.length + " rows" : String.valueOf(input);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @Test
    void any_text_list_gives_one_unit_vector_per_text() {
        forAll("dense texts", 150, InputFuzzIT::texts, texts -> {
            List<float[]> vectors = within(() -> dense.embed(texts));
            tried("dense texts", texts.size());
            assertThat(vectors).hasSize(texts.size());
            for (float[] vector : vectors) {
                assertThat(vector).hasSize(16);
                assertThat(TestSupport.norm(vector)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            }
        });
    }

    @Test
    void any_text_list_gives_one_sparse_vector_per_text_from_bm25_and_splade() {
        forAll("sparse texts", 60, InputFuzzIT::texts, texts -> sparse(texts));
    }

    private static void sparse(List<String> texts) {
        for (SparseTextEmbedding model : List.of(bm25, splade)) {
            List<SparseEmbedding> documents = within(() -> model.embed(texts));
            List<SparseEmbedding> queries = within(() -> model.queryEmbed(texts));
            tried("sparse texts and queries", 2 * texts.size());
            assertThat(documents).hasSize(texts.size());
            assertThat(queries).hasSize(texts.size());
            for (SparseEmbedding vector : documents) {
                assertThat(vector.indices()).isSorted().doesNotHaveDuplicates();
                for (float value : vector.values()) {
                    assertThat(Float.isFinite(value)).isTrue();
                }
            }
        }
    }

    @Test
    void any_text_pairs_get_one_finite_score_each() {
        forAll("rerank pairs", 100, random -> {
            List<TextPair> pairs = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                pairs.add(TextPair.of(hostileText(random), hostileText(random)));
            }
            return pairs;
        }, pairs -> {
            List<Double> scores = within(() -> reranker.rerankPairs(pairs));
            tried("rerank pairs", pairs.size());
            assertThat(scores).hasSize(pairs.size()).allMatch(Double::isFinite);
        });
    }

    @Test
    void a_one_megabyte_text_is_truncated_not_refused() {
        String huge = "lorem ipsum \u0000 \ud800 \u202e dolor ".repeat(1 << 16); // 1.5 M chars
        assertThat(huge.length()).isGreaterThan(1_000_000);
        tried("dense texts", 1);
        tried("sparse texts and queries", 2);
        tried("rerank pairs", 1);
        assertThat(within(() -> dense.embed(huge))).hasSize(16);
        assertThat(within(() -> bm25.embed(huge)).indices()).isNotEmpty();
        assertThat(within(() -> splade.embed(huge)).indices()).isNotEmpty();
        assertThat(within(() -> reranker.rerank(huge, huge))).isFinite();
    }

    // ---- images ---------------------------------------------------------------------------------------------

    /** A real file of one format, cut short, with bytes flipped, with noise after its header, or pure noise. */
    static byte[] damagedImage(Random random) {
        byte[] seed = seedImages.get(random.nextInt(seedImages.size()));
        switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                return java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            }
            case 3, 4, 5, 6 -> {
                byte[] copy = seed.clone();
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return copy;
            }
            case 7, 8 -> {
                int header = Math.min(seed.length, 64);
                byte[] out = java.util.Arrays.copyOf(seed, header + random.nextInt(512));
                byte[] tail = new byte[out.length - header];
                random.nextBytes(tail);
                System.arraycopy(tail, 0, out, header, tail.length);
                return out;
            }
            default -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                return noise;
            }
        }
    }

    @Test
    void any_image_bytes_give_a_unit_vector_or_an_error_naming_their_index() {
        byte[] good = seedImages.get(0);
        forAll("image bytes", 300, InputFuzzIT::damagedImage, bytes -> {
            tried("image bytes", 1);
            Throwable thrown = catchThrowable(() -> {
                List<float[]> vectors = within(() -> images.embed(List.of(good, bytes)));
                assertThat(vectors).hasSize(2);
                assertThat(TestSupport.norm(vectors.get(1))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            });
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(FastEmbedException.class).hasMessageContaining("images[1]");
            }
        });
    }

    @Test
    void hostile_image_headers_are_refused_by_index_before_any_pixel_is_decoded() throws IOException {
        byte[] good = seedImages.get(0);
        List<byte[]> hostile = List.of(
                png(20000, 20000, 8, 2, new byte[0]), // the header claims 1.2 GB of pixels, the data is absent
                bomb(14000, 14000), // 196 M pixels of zeros in a small file: over Pillow's bomb limit
                png(1, 1, 8, 2, new byte[] {1, 2, 3})); // a 1x1 image is fine
        tried("image bytes", hostile.size());
        for (int i = 0; i < 2; i++) {
            byte[] image = hostile.get(i);
            assertThat(image.length).isLessThan(2_000_000);
            assertThatThrownBy(() -> within(() -> images.embed(List.of(good, image))))
                    .isInstanceOf(FastEmbedException.class).hasMessageContaining("images[1]")
                    .hasMessageContaining("decompression-bomb limit");
        }
        assertThat(within(() -> images.embed(hostile.get(2)))).hasSize(images.dimension());
        BufferedImage cmyk = ImageIO.read(new java.io.ByteArrayInputStream(seedImages.get(5)));
        assertThat(cmyk).as("TwelveMonkeys reads CMYK JPEG").isNotNull();
    }

    // ---- MUVERA ---------------------------------------------------------------------------------------------

    /** Up to 40 rows, mostly 128 wide, some of any width (0 to 200). */
    static double[][] matrix(Random random) {
        double[][] rows = new double[random.nextInt(41)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[random.nextInt(8) == 0 ? random.nextInt(201) : 128];
            for (int d = 0; d < rows[i].length; d++) {
                rows[i][d] = random.nextInt(20) == 0 ? random.nextDouble() * 2e6 - 1e6 : random.nextGaussian();
            }
        }
        return rows;
    }

    @Test
    void any_matrix_gives_a_muvera_vector_or_names_its_bad_row() {
        Muvera muvera = Muvera.withDefaults(128);
        forAll("MUVERA matrices", 200, InputFuzzIT::matrix, rows -> {
            tried("MUVERA matrices", 1);
            int bad = -1;
            for (int i = 0; i < rows.length && bad < 0; i++) {
                if (rows[i].length != 128) {
                    bad = i;
                }
            }
            if (rows.length == 0) {
                assertThatThrownBy(() -> muvera.process(rows, true, true)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("empty multi-vector");
            } else if (bad >= 0) {
                int row = bad;
                assertThatThrownBy(() -> muvera.process(rows, true, true))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows[" + row + "]");
            } else {
                assertThat(muvera.process(rows, true, true)).hasSize(muvera.embeddingSize());
                assertThat(muvera.process(rows, false, false)).hasSize(muvera.embeddingSize());
            }
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Runs {@code work} on another thread and fails if it takes over a minute: a hang is a failure too. */
    static <T> T within(java.util.function.Supplier<T> work) {
        return assertTimeoutPreemptively(LIMIT, work::get);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = InputFuzzIT.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /**
     * A PNG with the given header and raw scanline bytes (filter 0 added per row when the data is complete). Written
     * here because ImageIO cannot write 16-bit RGB, and hostile headers must be exact.
     */
    static byte[] png(int width, int height, int bitDepth, int colourType, byte[] pixels) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int rowBytes = height == 0 ? 0 : pixels.length / Math.max(1, height);
        if (pixels.length > 0) {
            for (int y = 0; y < height; y++) {
                raw.write(0);
                raw.write(pixels, y * rowBytes, rowBytes);
            }
        }
        return pngFile(width, height, bitDepth, colourType, deflate(raw.toByteArray()));
    }

    /** A grey PNG of zeros, deflated row by row without holding the raw image. */
    static byte[] bomb(int width, int height) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, new Deflater(9))) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < height; y++) {
                out.write(row);
            }
        }
        return pngFile(width, height, 8, 0, compressed.toByteArray());
    }

    static byte[] deflate(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(raw);
        }
        return out.toByteArray();
    }

    static byte[] pngFile(int width, int height, int bitDepth, int colourType, byte[] idat) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
