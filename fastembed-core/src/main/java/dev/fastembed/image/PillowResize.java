package dev.fastembed.image;

/**
 * Pillow's {@code Image.resize} for 8-bit RGB, written here because nothing in Java reproduces it and the
 * models were trained on its output: each axis is a separable convolution whose support grows with the
 * downscale factor (antialiasing), coefficients are normalized and turned into 22-bit fixed point, every
 * output is rounded and clipped to 8 bits, and the horizontal pass runs before the vertical one on an
 * 8-bit intermediate. NEAREST samples the pixel under each output pixel's centre. AWT's bicubic differs on
 * all of these.
 */
public final class PillowResize {

    /** Pillow's resampling filters, by the integer codes preprocessor_config.json uses. */
    public enum Filter {
        NEAREST(0, 0), LANCZOS(1, 3), BILINEAR(2, 1), BICUBIC(3, 2), BOX(4, 0.5), HAMMING(5, 1);

        final int code;
        final double support;

        Filter(int code, double support) {
            this.code = code;
            this.support = support;
        }

        /** The filter for a PIL resample code (0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming). */
        public static Filter ofCode(int code) {
            for (Filter filter : values()) {
                if (filter.code == code) {
                    return filter;
                }
            }
            throw new IllegalArgumentException("unknown PIL resample code " + code + "; expected 0-5");
        }

        double weight(double x) {
            switch (this) {
                case BOX:
                    return x > -0.5 && x <= 0.5 ? 1 : 0;
                case BILINEAR:
                    x = Math.abs(x);
                    return x < 1 ? 1 - x : 0;
                case HAMMING:
                    x = Math.abs(x);
                    if (x == 0) {
                        return 1;
                    }
                    if (x >= 1) {
                        return 0;
                    }
                    x *= Math.PI;
                    return Math.sin(x) / x * (0.54 + 0.46 * Math.cos(x));
                case BICUBIC: {
                    double a = -0.5;
                    x = Math.abs(x);
                    if (x < 1) {
                        return ((a + 2) * x - (a + 3)) * x * x + 1;
                    }
                    if (x < 2) {
                        return (((x - 5) * x + 8) * x - 4) * a;
                    }
                    return 0;
                }
                case LANCZOS:
                    return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
                default:
                    throw new IllegalStateException("NEAREST has no kernel");
            }
        }

        private static double sinc(double x) {
            if (x == 0) {
                return 1;
            }
            x *= Math.PI;
            return Math.sin(x) / x;
        }
    }

    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowResize() {
    }

    /** Resizes an RGB image (3 bytes per pixel, rows top to bottom) to {@code outWidth x outHeight}. */
    public static RgbImage resize(RgbImage image, int outWidth, int outHeight, Filter filter) {
        if (outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("cannot resize to " + outWidth + "x" + outHeight);
        }
        if (filter == Filter.NEAREST) {
            return nearest(image, outWidth, outHeight);
        }
        boolean horizontal = outWidth != image.width();
        boolean vertical = outHeight != image.height();
        Coefficients rows = Coefficients.of(image.height(), outHeight, filter);
        RgbImage current = image;
        if (horizontal) {
            // Only the input rows the vertical pass reads are resized horizontally.
            int first = vertical ? rows.start[0] : 0;
            int last = vertical ? rows.start[outHeight - 1] + rows.count[outHeight - 1] : image.height();
            current = horizontal(image, first, last, Coefficients.of(image.width(), outWidth, filter));
            if (vertical) {
                rows.shift(-first);
            }
        }
        if (vertical) {
            current = vertical(current, rows, outHeight);
        }
        return current == image ? image.copy() : current;
    }

    private static RgbImage nearest(RgbImage image, int outWidth, int outHeight) {
        double xScale = (double) image.width() / outWidth;
        double yScale = (double) image.height() / outHeight;
        byte[] in = image.pixels();
        byte[] out = new byte[outWidth * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            int sy = Math.min(image.height() - 1, (int) ((y + 0.5) * yScale));
            for (int x = 0; x < outWidth; x++) {
                int sx = Math.min(image.width() - 1, (int) ((x + 0.5) * xScale));
                System.arraycopy(in, (sy * image.width() + sx) * 3, out, (y * outWidth + x) * 3, 3);
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    private static RgbImage horizontal(RgbImage image, int firstRow, int lastRow, Coefficients k) {
        int outWidth = k.start.length;
        int height = lastRow - firstRow;
        byte[] in = image.pixels();
        byte[] out = new byte[outWidth * height * 3];
        for (int y = 0; y < height; y++) {
            int rowIn = (firstRow + y) * image.width() * 3;
            int rowOut = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                int base = x * k.size;
                for (int i = 0; i < k.count[x]; i++) {
                    int p = rowIn + (k.start[x] + i) * 3;
                    int w = k.fixed[base + i];
                    r += (in[p] & 0xFF) * w;
                    g += (in[p + 1] & 0xFF) * w;
                    b += (in[p + 2] & 0xFF) * w;
                }
                out[rowOut + x * 3] = clip8(r);
                out[rowOut + x * 3 + 1] = clip8(g);
                out[rowOut + x * 3 + 2] = clip8(b);
            }
        }
        return new RgbImage(outWidth, height, out);
    }

    private static RgbImage vertical(RgbImage image, Coefficients k, int outHeight) {
        int width = image.width();
        byte[] in = image.pixels();
        byte[] out = new byte[width * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            int base = y * k.size;
            for (int x = 0; x < width; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int i = 0; i < k.count[y]; i++) {
                    int p = ((k.start[y] + i) * width + x) * 3;
                    int w = k.fixed[base + i];
                    r += (in[p] & 0xFF) * w;
                    g += (in[p + 1] & 0xFF) * w;
                    b += (in[p + 2] & 0xFF) * w;
                }
                int o = (y * width + x) * 3;
                out[o] = clip8(r);
                out[o + 1] = clip8(g);
                out[o + 2] = clip8(b);
            }
        }
        return new RgbImage(width, outHeight, out);
    }

    private static byte clip8(int accumulated) {
        int value = accumulated >> PRECISION_BITS;
        return (byte) (value < 0 ? 0 : Math.min(value, 255));
    }

    /** Per output pixel: the first input pixel, how many it reads, and their fixed-point weights. */
    private static final class Coefficients {
        final int size;
        final int[] start;
        final int[] count;
        final int[] fixed;

        private Coefficients(int size, int[] start, int[] count, int[] fixed) {
            this.size = size;
            this.start = start;
            this.count = count;
            this.fixed = fixed;
        }

        static Coefficients of(int inSize, int outSize, Filter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] fixed = new int[outSize * size];
            double[] weights = new double[size];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
                double total = 0;
                for (int x = 0; x < xmax; x++) {
                    double w = filter.weight((x + xmin - center + 0.5) / filterScale);
                    weights[x] = w;
                    total += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double w = total != 0 ? weights[x] / total : weights[x];
                    // Pillow rounds half away from zero when it goes to fixed point
                    fixed[xx * size + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                            : 0.5 + w * (1 << PRECISION_BITS));
                }
                start[xx] = xmin;
                count[xx] = xmax;
            }
            return new Coefficients(size, start, count, fixed);
        }

        void shift(int by) {
            for (int i = 0; i < start.length; i++) {
                start[i] += by;
            }
        }
    }
}
