package dev.fastembed.multimodal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import dev.fastembed.image.ImagePreprocessor;
import dev.fastembed.image.RgbImage;
import dev.fastembed.late.TokenVectors;
import dev.fastembed.model.MultimodalModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ColPali (spec §6.10). Queries: {@code "<s>Query: " + q + "<pad>"*10 + "\n"}, the first two ids replaced by
 * {@code [2, 5098]}, a blank 448x448 image beside them; every output row kept, padding included. Images: the
 * PaliGemma preprocessing of preprocessor_config.json beside 1030 fixed ids ({@code <image>}x1024 then
 * "Describe the image."); 1030 rows per image. Nothing is masked or normalized, as in fastembed.
 */
public final class ColPaliModel implements MultimodalModel {

    static final String PIXEL_VALUES = "pixel_values";
    static final long[] QUERY_MARKER = {2, 5098};
    static final int IMAGE_SIZE = 448;
    private static final long[] EMPTY_TEXT_PLACEHOLDER = emptyTextPlaceholder();

    private final MultimodalModelDescription model;
    private final TextTokenizer tokenizer;
    private final ImagePreprocessor preprocessor;
    private final int maxBatchTokens;

    public ColPaliModel(MultimodalModelDescription model, TextTokenizer tokenizer, ImagePreprocessor preprocessor,
            int maxBatchTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.preprocessor = preprocessor;
        this.maxBatchTokens = maxBatchTokens;
    }

    private static long[] emptyTextPlaceholder() {
        long[] ids = new long[1030];
        Arrays.fill(ids, 0, 1024, 257152);
        System.arraycopy(new long[] {2, 50721, 573, 2416, 235265, 108}, 0, ids, 1024, 6);
        return ids;
    }

    /** fastembed's query template. */
    static String query(String text) {
        return "<s>Query: " + text + "<pad>".repeat(10) + "\n";
    }

    @Override
    public List<TokenVectors> texts(List<String> texts, OnnxSession session) throws OrtException {
        List<String> prompts = new ArrayList<>(texts.size());
        for (String text : texts) {
            prompts.add(query(text));
        }
        TextTokenizer.Tokenized tokens = tokenizer.tokenize(prompts).withLeadingIds(QUERY_MARKER);
        return TextBatchRunner.runKeepingPadding(tokens, session, maxBatchTokens, session.outputNames().get(0),
                (env, slice) -> Map.of(PIXEL_VALUES, OnnxTensor.createTensor(env,
                        FloatBuffer.wrap(new float[slice.size() * 3 * IMAGE_SIZE * IMAGE_SIZE]),
                        new long[] {slice.size(), 3, IMAGE_SIZE, IMAGE_SIZE})),
                this::rows);
    }

    @Override
    public List<TokenVectors> images(List<RgbImage> images, OnnxSession session) throws OrtException {
        int n = images.size();
        float[] pixels = new float[n * 3 * IMAGE_SIZE * IMAGE_SIZE];
        for (int i = 0; i < n; i++) {
            RgbImage prepared = preprocessor.prepare(images.get(i));
            if (prepared.width() != IMAGE_SIZE || prepared.height() != IMAGE_SIZE) {
                throw new IllegalStateException("the preprocessor_config.json of " + model.id() + " gives "
                        + prepared.width() + "x" + prepared.height() + " images; ColPali takes 448x448");
            }
            preprocessor.toTensor(prepared, pixels, i * 3 * IMAGE_SIZE * IMAGE_SIZE);
        }
        long[] ids = new long[n * EMPTY_TEXT_PLACEHOLDER.length];
        long[] mask = new long[ids.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(EMPTY_TEXT_PLACEHOLDER, 0, ids, i * EMPTY_TEXT_PLACEHOLDER.length, EMPTY_TEXT_PLACEHOLDER.length);
        }
        Arrays.fill(mask, 1L);
        OrtEnvironment env = session.environment();
        long[] textShape = {n, EMPTY_TEXT_PLACEHOLDER.length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), textShape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), textShape));
            inputs.put(PIXEL_VALUES, OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                    new long[] {n, 3, IMAGE_SIZE, IMAGE_SIZE}));
            // One row per input position (1030 each), written in place when the graph declares it so (a float16
            // export is read through ONNX Runtime's widening copy).
            return session.runText(inputs, List.of(session.outputNames().get(0)), n, (int) textShape[1], outputs -> {
                OnnxTensor tensor = (OnnxTensor) outputs.get(0);
                long[] shape = tensor.getInfo().getShape();
                return rows(tensor, n, shape.length == 3 ? (int) shape[1] : -1);
            });
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private List<TokenVectors> rows(OnnxValue output, EncodedBatch batch) throws OrtException {
        return rows((OnnxTensor) output, batch.size(), batch.length());
    }

    private List<TokenVectors> rows(OnnxTensor output, int rows, int tokens) {
        long[] shape = output.getInfo().getShape();
        if (shape.length != 3 || shape[0] != rows || shape[1] != tokens || shape[2] != model.dimension()) {
            throw new IllegalStateException("ColPali outputs [batch, tokens, " + model.dimension() + "]; the graph of "
                    + model.id() + " gave " + Arrays.toString(shape));
        }
        return TokenVectors.split(PinnedFloats.floatsOf(output), rows, tokens, model.dimension());
    }

    /** Tokens of each query, with the extension inside the query template; the image path always takes 1030. */
    @Override
    public int[] tokenCounts(List<String> texts, boolean includeExtension) {
        List<String> prompts = new ArrayList<>(texts.size());
        for (String text : texts) {
            prompts.add(includeExtension ? query(text) : text);
        }
        return tokenizer.tokenCounts(prompts);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
