package dev.fastembed.multimodal;

import dev.fastembed.image.PillowResize;
import dev.fastembed.image.RgbImage;

import java.util.ArrayList;
import java.util.List;

/**
 * Idefics3's image preparation as fastembed runs it for ColModernVBERT (spec §6.12): the longest edge resized
 * to a target and both sides rounded up to even; then either split (the longer side rounded up to a multiple
 * of the patch size, the other side by aspect ratio and rounded up too, cut into a row-major grid, plus a
 * global view) or squared.
 */
final class Idefics3Images {

    /** The patches of one image and the grid they came from (rows x cols; 0 x 0 for a single view). */
    record Patches(List<RgbImage> patches, int rows, int cols) {
    }

    private Idefics3Images() {
    }

    static RgbImage resizeLongestEdge(RgbImage image, int longestEdge, PillowResize.Filter filter) {
        int w = image.width();
        int h = image.height();
        int newW;
        int newH;
        if (w >= h) {
            newW = longestEdge;
            newH = (int) ((double) h * longestEdge / w);
        } else {
            newH = longestEdge;
            newW = (int) ((double) w * longestEdge / h);
        }
        newW = Math.max(2, newW + newW % 2);
        newH = Math.max(2, newH + newH % 2);
        return PillowResize.resize(image, newW, newH, filter);
    }

    static Patches split(RgbImage image, int max, PillowResize.Filter filter) {
        int w = image.width();
        int h = image.height();
        int newW;
        int newH;
        if (w >= h) {
            newW = ceilTo(w, max);
            newH = ceilTo((int) ((double) h * newW / w), max);
        } else {
            newH = ceilTo(h, max);
            newW = ceilTo((int) ((double) w * newH / h), max);
        }
        RgbImage resized = PillowResize.resize(image, newW, newH, filter);
        if (newW <= max && newH <= max) {
            return new Patches(List.of(resized), 0, 0);
        }
        int rows = (newH + max - 1) / max;
        int cols = (newW + max - 1) / max;
        List<RgbImage> patches = new ArrayList<>(rows * cols + 1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                patches.add(crop(resized, c * max, r * max, max, max));
            }
        }
        patches.add(PillowResize.resize(image, max, max, filter)); // the global view
        return new Patches(patches, rows, cols);
    }

    /** fastembed's grid recovery from a patch count (it does not keep the grid): a square guess, then a search. */
    static int[] grid(int patchCount) {
        if (patchCount <= 1) {
            return new int[] {0, 0};
        }
        int g = patchCount - 1;
        int r = (int) Math.sqrt(g);
        int c = g / r;
        if (r * c + 1 == patchCount) {
            return new int[] {r, c};
        }
        for (r = 1; r <= g; r++) {
            if (g % r == 0) {
                return new int[] {r, g / r};
            }
        }
        return new int[] {0, 0};
    }

    private static int ceilTo(int value, int multiple) {
        return Math.max(multiple, (value + multiple - 1) / multiple * multiple);
    }

    private static RgbImage crop(RgbImage image, int left, int top, int width, int height) {
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.pixels(), ((top + y) * image.width() + left) * 3, out, y * width * 3, width * 3);
        }
        return new RgbImage(width, height, out);
    }
}
