package dev.fastembed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.fastembed.model.ImageModelDescription;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * ImageEmbedding end to end on generated image towers with the real input and output names
 * (pixel_values [B,3,224,224] -> image_embeds [B,512]; nomic last_hidden_state [B,S,768], CLS; SigLIP
 * pooler_output), fed real photos; each vector is checked against the tower run on Pillow's own
 * preprocessing of that photo (src/test/python/make_image_references.py).
 */
class ImageEmbeddingIT {

    static final String CLIP_CONFIG = "{\"crop_size\": 224, \"do_center_crop\": true, \"do_normalize\": true, "
            + "\"do_resize\": true, \"image_mean\": [0.48145466, 0.4578275, 0.40821073], "
            + "\"image_std\": [0.26862954, 0.26130258, 0.27577711], \"resample\": 3, \"size\": 224}";
    static final List<String> PHOTOS = List.of("chelsea.png", "coffee-crop.png", "chelsea-rgba.png",
            "chelsea-palette.png", "chelsea-grey.png");

    @TempDir
    static Path dir;
    static Path clipDir;
    static Path nomicDir;
    static Path siglipDir;
    static Path photos;

    @BeforeAll
    static void models() throws Exception {
        clipDir = model("clip", "tiny-clip-vision", "model.onnx", CLIP_CONFIG);
        nomicDir = model("nomic", "tiny-nomic-vision", "onnx/model.onnx", CLIP_CONFIG);
        siglipDir = model("siglip", "tiny-siglip-vision", "onnx/vision_model.onnx", "{\"image_processor_type\": "
                + "\"SiglipImageProcessor\", \"do_resize\": true, \"size\": {\"height\": 224, \"width\": 224}, "
                + "\"resample\": 2, \"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]}");
        photos = dir.resolve("photos");
        for (String photo : List.of("chelsea.png", "coffee-crop.png", "chelsea-rgba.png", "chelsea-palette.png",
                "chelsea-grey.png", "coffee-crop.jpg", "one-pixel.png", "ref-clip-chelsea-png.png")) {
            TestSupport.copyResource("images/" + photo, photos.resolve(photo));
        }
    }

    static Path model(String name, String graph, String file, String config) throws Exception {
        Path model = dir.resolve(name);
        TestSupport.copyResource("tiny-models/" + graph + ".onnx", model.resolve(file));
        Files.writeString(model.resolve("preprocessor_config.json"), config);
        return model;
    }

