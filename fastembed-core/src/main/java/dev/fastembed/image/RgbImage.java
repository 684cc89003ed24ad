package dev.fastembed.image;

import java.util.Objects;

/**
 * An 8-bit RGB image: {@code width * height * 3} bytes, rows top to bottom, pixels left to right, R G B.
 * What Pillow's mode "RGB" holds.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || pixels.length != width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + pixels.length);
        }
    }

    RgbImage copy() {
        return new RgbImage(width, height, pixels.clone());
    }

    /** The 0-255 value of channel {@code channel} (0 R, 1 G, 2 B) of pixel {@code (x, y)}. */
    public int get(int x, int y, int channel) {
        return pixels[(y * width + x) * 3 + channel] & 0xFF;
    }
}
