package dev.fastembed.image;

import java.awt.image.Raster;

/**
 * JPEG colour conversion as libjpeg (YCbCr) and Pillow (CMYK) do it, which is what Pillow's pixels come from.
 * Written here because
 * exactness demands it: ImageIO's readers convert through an embedded ICC profile (up to 34 levels off Pillow,
 * which ignores profiles), so JPEGs are read as raw decoded samples and converted with libjpeg's own fixed-point
 * arithmetic (jdcolor.c: 16 fraction bits, tables of {@code FIX(1.40200)}, {@code FIX(0.34414)},
 * {@code FIX(0.71414)}, {@code FIX(1.77200)}, rounding by adding one half before the shift).
 */
final class JpegColour {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColour() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALE_BITS) + 0.5);
    }

    /** 8-bit RGB from a raster of upsampled Y, Cb, Cr samples. */
    static RgbImage ycbcrToRgb(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        byte[] out = new byte[width * height * 3];
        int[] y = new int[width];
        int[] cb = new int[width];
        int[] cr = new int[width];
        for (int row = 0; row < height; row++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + row, width, 1, 0, y);
            raster.getSamples(raster.getMinX(), raster.getMinY() + row, width, 1, 1, cb);
            raster.getSamples(raster.getMinX(), raster.getMinY() + row, width, 1, 2, cr);
            int o = row * width * 3;
            for (int x = 0; x < width; x++, o += 3) {
                out[o] = clamp(y[x] + CR_R[cr[x]]);
                out[o + 1] = clamp(y[x] + ((CB_G[cb[x]] + CR_G[cr[x]]) >> SCALE_BITS));
                out[o + 2] = clamp(y[x] + CB_B[cb[x]]);
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * 8-bit RGB from raw CMYK samples as Pillow converts them ({@code Convert.c cmyk2rgb}: with {@code nk = 255 - k},
     * each channel is {@code nk - c * nk / 255}, the division rounded as Pillow's {@code MULDIV255}). Pillow inverts
     * the samples first when the file has an Adobe APP14 marker (rawmode {@code CMYK;I}), as Photoshop and Pillow
     * itself write CMYK inverted; an embedded CMYK profile is ignored, as Pillow ignores it.
     */
    static RgbImage cmykToRgb(Raster raster, boolean inverted) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        byte[] out = new byte[width * height * 3];
        int[][] bands = new int[4][width];
        for (int row = 0; row < height; row++) {
            for (int band = 0; band < 4; band++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + row, width, 1, band, bands[band]);
            }
            int o = row * width * 3;
            for (int x = 0; x < width; x++, o += 3) {
                int k = inverted ? 255 - bands[3][x] : bands[3][x];
                int nk = 255 - k;
                for (int c = 0; c < 3; c++) {
                    int v = inverted ? 255 - bands[c][x] : bands[c][x];
                    out[o + c] = clamp(nk - mulDiv255(v, nk));
                }
            }
        }
        return new RgbImage(width, height, out);
    }

    /** {@code a * b / 255} rounded, as Pillow's {@code MULDIV255} computes it. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
