package dev.fastembed.testing;

import dev.fastembed.TextEmbedding;
import dev.fastembed.model.ModelDescription;
import dev.fastembed.model.Pooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated CLIP pair the adapter and starter tests share (src/test/python/make_tiny_models.py): a 512-d
 * text tower registered as {@link #TEXT_MODEL} and a vision tower served as {@link #VISION_MODEL}, each in its
 * own folder, in one space.
 *
 * @param text the text tower's folder (model.onnx, tokenizer.json)
 * @param vision the vision tower's folder (model.onnx, CLIP's preprocessor_config.json)
 */
public record TinyClipPair(Path text, Path vision) {

    public static final String TEXT_MODEL = "test/clip-text-512";
    public static final String VISION_MODEL = "Qdrant/clip-ViT-B-32-vision";
    /** The same text graph registered without an image tower: as wide as the vision model, yet not its pair. */
    public static final String UNPAIRED_TEXT_MODEL = "test/clip-text-512-unpaired";

    /** Writes both towers under {@code dir} and registers the text tower once per JVM. */
    public static TinyClipPair writeTo(Path dir) throws IOException {
        Path text = dir.resolve("clip-text");
        FixtureFiles.copy("/tiny-models/tiny-clip-text-512.onnx", text.resolve("model.onnx"));
        FixtureFiles.copy("/bge-small-en-v1.5-q-tokenizer.json", text.resolve("tokenizer.json"));
        Path vision = dir.resolve("clip-vision");
        FixtureFiles.copy("/tiny-models/tiny-clip-vision.onnx", vision.resolve("model.onnx"));
        Files.writeString(vision.resolve("preprocessor_config.json"), "{\"crop_size\": 224, \"do_center_crop\": true, "
                + "\"resample\": 3, \"size\": 224, \"image_mean\": [0.48145466, 0.4578275, 0.40821073], "
                + "\"image_std\": [0.26862954, 0.26130258, 0.27577711]}");
        synchronized (TinyClipPair.class) {
            if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(TEXT_MODEL))) {
                TextEmbedding.addCustomModel(ModelDescription.builder(TEXT_MODEL).dimension(512)
                        .pooling(Pooling.CLS).normalize(true).modelFile("model.onnx").maxLength(77)
                        .imageModels(java.util.List.of(VISION_MODEL)).matryoshkaDimensions(java.util.List.of(256))
                        .build());
            }
            if (TextEmbedding.listSupportedModels().stream().noneMatch(m -> m.id().equals(UNPAIRED_TEXT_MODEL))) {
                TextEmbedding.addCustomModel(ModelDescription.builder(UNPAIRED_TEXT_MODEL).dimension(512)
                        .pooling(Pooling.CLS).normalize(true).modelFile("model.onnx").maxLength(77).build());
            }
        }
        return new TinyClipPair(text, vision);
    }
}
