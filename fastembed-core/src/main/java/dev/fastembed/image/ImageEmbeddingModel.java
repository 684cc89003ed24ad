package dev.fastembed.image;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import dev.fastembed.model.ImageModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.text.DensePooling;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image kind's pre- and post-processing: prepared images into one {@code [B, 3, H, W]} float buffer,
 * the graph's first input, then fastembed's head (flatten, CLS token or {@code pooler_output}) and L2.
 */
public final class ImageEmbeddingModel {

    static final String POOLER_OUTPUT = "pooler_output";

    private final ImageModelDescription model;
    private final ImagePreprocessor preprocessor;

    public ImageEmbeddingModel(ImageModelDescription model, ImagePreprocessor preprocessor) {
        this.model = model;
        this.preprocessor = preprocessor;
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** Embeds decoded images, in order. */
    public List<float[]> embed(List<RgbImage> images, OnnxSession session) throws OrtException {
        List<RgbImage> prepared = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            prepared.add(preprocessor.prepare(image));
        }
        int width = prepared.get(0).width();
        int height = prepared.get(0).height();
        for (RgbImage image : prepared) {
            if (image.width() != width || image.height() != height) {
                throw new IllegalStateException("the preprocessing of " + model.id() + " gives images of different "
                        + "sizes (" + width + "x" + height + " and " + image.width() + "x" + image.height()
                        + "); its preprocessor_config.json needs a crop or a fixed size");
            }
        }
        int plane = 3 * width * height;
        float[] pixels = new float[prepared.size() * plane];
        for (int i = 0; i < prepared.size(); i++) {
            preprocessor.toTensor(prepared.get(i), pixels, i * plane);
        }
        String input = session.inputNames().iterator().next();
        String output = model.head() == ImageModelDescription.Head.POOLER ? POOLER_OUTPUT : session.outputNames().get(0);
        if (!session.outputNames().contains(output)) {
            throw new IllegalStateException("the graph of " + model.id() + " has no output '" + output + "' (it has "
                    + session.outputNames() + ")");
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(session.environment(), FloatBuffer.wrap(pixels),
                new long[] {prepared.size(), 3, height, width});
                OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(output))) {
            return head((OnnxTensor) result.get(0), prepared.size());
        }
    }

    private List<float[]> head(OnnxTensor tensor, int batch) throws OrtException {
        long[] shape = tensor.getInfo().getShape();
        FloatBuffer values = tensor.getFloatBuffer();
        int perImage = values.remaining() / batch;
        int dim = model.dimension();
        boolean cls = model.head() == ImageModelDescription.Head.CLS;
        if (perImage % dim != 0 || (!cls && perImage != dim)) {
            throw new IllegalStateException("the graph of " + model.id() + " outputs " + Arrays.toString(shape)
                    + ", which does not hold " + dim + "-dimensional vectors per image");
        }
        List<float[]> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] vector = new float[dim];
            values.get(b * perImage, vector); // CLS: token 0 is the first dim values of the image's rows
            out.add(DensePooling.normalize(vector));
        }
        return out;
    }
}
