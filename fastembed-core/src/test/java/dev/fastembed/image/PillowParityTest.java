package dev.fastembed.image;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resizing and the CLIP pipeline against Pillow 9.4's own output on real photos
 * (src/test/python/make_image_references.py wrote the references as lossless PNGs).
 */
class PillowParityTest {

    static RgbImage load(String name) throws IOException {
        try (InputStream in = PillowParityTest.class.getResourceAsStream("/images/" + name)) {
            assertThat(in).as(name).isNotNull();
            return ImageDecoder.decode(in);
        }
    }

    /** The largest per-channel difference, in 8-bit steps. */
    static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nearest", "lanczos", "bilinear", "bicubic", "box", "hamming"})
    void downscaling_matches_pillow_exactly(String filter) throws IOException {
        RgbImage resized = PillowResize.resize(load("chelsea.png"), 224, 149,
                PillowResize.Filter.valueOf(filter.toUpperCase(Locale.ROOT)));
        assertThat(maxDifference(resized, load("ref-chelsea-224x149-" + filter + ".png"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nearest", "lanczos", "bilinear", "bicubic", "box", "hamming"})
    void upscaling_matches_pillow_exactly(String filter) throws IOException {
        RgbImage crop = crop(load("chelsea.png"), 200, 100, 37, 25);
        RgbImage resized = PillowResize.resize(crop, 111, 75, PillowResize.Filter.valueOf(filter.toUpperCase(Locale.ROOT)));
        assertThat(maxDifference(resized, load("ref-up-111x75-" + filter + ".png"))).isZero();
    }

    @Test
    void one_axis_resizes_match_pillow_exactly() throws IOException {
        RgbImage chelsea = load("chelsea.png");
        assertThat(maxDifference(PillowResize.resize(chelsea, 451, 100, PillowResize.Filter.BICUBIC),
                load("ref-chelsea-451x100-bicubic.png"))).isZero();
        assertThat(maxDifference(PillowResize.resize(chelsea, 100, 300, PillowResize.Filter.BICUBIC),
                load("ref-chelsea-100x300-bicubic.png"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chelsea.png", "coffee-crop.png", "chelsea-rgba.png", "chelsea-palette.png",
            "chelsea-grey.png"})
    void the_clip_pipeline_matches_pillow_within_one_step(String source) throws IOException {
        RgbImage prepared = clip().prepare(load(source));
        assertThat(prepared.width()).isEqualTo(224);
        assertThat(maxDifference(prepared, load("ref-clip-" + source.replace('.', '-') + ".png"))).isLessThanOrEqualTo(1);
    }

    @Test
    void jpeg_decoding_matches_libjpeg_exactly_through_the_clip_pipeline() throws IOException {
        RgbImage prepared = clip().prepare(load("coffee-crop.jpg"));
        // Raw YCbCr samples converted with libjpeg's own arithmetic (JpegColour): the spec's +-1-2 came from
        // ImageIO's colour conversion, not from the IDCT.
        assertThat(maxDifference(prepared, load("ref-clip-coffee-crop-jpg.png"))).isZero();
    }

    @Test
    void small_images_are_zero_padded_around_the_centre_and_huge_ones_work() throws IOException {
        RgbImage one = load("one-pixel.png");
        RgbImage prepared = clip().prepare(one);
        assertThat(prepared.width()).isEqualTo(224);
        assertThat(prepared.get(112, 112, 0)).isEqualTo(200); // 1x1 upscaled to 224x224: all the same colour
        RgbImage padded = ImagePreprocessor.centerCrop(new RgbImage(2, 2, new byte[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}),
                4, 4);
        assertThat(padded.get(0, 0, 0)).isZero();
        assertThat(padded.get(1, 1, 0)).isEqualTo(1); // offset (4-2)//2 = 1
        assertThat(padded.get(2, 2, 0)).isEqualTo(4);
        RgbImage huge = new RgbImage(10_000, 10_000, new byte[10_000 * 10_000 * 3]);
        assertThat(clip().prepare(huge).width()).isEqualTo(224);
    }

    @Test
    void an_odd_padding_puts_the_larger_half_before_the_image_as_fastembed_0_9_1() {
        // fastembed #746's own case: a 3x3 image (values 1..27, HWC), no resize, centre crop 4: the image lands at
        // rows 1..3 and columns 1..3 (top_pad = (4 - 3 + 1) // 2 = 1), row 0 and column 0 are zeros.
        byte[] pixels = new byte[27];
        for (int i = 0; i < 27; i++) {
            pixels[i] = (byte) (i + 1);
        }
        RgbImage cropped = ImagePreprocessor.centerCrop(new RgbImage(3, 3, pixels), 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    int expected = y == 0 || x == 0 ? 0 : ((y - 1) * 3 + (x - 1)) * 3 + c + 1;
                    assertThat(cropped.get(x, y, c)).as("x %d y %d c %d", x, y, c).isEqualTo(expected);
                }
            }
        }
        // One side too small only: a 3-wide, 6-high image cropped to 4x4 pads the width (1 before) and crops the
        // height from row (6 - 4) // 2 = 1.
        RgbImage tall = ImagePreprocessor.centerCrop(new RgbImage(3, 6, new byte[3 * 6 * 3]), 4, 4);
        assertThat(tall.width()).isEqualTo(4);
        assertThat(tall.height()).isEqualTo(4);
    }

    @Test
    void rescale_and_normalize_write_channels_first_floats() {
        RgbImage image = new RgbImage(1, 2, new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0});
        float[] out = new float[6];
        clip().toTensor(image, out, 0);
        assertThat(out[0]).isEqualTo((1f - 0.48145466f) / 0.26862954f);   // R of pixel 0
        assertThat(out[1]).isEqualTo((0f - 0.48145466f) / 0.26862954f);   // R of pixel 1
        assertThat(out[3]).isEqualTo((1f - 0.4578275f) / 0.26130258f);    // G of pixel 1
    }

    @Test
    void convnext_resizes_to_shortest_over_crop_pct_then_crops_and_jina_pads_to_a_square() {
        ImagePreprocessor convnext = ImagePreprocessor.fromJson(JsonParser.parseString(
                "{\"image_processor_type\": \"ConvNextFeatureExtractor\", \"size\": {\"shortest_edge\": 224}}")
                .getAsJsonObject());
        assertThat(convnext.outputSize(451, 300)).containsExactly(224, 224);
        ImagePreprocessor jina = ImagePreprocessor.fromJson(JsonParser.parseString("{\"image_processor_type\": "
                + "\"JinaCLIPImageProcessor\", \"size\": 224, \"interpolation\": \"bicubic\", \"fill_color\": 0}")
                .getAsJsonObject());
        RgbImage wide = new RgbImage(448, 224, filled(448 * 224 * 3, (byte) 9));
        RgbImage square = jina.prepare(wide);
        assertThat(square.width()).isEqualTo(224);
        assertThat(square.get(223, 223, 0)).isEqualTo(9); // wide: cropped to 224, nothing to pad
        RgbImage small = new RgbImage(100, 50, filled(100 * 50 * 3, (byte) 9));
        RgbImage resized = jina.prepare(small); // short side to 224 (448x224), then the long side cropped
        assertThat(resized.width()).isEqualTo(224);
        assertThat(resized.height()).isEqualTo(224);
        assertThat(resized.get(223, 223, 0)).isEqualTo(9);
        assertThatThrownBy(() -> ImagePreprocessor.fromJson(JsonParser.parseString(
                "{\"image_processor_type\": \"LlavaProcessor\"}").getAsJsonObject()))
                .hasMessageContaining("LlavaProcessor");
    }

    @ParameterizedTest
    @ValueSource(ints = {224, 384, 512})
    void convnext_with_do_resize_false_keeps_the_images_size_and_pixels_as_fastembed_0_9_1(int shortestEdge) {
        ImagePreprocessor convnext = ImagePreprocessor.fromJson(JsonParser.parseString("{\"image_processor_type\": "
                + "\"ConvNextFeatureExtractor\", \"do_resize\": false, \"size\": {\"shortest_edge\": "
                + shortestEdge + "}, \"do_rescale\": false}").getAsJsonObject());
        byte[] pixels = new byte[67 * 43 * 3];
        new java.util.Random(shortestEdge).nextBytes(pixels);
        RgbImage image = new RgbImage(67, 43, pixels);
        RgbImage prepared = convnext.prepare(image);
        assertThat(prepared.width()).isEqualTo(67);
        assertThat(prepared.height()).isEqualTo(43);
        assertThat(prepared.pixels()).isEqualTo(pixels);
        // without do_resize the geometry settings are not needed; with it, size.shortest_edge is
        ImagePreprocessor bare = ImagePreprocessor.fromJson(JsonParser.parseString(
                "{\"image_processor_type\": \"ConvNextFeatureExtractor\", \"do_resize\": false}").getAsJsonObject());
        assertThat(bare.outputSize(13, 7)).containsExactly(13, 7);
        assertThatThrownBy(() -> ImagePreprocessor.fromJson(JsonParser.parseString(
                "{\"image_processor_type\": \"ConvNextFeatureExtractor\"}").getAsJsonObject()))
                .hasMessageContaining("size.shortest_edge");
    }

    @Test
    void bmp_lossless_webp_and_the_first_gif_frame_decode_to_pillows_pixels_and_cmyk_jpeg_decodes() throws IOException {
        RgbImage bmp = load("small.bmp");
        assertThat(maxDifference(load("small.webp"), bmp)).isZero();
        assertThat(maxDifference(load("small.gif"), load("ref-small-gif-first-frame.png"))).isZero();
        RgbImage cmyk = load("small-cmyk.jpg"); // the JDK's reader refuses CMYK; TwelveMonkeys converts it
        assertThat(cmyk.width()).isEqualTo(64);
        assertThat(cmyk.height()).isEqualTo(43);
    }

    /** References: make_decode_references.py, Pillow 9.4's {@code Image.open(...).convert("RGB")}. */
    @ParameterizedTest
    @ValueSource(strings = {"grey16-2x2", "grey16", "grey-alpha16", "rgb16", "rgba16"})
    void sixteen_bit_pngs_decode_to_pillows_pixels(String name) throws IOException {
        assertThat(maxDifference(load("decode-" + name + ".png"), load("ref-decode-" + name + ".png"))).isZero();
    }

    @Test
    void a_jpeg_with_an_icc_profile_decodes_as_pillow_does_ignoring_the_profile() throws IOException {
        // ImageIO converted through the embedded Adobe RGB profile: up to 21 levels off here (34 in the issue).
        assertThat(maxDifference(load("decode-adobe-rgb.jpg"), load("ref-decode-adobe-rgb.png"))).isZero();
    }

    @Test
    void a_lossy_webp_decodes_to_pillows_pixels_through_libwebp() throws IOException {
        // TwelveMonkeys' own VP8 decoder was up to 20 levels off here (44 in the issue).
        assertThat(maxDifference(load("decode-lossy.webp"), load("ref-decode-lossy-webp.png"))).isZero();
    }

    @Test
    void a_cmyk_jpeg_decodes_to_pillows_pixels() throws IOException {
        assertThat(maxDifference(load("small-cmyk.jpg"), load("ref-decode-cmyk.png"))).isZero();
        // With an embedded CMYK profile, which Pillow ignores as it ignores RGB ones.
        assertThat(maxDifference(load("decode-cmyk-icc.jpg"), load("ref-decode-cmyk-icc.png"))).isZero();
    }

    @Test
    void truncated_and_unknown_data_fail_with_a_reason() throws IOException {
        byte[] png;
        try (InputStream in = PillowParityTest.class.getResourceAsStream("/images/chelsea.png")) {
            png = in.readAllBytes();
        }
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 3);
        assertThatThrownBy(() -> ImageDecoder.decode(truncated)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ImageDecoder.decode("hello".getBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("not an image");
        assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).as("WebP plugin").isTrue();
    }

    static ImagePreprocessor clip() {
        return ImagePreprocessor.fromJson(JsonParser.parseString("{\"crop_size\": 224, \"do_center_crop\": true, "
                + "\"do_normalize\": true, \"do_resize\": true, \"image_mean\": [0.48145466, 0.4578275, 0.40821073], "
                + "\"image_std\": [0.26862954, 0.26130258, 0.27577711], \"resample\": 3, \"size\": 224}")
                .getAsJsonObject());
    }

    static RgbImage crop(RgbImage image, int left, int top, int width, int height) {
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.pixels(), ((top + y) * image.width() + left) * 3, out, y * width * 3, width * 3);
        }
        return new RgbImage(width, height, out);
    }

    static byte[] filled(int length, byte value) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
