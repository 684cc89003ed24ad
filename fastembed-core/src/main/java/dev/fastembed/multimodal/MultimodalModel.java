package dev.fastembed.multimodal;

import ai.onnxruntime.OrtException;

import dev.fastembed.image.RgbImage;
import dev.fastembed.late.TokenVectors;
import dev.fastembed.onnx.OnnxSession;

import java.util.List;

/** One ColPali-family model's pre- and post-processing: token vectors for texts and for images. */
public interface MultimodalModel extends AutoCloseable {

    List<TokenVectors> texts(List<String> texts, OnnxSession session) throws OrtException;

    List<TokenVectors> images(List<RgbImage> images, OnnxSession session) throws OrtException;

    /** Tokens per text; with the extension, the model's query suffix or template counted too. */
    int[] tokenCounts(List<String> texts, boolean includeExtension);

    @Override
    void close();
}
