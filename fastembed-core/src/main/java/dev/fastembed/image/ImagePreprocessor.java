package dev.fastembed.image;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.fastembed.ModelLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * fastembed's image pipeline as a model's preprocessor_config.json describes it, in fastembed's order:
 * resize (shortest edge or fixed size; ConvNext's crop_pct), JinaCLIP's pad-to-square, centre crop with zero
 * padding, then rescale and normalize into channels-first floats. Resizing is {@link PillowResize}.
 */
public final class ImagePreprocessor {

    private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private enum Kind { CLIP, CONVNEXT, JINA_CLIP }

    private final Kind kind;
    private final PillowResize.Filter filter;
    private final boolean resize;
    private final int shortestEdge;     // > 0: resize the short side to this
    private final int resizeWidth;      // else a fixed size
    private final int resizeHeight;
    private final boolean crop;
    private final int cropWidth;
    private final int cropHeight;
    private final double cropPct;
    private final int fillColor;
    private final boolean rescale;
    private final double rescaleFactor;
    private final float[] mean;
    private final float[] std;

    private ImagePreprocessor(Kind kind, PillowResize.Filter filter, boolean resize, int shortestEdge, int resizeWidth,
            int resizeHeight, boolean crop, int cropWidth, int cropHeight, double cropPct, int fillColor,
            boolean rescale, double rescaleFactor, float[] mean, float[] std) {
        this.kind = kind;
        this.filter = filter;
        this.resize = resize;
        this.shortestEdge = shortestEdge;
        this.resizeWidth = resizeWidth;
        this.resizeHeight = resizeHeight;
        this.crop = crop;
        this.cropWidth = cropWidth;
        this.cropHeight = cropHeight;
        this.cropPct = cropPct;
        this.fillColor = fillColor;
        this.rescale = rescale;
        this.rescaleFactor = rescaleFactor;
        this.mean = mean;
        this.std = std;
    }

    /** Reads preprocessor_config.json. */
    public static ImagePreprocessor fromFile(Path config) {
        try {
            return fromJson(JsonParser.parseString(Files.readString(config, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException load) {
                throw load;
            }
            throw new ModelLoadException("Could not read the image preprocessing config " + config + ": "
                    + e.getMessage(), e);
        }
    }

    public static ImagePreprocessor fromJson(JsonObject c) {
        String type = string(c, "image_processor_type", string(c, "feature_extractor_type", "CLIPImageProcessor"));
        Kind kind = switch (type) {
            case "CLIPImageProcessor", "CLIPFeatureExtractor", "SiglipImageProcessor", "Siglip2ImageProcessor",
                    "SiglipImageProcessorFast", "CLIPImageProcessorFast", "ViTImageProcessor" -> Kind.CLIP;
            case "ConvNextFeatureExtractor", "ConvNextImageProcessor" -> Kind.CONVNEXT;
            case "JinaCLIPImageProcessor" -> Kind.JINA_CLIP;
            default -> throw new ModelLoadException("image_processor_type '" + type + "' is not supported (CLIP, "
                    + "SigLIP, ConvNext and JinaCLIP processors are)");
        };
        PillowResize.Filter filter = kind == Kind.JINA_CLIP
                ? PillowResize.Filter.valueOf(string(c, "interpolation", "bicubic").toUpperCase(Locale.ROOT))
                : PillowResize.Filter.ofCode(integer(c, "resample", 3));
        int shortest = 0;
        int width = 0;
        int height = 0;
        JsonElement size = c.get("size");
        if (size != null && size.isJsonObject()) {
            JsonObject s = size.getAsJsonObject();
            if (s.has("shortest_edge")) {
                shortest = s.get("shortest_edge").getAsInt();
            } else {
                // fastembed passes (height, width) where PIL expects (width, height): harmless when square
                width = s.get("height").getAsInt();
                height = s.get("width").getAsInt();
            }
        } else if (size != null && size.isJsonPrimitive()) {
            shortest = size.getAsInt();
        }
        int cropW = 0;
        int cropH = 0;
        JsonElement cropSize = c.get("crop_size");
        if (cropSize != null && cropSize.isJsonObject()) {
            cropW = cropSize.getAsJsonObject().get("width").getAsInt();
            cropH = cropSize.getAsJsonObject().get("height").getAsInt();
        } else if (cropSize != null && cropSize.isJsonPrimitive()) {
            cropW = cropSize.getAsInt();
            cropH = cropW;
        }
        boolean doCrop = kind == Kind.CLIP && bool(c, "do_center_crop", cropW > 0) && cropW > 0;
        float[] mean = CLIP_MEAN;
        float[] std = CLIP_STD;
        boolean normalize = bool(c, "do_normalize", true);
        if (normalize && c.has("image_mean")) {
            mean = floats(c, "image_mean");
            std = floats(c, "image_std");
        } else if (!normalize && c.has("mean") && c.has("std")) {
            mean = floats(c, "mean");
            std = floats(c, "std");
        } else if (!normalize) {
            mean = new float[] {0, 0, 0};
            std = new float[] {1, 1, 1};
        }
        int fill = 0;
        JsonElement fillColor = c.get("fill_color");
        if (fillColor != null && fillColor.isJsonPrimitive()) {
            fill = fillColor.getAsInt();
        }
        boolean doResize = bool(c, "do_resize", true);
        if (kind == Kind.CONVNEXT && doResize && shortest <= 0) {
            throw new ModelLoadException("a ConvNext preprocessor_config.json that resizes needs size.shortest_edge; "
                    + "add it, or set do_resize to false");
        }
        return new ImagePreprocessor(kind, filter, doResize, shortest, width, height, doCrop, cropW,
                cropH, c.has("crop_pct") ? c.get("crop_pct").getAsDouble() : 0.875, fill, bool(c, "do_rescale", true),
                c.has("rescale_factor") ? c.get("rescale_factor").getAsDouble() : 1 / 255.0, mean, std);
    }

    /** Resize, pad and crop: the uint8 image fastembed turns into an array (before rescale and normalize). */
    public RgbImage prepare(RgbImage image) {
        RgbImage out = image;
        switch (kind) {
            case CONVNEXT -> {
                // do_resize false skips resize and crop together, as transformers and fastembed 0.9.1 (#771) do
                if (!resize) {
                    break;
                }
                if (shortestEdge < 384) {
                    out = resizeShortest(out, (int) (shortestEdge / cropPct));
                    out = centerCrop(out, shortestEdge, shortestEdge);
                } else {
                    out = PillowResize.resize(out, shortestEdge, shortestEdge, filter);
                }
            }
            case JINA_CLIP -> {
                if (shortestEdge > 0) {
                    out = resizeShortest(out, shortestEdge);
                    out = padToSquare(out, shortestEdge);
                }
            }
            default -> {
                if (resize) {
                    out = shortestEdge > 0 ? resizeShortest(out, shortestEdge)
                            : PillowResize.resize(out, resizeWidth, resizeHeight, filter);
                }
                if (crop) {
                    out = centerCrop(out, cropWidth, cropHeight);
                }
            }
        }
        return out;
    }

    /** Writes {@code (pixel * rescale - mean) / std}, channels first, at {@code offset} of {@code out}. */
    public void toTensor(RgbImage prepared, float[] out, int offset) {
        int plane = prepared.width() * prepared.height();
        byte[] pixels = prepared.pixels();
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                // float32 as numpy: x * factor, then (x - mean) / std
                float x = (pixels[i * 3 + c] & 0xFF) * (rescale ? (float) rescaleFactor : 1f);
                out[base + i] = (x - m) / s;
            }
        }
    }

    /** The output size of {@link #prepare} for an input of this size. */
    public int[] outputSize(int width, int height) {
        RgbImage probe = prepare(new RgbImage(width, height, new byte[width * height * 3]));
        return new int[] {probe.width(), probe.height()};
    }

    private RgbImage resizeShortest(RgbImage image, int edge) {
        int w = image.width();
        int h = image.height();
        int newW = w <= h ? edge : (int) ((double) edge * w / h);
        int newH = w <= h ? (int) ((double) edge * h / w) : edge;
        return PillowResize.resize(image, Math.max(1, newW), Math.max(1, newH), filter);
    }

    /**
     * Crops the centre; an image smaller than the crop is zero-padded around its centre first. With an odd
     * difference the padding before the image is the larger half (fastembed 0.9.1, #746: {@code (new - orig + 1)
     * // 2}), so the image sits one pixel lower or further right than an even split would put it.
     */
    static RgbImage centerCrop(RgbImage image, int cropW, int cropH) {
        int w = image.width();
        int h = image.height();
        int canvasW = Math.max(cropW, w);
        int canvasH = Math.max(cropH, h);
        int padLeft = (canvasW - w + 1) / 2;
        int padTop = (canvasH - h + 1) / 2;
        int left = (canvasW - cropW) / 2;
        int top = (canvasH - cropH) / 2;
        byte[] out = new byte[cropW * cropH * 3];
        for (int y = 0; y < cropH; y++) {
            int sy = y + top - padTop;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < cropW; x++) {
                int sx = x + left - padLeft;
                if (sx >= 0 && sx < w) {
                    System.arraycopy(image.pixels(), (sy * w + sx) * 3, out, (y * cropW + x) * 3, 3);
                }
            }
        }
        return new RgbImage(cropW, cropH, out);
    }

    /** JinaCLIP: crop any side over {@code size} to its centre, then paste at the top-left of a filled square. */
    private RgbImage padToSquare(RgbImage image, int size) {
        RgbImage cropped = image;
        if (image.width() > size || image.height() > size) {
            cropped = centerCrop(image, Math.min(size, image.width()), Math.min(size, image.height()));
        }
        byte[] out = new byte[size * size * 3];
        java.util.Arrays.fill(out, (byte) fillColor);
        for (int y = 0; y < cropped.height(); y++) {
            System.arraycopy(cropped.pixels(), y * cropped.width() * 3, out, y * size * 3, cropped.width() * 3);
        }
        return new RgbImage(size, size, out);
    }

    private static String string(JsonObject c, String key, String fallback) {
        JsonElement value = c.get(key);
        return value == null || value.isJsonNull() ? fallback : value.getAsString();
    }

    private static int integer(JsonObject c, String key, int fallback) {
        JsonElement value = c.get(key);
        return value == null || value.isJsonNull() ? fallback : value.getAsInt();
    }

    private static boolean bool(JsonObject c, String key, boolean fallback) {
        JsonElement value = c.get(key);
        return value == null || value.isJsonNull() ? fallback : value.getAsBoolean();
    }

    private static float[] floats(JsonObject c, String key) {
        JsonElement value = c.get(key);
        if (value.isJsonPrimitive()) {
            float v = value.getAsFloat();
            return new float[] {v, v, v};
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = value.getAsJsonArray().get(i).getAsFloat();
        }
        return out;
    }
}