    @Test
    void every_photo_matches_the_tower_on_pillows_preprocessing_in_any_batch() throws Exception {
        try (ImageEmbedding one = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clipDir)
                .batchSize(1).build();
                ImageEmbedding batched = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clipDir)
                        .batchSize(3).parallelism(2).build()) {
            List<Path> paths = PHOTOS.stream().map(photos::resolve).toList();
            List<float[]> single = one.embed(paths);
            List<float[]> many = batched.embed(paths);
            for (int i = 0; i < PHOTOS.size(); i++) {
                float[] expected = reference(clipDir.resolve("model.onnx"), "ref-clip-" + PHOTOS.get(i).replace('.', '-')
                        + ".png", "image_embeds", 512, 0);
                assertThat(TestSupport.cosine(single.get(i), expected)).as(PHOTOS.get(i)).isGreaterThan(0.99999);
                assertThat(TestSupport.maxAbsDiff(many.get(i), single.get(i))).isLessThan(1e-6);
                assertThat(norm(single.get(i))).isCloseTo(1.0, within(1e-5));
            }
            assertThat(one.dimension()).isEqualTo(512);
            assertThat(TextEmbedding.dimensionOf("Qdrant/clip-ViT-B-32-text")).isEqualTo(one.dimension());
        }
    }

    @Test
    void a_path_its_bytes_a_stream_and_a_buffered_image_give_the_same_vector() throws Exception {
        Path chelsea = photos.resolve("chelsea.png");
        BufferedImage buffered = ImageIO.read(chelsea.toFile());
        try (ImageEmbedding clip = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clipDir)
                .build();
                InputStream stream = Files.newInputStream(chelsea)) {
            float[] fromPath = clip.embed(chelsea);
            List<float[]> all = clip.embed(List.of(Files.readAllBytes(chelsea), buffered, stream, chelsea.toString(),
                    chelsea.toFile()));
            for (float[] vector : all) {
                assertThat(vector).containsExactly(fromPath);
            }
            try (Stream<float[]> lazy = clip.embed(Stream.of(chelsea, photos.resolve("coffee-crop.png")))) {
                assertThat(lazy.toList().get(0)).containsExactly(fromPath);
            }
            assertThat(clip.embed(photos.resolve("coffee-crop.jpg"))).hasSize(512);   // JPEG through ImageIO
            assertThat(clip.embed(photos.resolve("one-pixel.png"))).hasSize(512);     // 1x1
        }
    }

    @Test
    void nomic_takes_the_cls_token_and_siglip_the_pooler_output() throws Exception {
        try (ImageEmbedding nomic = ImageEmbedding.builder().model("nomic-ai/nomic-embed-vision-v1.5")
                .modelPath(nomicDir).build();
                ImageEmbedding siglip = ImageEmbedding.builder().model("google/siglip2-base-patch16-224")
                        .modelPath(siglipDir).build()) {
            float[] cls = nomic.embed(photos.resolve("chelsea.png"));
            float[] expected = reference(nomicDir.resolve("onnx/model.onnx"), "ref-clip-chelsea-png.png",
                    "last_hidden_state", 768, 0);
            assertThat(TestSupport.cosine(cls, expected)).isGreaterThan(0.99999);
            float[] pooled = siglip.embed(photos.resolve("chelsea.png"));
            assertThat(pooled).hasSize(768);
            assertThat(norm(pooled)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void bad_images_are_named_by_index_and_source() throws Exception {
        Path truncated = dir.resolve("truncated.png");
        byte[] png = Files.readAllBytes(photos.resolve("chelsea.png"));
        Files.write(truncated, java.util.Arrays.copyOf(png, png.length / 4));
        try (ImageEmbedding clip = ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(clipDir)
                .build()) {
            List<Object> images = new ArrayList<>(List.of(photos.resolve("chelsea.png"), photos.resolve("chelsea.png"),
                    truncated));
            assertThatThrownBy(() -> clip.embed(images)).hasMessageContaining("images[2]")
                    .hasMessageContaining("truncated.png");
            assertThatThrownBy(() -> clip.embed(List.of(photos.resolve("chelsea.png"), dir.resolve("missing.jpg"))))
                    .hasMessageContaining("images[1]").hasMessageContaining("missing.jpg");
            assertThatThrownBy(() -> clip.embed(java.util.Arrays.asList(photos.resolve("chelsea.png"), null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images[1] is null");
            assertThatThrownBy(() -> clip.embed(List.of(42))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.lang.Integer");
            assertThat(clip.embed(List.of())).isEmpty();
        }
        Path noConfig = dir.resolve("no-config");
        TestSupport.copyResource("tiny-models/tiny-clip-vision.onnx", noConfig.resolve("model.onnx"));
        assertThatThrownBy(() -> ImageEmbedding.builder().model("Qdrant/clip-ViT-B-32-vision").modelPath(noConfig)
                .build()).isInstanceOf(ModelNotFoundException.class).hasMessageContaining("preprocessor_config.json");
        assertThatThrownBy(() -> ImageEmbedding.builder().model("Qdrant/clip-ViT-B-16-vision").build())
                .isInstanceOf(UnknownModelException.class).hasMessageContaining("Qdrant/clip-ViT-B-32-vision");
    }

    @Test
    void the_catalog_has_fastembeds_eight_image_models() {
        assertThat(ImageEmbedding.listSupportedModels()).extracting(ImageModelDescription::id).containsExactly(
                "Qdrant/clip-ViT-B-32-vision", "Qdrant/resnet50-onnx", "Qdrant/Unicom-ViT-B-16", "Qdrant/Unicom-ViT-B-32",
                "jinaai/jina-clip-v1", "nomic-ai/nomic-embed-vision-v1.5", "nomic-ai/nomic-embed-vision-v1.5-Q",
                "google/siglip2-base-patch16-224");
    }

    /** The tower run directly on Pillow's 224x224 crop (normalized here with CLIP's mean/std), L2-normalized. */
    private static float[] reference(Path onnx, String pillowCrop, String output, int dim, int token) throws Exception {
        BufferedImage crop;
        try (InputStream in = ImageEmbeddingIT.class.getResourceAsStream("/images/" + pillowCrop)) {
            crop = ImageIO.read(in);
        }
        float[] mean = {0.48145466f, 0.4578275f, 0.40821073f};
        float[] std = {0.26862954f, 0.26130258f, 0.27577711f};
        float[] pixels = new float[3 * 224 * 224];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int rgb = crop.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int v = (rgb >> (16 - 8 * c)) & 0xFF;
                    pixels[c * 224 * 224 + y * 224 + x] = (v * (1f / 255f) - mean[c]) / std[c];
                }
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 3, 224, 224});
                OrtSession.Result result = session.run(Map.of("pixel_values", input), java.util.Set.of(output))) {
            FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] vector = new float[dim];
            values.get(token * dim, vector);
            double n = norm(vector);
            for (int i = 0; i < dim; i++) {
                vector[i] /= (float) n;
            }
            return vector;
        }
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
