package dev.fastembed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import dev.fastembed.image.ImageDecoder;
import dev.fastembed.image.ImagePreprocessor;
import dev.fastembed.model.MultimodalModelDescription;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** ColPali on a generated graph with its real inputs (ids, mask, pixel_values [B,3,448,448]) and output rank. */
class MultimodalIT {

    static final String ID = "Qdrant/colpali-v1.3-fp16";
    static final String CONFIG = "{\"image_processor_type\": \"SiglipImageProcessor\", \"do_resize\": true, "
            + "\"size\": {\"height\": 448, \"width\": 448}, \"resample\": 3, \"image_mean\": [0.5, 0.5, 0.5], "
            + "\"image_std\": [0.5, 0.5, 0.5]}";

    @TempDir
    static Path dir;
    static Path modelDir;

    @BeforeAll
    static void model() throws Exception {
        modelDir = dir.resolve("colpali");
        TestSupport.copyResource("tiny-models/tiny-colpali.onnx", modelDir.resolve("model.onnx"));
        Files.write(modelDir.resolve("model.onnx_data"), new byte[0]); // the catalog's external-data file
        TestSupport.copyResource("bge-small-en-v1.5-tokenizer.json", modelDir.resolve("tokenizer.json"));
        Files.writeString(modelDir.resolve("preprocessor_config.json"), CONFIG);
        TestSupport.copyResource("images/chelsea.png", dir.resolve("chelsea.png"));
    }

    LateInteractionMultimodalEmbedding colpali() {
        return LateInteractionMultimodalEmbedding.builder().model(ID).modelPath(modelDir).imageBatchSize(2).build();
    }

