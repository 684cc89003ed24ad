package dev.fastembed.multimodal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.ModelLoadException;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.image.ImagePreprocessor;
import dev.fastembed.image.PillowResize;
import dev.fastembed.image.RgbImage;
import dev.fastembed.late.TokenVectors;
import dev.fastembed.model.MultimodalModelDescription;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.text.EncodedBatch;
import dev.fastembed.text.TextBatchRunner;
import dev.fastembed.text.TextTokenizer;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * ColModernVBERT (spec §6.11): texts get ten {@code <end_of_utterance>} and a blank image per token position;
 * images go through Idefics3's resizing and splitting, each patch becoming {@code image_seq_len} image tokens
 * of a prompt that names its grid position. Every output row is kept, as in fastembed.
 */
public final class ColModernVbertModel implements MultimodalModel {

    static final String SUFFIX = "<end_of_utterance>".repeat(10);
    static final String PROMPT = "<|begin_of_text|>User:<image>Describe the image.<end_of_utterance>\nAssistant:";

    private final MultimodalModelDescription model;
    private final TextTokenizer tokenizer;
    private final int imageSeqLen;
    private final int patchSize;      // max_image_size.longest_edge
    private final int imageSize;      // vision_config.image_size
    private final int longestEdge;    // size.longest_edge
    private final boolean resize;
    private final boolean splitting;
    private final PillowResize.Filter filter;
    private final ImagePreprocessor normalizer;
    private final int maxBatchTokens;

    /**
     * The most floats of blank pixels one query run may take (512 MB): fastembed gives every query position a blank
     * image of {@code image_size}, 3 MB each at 512 px, so query runs are cut to this many bytes' worth of tokens
     * before the token budget (4096 tokens would be 12 GB).
     */
    static final long PLACEHOLDER_FLOATS = (512L << 20) / Float.BYTES;

    public ColModernVbertModel(MultimodalModelDescription model, TextTokenizer tokenizer, ModelFiles files,
            int maxBatchTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxBatchTokens = maxBatchTokens;
        JsonObject processor = files.file("processor_config.json").map(ColModernVbertModel::read).orElse(new JsonObject());
        JsonObject preprocessor = read(files.file("preprocessor_config.json").orElseThrow());
        JsonObject config = files.configFile().map(ColModernVbertModel::read).orElse(new JsonObject());
        this.imageSeqLen = integer(processor, "image_seq_len", 64);
        this.patchSize = nested(preprocessor, "max_image_size", "longest_edge", 512);
        this.longestEdge = nested(preprocessor, "size", "longest_edge", patchSize);
        this.imageSize = nested(config, "vision_config", "image_size", 512);
        this.resize = !preprocessor.has("do_resize") || preprocessor.get("do_resize").getAsBoolean();
        this.splitting = !preprocessor.has("do_image_splitting") || preprocessor.get("do_image_splitting").getAsBoolean();
        this.filter = PillowResize.Filter.ofCode(integer(preprocessor, "resample", 1));
        JsonObject normalize = new JsonObject();
        normalize.addProperty("do_resize", false);
        for (String key : new String[] {"do_rescale", "rescale_factor", "do_normalize", "image_mean", "image_std"}) {
            if (preprocessor.has(key)) {
                normalize.add(key, preprocessor.get(key));
            }
        }
        this.normalizer = ImagePreprocessor.fromJson(normalize);
    }

    @Override
    public List<TokenVectors> texts(List<String> texts, OnnxSession session) throws OrtException {
        List<String> prompts = new ArrayList<>(texts.size());
        for (String text : texts) {
            prompts.add(text + SUFFIX);
        }
        return TextBatchRunner.runKeepingPadding(tokenizer.tokenize(prompts), session,
                queryBudget(maxBatchTokens, imageSize), session.outputNames().get(0),
                (env, slice) -> Map.of(ColPaliModel.PIXEL_VALUES, OnnxTensor.createTensor(env,
                        FloatBuffer.wrap(new float[placeholderSize(slice.size(), slice.length(), imageSize)]),
                        new long[] {slice.size(), slice.length(), 3, imageSize, imageSize})),
                this::rows);
    }

    /** The padded tokens of one query run: the token budget, cut so that its blank pixels fit {@link #PLACEHOLDER_FLOATS}. */
    static int queryBudget(int maxBatchTokens, int imageSize) {
        long perToken = 3L * imageSize * imageSize; // the blank image fastembed gives each query position
        return (int) Math.max(1, Math.min(maxBatchTokens, PLACEHOLDER_FLOATS / perToken));
    }

