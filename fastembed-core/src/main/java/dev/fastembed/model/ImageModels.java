package dev.fastembed.model;

import dev.fastembed.model.ImageModelDescription.Head;

import java.util.List;

/** The image models of spec §2.4, in fastembed's registry order. */
final class ImageModels {

    private ImageModels() {
    }

    static List<ImageModelDescription> all() {
        return List.of(
                new ImageModelDescription("Qdrant/clip-ViT-B-32-vision", 512, Head.FLAT,
                        ModelSource.huggingFace("Qdrant/clip-ViT-B-32-vision"), "model.onnx", "mit", 0.34,
                        "CLIP ViT-B/32 image tower; pairs with the Qdrant/clip-ViT-B-32-text text model."),
                new ImageModelDescription("Qdrant/resnet50-onnx", 2048, Head.FLAT,
                        ModelSource.huggingFace("Qdrant/resnet50-onnx"), "model.onnx", "apache-2.0", 0.1,
                        "ResNet-50 image features."),
                new ImageModelDescription("Qdrant/Unicom-ViT-B-16", 768, Head.FLAT,
                        ModelSource.huggingFace("Qdrant/Unicom-ViT-B-16"), "model.onnx", "apache-2.0", 0.82,
                        "Unicom ViT-B/16 image features."),
                new ImageModelDescription("Qdrant/Unicom-ViT-B-32", 512, Head.FLAT,
                        ModelSource.huggingFace("Qdrant/Unicom-ViT-B-32"), "model.onnx", "apache-2.0", 0.48,
                        "Unicom ViT-B/32 image features."),
                new ImageModelDescription("jinaai/jina-clip-v1", 768, Head.FLAT,
                        ModelSource.huggingFace("jinaai/jina-clip-v1"), "onnx/vision_model.onnx", "apache-2.0", 0.34,
                        "Jina CLIP v1 image tower; pairs with the jinaai/jina-clip-v1 text model."),
                new ImageModelDescription("nomic-ai/nomic-embed-vision-v1.5", 768, Head.CLS,
                        ModelSource.huggingFace("nomic-ai/nomic-embed-vision-v1.5"), "onnx/model.onnx", "apache-2.0",
                        0.37, "Nomic vision; shares its space with nomic-embed-text-v1.5."),
                new ImageModelDescription("nomic-ai/nomic-embed-vision-v1.5-Q", 768, Head.CLS,
                        ModelSource.huggingFace("nomic-ai/nomic-embed-vision-v1.5"), "onnx/model_quantized.onnx",
                        "apache-2.0", 0.1, "Nomic vision, int8."),
                new ImageModelDescription("google/siglip2-base-patch16-224", 768, Head.POOLER,
                        ModelSource.huggingFace("onnx-community/siglip2-base-patch16-224-ONNX"),
                        "onnx/vision_model.onnx", "apache-2.0", 0.37,
                        "SigLIP 2 image tower; pairs with the google/siglip2-base-patch16-224 text model."));
    }
}