    @Test
    void queries_use_fastembeds_template_and_marker_ids_and_keep_every_row() throws Exception {
        try (LateInteractionMultimodalEmbedding model = colpali()) {
            MultiVectorEmbedding query = model.embedText(List.of("What is the cat doing?")).get(0);
            long[] ids;
            try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(modelDir.resolve("tokenizer.json"),
                    Map.of("padding", "false"))) {
                ids = tokenizer.encode("<s>Query: What is the cat doing?" + "<pad>".repeat(10) + "\n").getIds();
            }
            ids[0] = 2;
            ids[1] = 5098;
            float[][] raw = run(ids, new float[3 * 448 * 448]);
            assertThat(query.rows()).isEqualTo(ids.length);
            for (int r = 0; r < ids.length; r++) {
                assertThat(query.row(r)).containsExactly(raw[r], within(1e-5f));
            }
            assertThat(model.tokenCount(List.of("What is the cat doing?"), true)).isEqualTo(ids.length);
        }
    }

    @Test
    void images_get_1030_rows_from_the_placeholder_ids_and_the_448_pixels_in_any_batch() throws Exception {
        Path photo = dir.resolve("chelsea.png");
        try (LateInteractionMultimodalEmbedding model = colpali()) {
            List<MultiVectorEmbedding> pages = model.embedImage(List.of(photo, Files.readAllBytes(photo), photo.toString()));
            assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page.rows()).isEqualTo(1030));
            assertThat(pages.get(1).values()).containsExactly(pages.get(0).values());
            ImagePreprocessor preprocessor = ImagePreprocessor.fromFile(modelDir.resolve("preprocessor_config.json"));
            float[] pixels = new float[3 * 448 * 448];
            preprocessor.toTensor(preprocessor.prepare(ImageDecoder.decode(Files.readAllBytes(photo))), pixels, 0);
            long[] ids = new long[1030];
            Arrays.fill(ids, 0, 1024, 257152);
            System.arraycopy(new long[] {2, 50721, 573, 2416, 235265, 108}, 0, ids, 1024, 6);
            float[][] raw = run(ids, pixels);
            for (int r : new int[] {0, 500, 1029}) {
                assertThat(pages.get(0).row(r)).containsExactly(raw[r], within(1e-4f));
            }
            MultiVectorEmbedding query = model.embedText(List.of("a cat")).get(0);
            assertThat(query.maxSim(pages.get(0))).isFinite();
        }
    }

    /** BERT's vocabulary with the Idefics3 prompt's special tokens added, as ColModernVBERT's tokenizer has them. */
    static Path colModernVbert() throws Exception {
        Path model = dir.resolve("colmodernvbert");
        if (Files.isDirectory(model)) {
            return model;
        }
        TestSupport.copyResource("tiny-models/tiny-colmodernvbert.onnx", model.resolve("model.onnx"));
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(
                modelDir.resolve("tokenizer.json"))).getAsJsonObject();
        com.google.gson.JsonArray added = json.getAsJsonArray("added_tokens");
        int id = 30522;
        for (String token : List.of("<image>", "<fake_token_around_image>", "<global-img>", "<end_of_utterance>",
                "<|begin_of_text|>", "<row_1_col_1>", "<row_1_col_2>", "<row_2_col_1>", "<row_2_col_2>")) {
            com.google.gson.JsonObject t = new com.google.gson.JsonObject();
            t.addProperty("id", id++);
            t.addProperty("content", token);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        Files.writeString(model.resolve("tokenizer.json"), json.toString());
        Files.writeString(model.resolve("preprocessor_config.json"), "{\"do_resize\": true, \"size\": {\"longest_edge\": 64}, "
                + "\"max_image_size\": {\"longest_edge\": 32}, \"do_image_splitting\": true, \"resample\": 1, "
                + "\"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]}");
        Files.writeString(model.resolve("processor_config.json"), "{\"image_seq_len\": 4}");
        Files.writeString(model.resolve("config.json"), "{\"vision_config\": {\"image_size\": 32}}");
        return model;
    }

    @Test
    void colmodernvbert_pages_become_a_grid_prompt_and_texts_get_the_end_of_utterance_suffix() throws Exception {
        Path model = colModernVbert();
        try (LateInteractionMultimodalEmbedding colmodernvbert = LateInteractionMultimodalEmbedding.builder()
                .model("Qdrant/colmodernvbert").modelPath(model).build();
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(model.resolve("tokenizer.json"),
                        Map.of("padding", "false"))) {
            // 451x300 -> longest edge 64 (64x42) -> 64x64 -> 2x2 grid of 32x32 + a global view
            String image = "<image>".repeat(4);
            String grid = "<fake_token_around_image><row_1_col_1>" + image + "<fake_token_around_image><row_1_col_2>"
                    + image + "\n<fake_token_around_image><row_2_col_1>" + image
                    + "<fake_token_around_image><row_2_col_2>" + image + "\n\n<fake_token_around_image><global-img>"
                    + image + "<fake_token_around_image>";
            long[] promptIds = tokenizer.encode("<|begin_of_text|>User:" + grid
                    + "Describe the image.<end_of_utterance>\nAssistant:").getIds();
            MultiVectorEmbedding page = colmodernvbert.embedImage(List.of(dir.resolve("chelsea.png"))).get(0);
            assertThat(page.rows()).isEqualTo(promptIds.length);
            assertThat(colmodernvbert.embedImage(List.of(dir.resolve("chelsea.png"))).get(0)).isEqualTo(page);

            long[] textIds = tokenizer.encode("a cat" + "<end_of_utterance>".repeat(10)).getIds();
            MultiVectorEmbedding text = colmodernvbert.embedText(List.of("a cat")).get(0);
            assertThat(text.rows()).isEqualTo(textIds.length);
            long[] ones = new long[textIds.length];
            Arrays.fill(ones, 1L);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(model.resolve("model.onnx").toString(),
                    new OrtSession.SessionOptions());
                    OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {textIds});
                    OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
                    OnnxTensor pixels = OnnxTensor.createTensor(env, FloatBuffer.wrap(
                            new float[textIds.length * 3 * 32 * 32]), new long[] {1, textIds.length, 3, 32, 32});
                    OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", mask,
                            "pixel_values", pixels))) {
                float[][] raw = ((float[][][]) result.get(0).getValue())[0];
                for (int r = 0; r < raw.length; r++) {
                    assertThat(text.row(r)).containsExactly(raw[r], within(1e-5f));
                }
            }
            assertThat(colmodernvbert.tokenCount(List.of("a cat"), true)).isEqualTo(textIds.length);
        }
    }

    @Test
    void queries_of_one_batch_are_padded_to_its_longest_as_fastembed_pads_them() throws Exception {
        // four queries of one token length and two longer: the batch is not split at the change of length
        List<String> queries = List.of("red cat", "big dog", "hot tea", "old map", "a much longer question here",
                "longer still, with several more words");
        try (LateInteractionMultimodalEmbedding colpali = LateInteractionMultimodalEmbedding.builder().model(ID)
                .modelPath(modelDir).threads(1).build();
                LateInteractionMultimodalEmbedding colmodernvbert = LateInteractionMultimodalEmbedding.builder()
                        .model("Qdrant/colmodernvbert").modelPath(colModernVbert()).threads(1).build()) {
            for (LateInteractionMultimodalEmbedding model : List.of(colpali, colmodernvbert)) {
                List<MultiVectorEmbedding> embedded = model.embedText(queries);
                int longest = embedded.get(queries.size() - 1).rows();
                assertThat(embedded).as(model.description().id()).extracting(MultiVectorEmbedding::rows)
                        .containsOnly(longest);
                assertThat(model.embedText(List.of("red cat")).get(0).rows()).isLessThan(longest);
            }
        }
    }

    @Test
    void colmodernvbert_pages_of_different_grids_in_one_batch_each_keep_their_own_pixels() throws Exception {
        // Squares become a 2x2 grid, a 4:1 strip a 1x2 one: prompts of two lengths, four pages of one of them.
        List<Object> pages = new java.util.ArrayList<>();
        pages.add(page(128, 32, java.awt.Color.MAGENTA));
        for (int grey : new int[] {0, 80, 160, 240}) { // the tiny graph shifts rows by the pixels' mean
            pages.add(page(48, 48, new java.awt.Color(grey, grey, grey)));
        }
        List<Object> reversed = new java.util.ArrayList<>(pages);
        java.util.Collections.reverse(reversed);
        try (LateInteractionMultimodalEmbedding colmodernvbert = LateInteractionMultimodalEmbedding.builder()
                .model("Qdrant/colmodernvbert").modelPath(colModernVbert()).imageBatchSize(8).threads(1).build()) {
            List<MultiVectorEmbedding> forward = colmodernvbert.embedImage(pages);
            List<MultiVectorEmbedding> backward = colmodernvbert.embedImage(reversed);
            assertThat(forward).extracting(MultiVectorEmbedding::rows).containsOnly(forward.get(0).rows());
            for (int i = 0; i < pages.size(); i++) {
                assertThat(forward.get(i).values()).as("page %d", i)
                        .containsExactly(backward.get(pages.size() - 1 - i).values(), within(1e-5f));
            }
            for (int i = 1; i < pages.size(); i++) { // each square's own grey shifts its rows
                assertThat(forward.get(i).row(0)).as("page %d", i).isNotEqualTo(forward.get(1 + i % 4).row(0));
            }
        }
    }

    private static java.awt.image.BufferedImage page(int width, int height, java.awt.Color colour) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.setColor(colour);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return image;
    }

    @Test
    void the_catalog_lists_both_models_and_bad_images_are_refused_clearly() throws Exception {
        assertThat(LateInteractionMultimodalEmbedding.listSupportedModels()).extracting(MultimodalModelDescription::id)
                .containsExactly("Qdrant/colpali-v1.3-fp16", "Qdrant/colmodernvbert");
        try (LateInteractionMultimodalEmbedding model = colpali()) {
            assertThatThrownBy(() -> model.embedImage(Arrays.asList(dir.resolve("chelsea.png"), null)))
                    .hasMessageContaining("images[1]");
            assertThatThrownBy(() -> model.embedImage(List.of("not an image".getBytes())))
                    .hasMessageContaining("not an image");
            assertThatThrownBy(() -> model.embedImage(List.of(dir.resolve("chelsea.png"), "x".getBytes())))
                    .isInstanceOf(FastEmbedException.class)
                    .hasMessageContaining("images[1] (1 bytes) could not be read as an image");
            assertThatThrownBy(() -> model.embedImage(java.util.stream.Stream.of(dir.resolve("chelsea.png"), 42))
                    .toList()).hasMessageContaining("images[1] is a java.lang.Integer");
        }
    }

    @Test
    void streams_of_texts_and_pages_give_what_the_lists_give() throws Exception {
        Path photo = dir.resolve("chelsea.png");
        List<String> queries = List.of("What is the cat doing?", "Is there coffee?", "");
        // threads set, parallelism not: everything in the caller, so that a stream is batched as the list is
        // (by default a stream is split over one-thread workers, and ColPali's query rows include the padding of
        // their batch, as fastembed's do)
        try (LateInteractionMultimodalEmbedding model = LateInteractionMultimodalEmbedding.builder().model(ID)
                .modelPath(modelDir).imageBatchSize(2).threads(2).build()) {
            List<MultiVectorEmbedding> listed = model.embedText(queries);
            List<MultiVectorEmbedding> streamed = model.embedText(queries.stream()).toList();
            for (int i = 0; i < queries.size(); i++) {
                assertThat(streamed.get(i).values()).as(queries.get(i)).containsExactly(listed.get(i).values());
            }
            List<MultiVectorEmbedding> pages = model.embedImage(List.of(photo, photo, photo));
            List<MultiVectorEmbedding> streamedPages = model.embedImage(java.util.stream.Stream.of(photo, photo, photo))
                    .toList();
            assertThat(streamedPages).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(streamedPages.get(i).rows()).isEqualTo(pages.get(i).rows());
                assertThat(streamedPages.get(i).values()).containsExactly(pages.get(i).values());
            }
        }
    }

    @Test
    void a_single_text_or_page_gives_what_a_list_of_one_gives_and_null_is_named() throws Exception {
        Path photo = dir.resolve("chelsea.png");
        try (LateInteractionMultimodalEmbedding model = colpali()) {
            assertThat(model.embedText("Is there coffee?").values())
                    .containsExactly(model.embedText(List.of("Is there coffee?")).get(0).values());
            float[] page = model.embedImage(List.of(photo)).get(0).values();
            assertThat(model.embedImage(photo).values()).containsExactly(page);
            assertThat(model.embedImage(Files.readAllBytes(photo)).values()).containsExactly(page);
            assertThat(model.embedImage(javax.imageio.ImageIO.read(photo.toFile())).values()).containsExactly(page);
            assertThat(model.tokenCount("a cat")).isEqualTo(model.tokenCount(List.of("a cat"), false))
                    .isEqualTo(model.tokenCount(List.of("a cat")));
            assertThatThrownBy(() -> model.embedImage((Path) null)).hasMessageContaining("images[0] is null");
            assertThatThrownBy(() -> model.embedText((String) null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("text must not be null");
            assertThatThrownBy(() -> model.tokenCount(Arrays.asList("a", null), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[1] is null");
        }
    }

    private static float[][] run(long[] ids, float[] pixels) throws Exception {
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1L);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(modelDir.resolve("model.onnx").toString(),
                new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, new long[][] {ids});
                OnnxTensor mask = OnnxTensor.createTensor(env, new long[][] {ones});
                OnnxTensor image = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 3, 448, 448});
                OrtSession.Result result = session.run(Map.of("input_ids", input, "attention_mask", mask,
                        "pixel_values", image))) {
            return ((float[][][]) result.get(0).getValue())[0];
        }
    }
}