    /** Floats of one run's blank pixel tensor; a query too long for one Java array is refused, naming its length. */
    static int placeholderSize(int rows, int tokens, int imageSize) {
        long size = (long) rows * tokens * 3L * imageSize * imageSize;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a ColModernVBERT query of " + tokens + " tokens needs a blank "
                    + imageSize + "x" + imageSize + " image per token, " + size * Float.BYTES / (1 << 20)
                    + " MB, more than one Java array holds; shorten the query");
        }
        return (int) size;
    }

    /** The patches an image becomes, in order (grid row-major, then the global view). */
    Idefics3Images.Patches patches(RgbImage image) {
        RgbImage resized = resize ? Idefics3Images.resizeLongestEdge(image, longestEdge, filter) : image;
        if (splitting) {
            return Idefics3Images.split(resized, patchSize, filter);
        }
        return new Idefics3Images.Patches(List.of(PillowResize.resize(resized, patchSize, patchSize, filter)), 0, 0);
    }

    @Override
    public List<TokenVectors> images(List<RgbImage> images, OnnxSession session) throws OrtException {
        int n = images.size();
        List<Idefics3Images.Patches> all = new ArrayList<>(n);
        List<String> prompts = new ArrayList<>(n);
        int maxPatches = 1;
        for (RgbImage image : images) {
            Idefics3Images.Patches patches = patches(image);
            all.add(patches);
            maxPatches = Math.max(maxPatches, patches.patches().size());
            int[] grid = Idefics3Images.grid(patches.patches().size());
            prompts.add(PROMPT.replace("<image>", imageTokens(grid[0], grid[1])));
        }
        int plane = 3 * patchSize * patchSize;
        float[] pixels = new float[n * maxPatches * plane];
        for (int i = 0; i < n; i++) {
            List<RgbImage> patches = all.get(i).patches();
            for (int p = 0; p < patches.size(); p++) {
                normalizer.toTensor(patches.get(p), pixels, (i * maxPatches + p) * plane);
            }
        }
        int finalMaxPatches = maxPatches;
        // Every row is kept, padding included, as fastembed pads it: one run in input order, since the pixel
        // tensor holds the pages in input order.
        return TextBatchRunner.runInOrder(tokenizer.tokenize(prompts), session,
                session.outputNames().get(0), (env, slice) -> Map.of(ColPaliModel.PIXEL_VALUES,
                        OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                                new long[] {n, finalMaxPatches, 3, patchSize, patchSize})),
                this::rows);
    }

    private String imageTokens(int rows, int cols) {
        String image = "<image>".repeat(imageSeqLen);
        String global = "<fake_token_around_image><global-img>" + image + "<fake_token_around_image>";
        if (rows == 0 || cols == 0) {
            return global;
        }
        StringBuilder text = new StringBuilder();
        for (int r = 1; r <= rows; r++) {
            for (int c = 1; c <= cols; c++) {
                text.append("<fake_token_around_image><row_").append(r).append("_col_").append(c).append('>')
                        .append(image);
            }
            text.append('\n');
        }
        return text.append('\n').append(global).toString();
    }

    private List<TokenVectors> rows(OnnxValue output, EncodedBatch batch) throws OrtException {
        long[] shape = ((OnnxTensor) output).getInfo().getShape();
        if (shape.length != 3 || shape[0] != batch.size() || shape[2] != model.dimension()) {
            throw new IllegalStateException("ColModernVBERT outputs [batch, tokens, " + model.dimension()
                    + "]; the graph of " + model.id() + " gave " + Arrays.toString(shape));
        }
        // In place when the graph ties its token count to the input's; else its own (shape[1]), copied.
        return TokenVectors.split(PinnedFloats.floatsOf((OnnxTensor) output), batch.size(), (int) shape[1],
                model.dimension());
    }

    /** Tokens of each text with its ten-token suffix (fastembed's include_extension). */
    @Override
    public int[] tokenCounts(List<String> texts, boolean includeExtension) {
        List<String> prompts = new ArrayList<>(texts.size());
        for (String text : texts) {
            prompts.add(includeExtension ? text + SUFFIX : text);
        }
        return tokenizer.tokenCounts(prompts);
    }

    private static JsonObject read(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int integer(JsonObject json, String key, int fallback) {
        JsonElement value = json.get(key);
        return value == null || value.isJsonNull() ? fallback : value.getAsInt();
    }

    private static int nested(JsonObject json, String outer, String inner, int fallback) {
        JsonElement value = json.get(outer);
        return value != null && value.isJsonObject() ? integer(value.getAsJsonObject(), inner, fallback) : fallback;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
