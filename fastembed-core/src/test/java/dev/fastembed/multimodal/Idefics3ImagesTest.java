package dev.fastembed.multimodal;

import dev.fastembed.image.ImageDecoder;
import dev.fastembed.image.PillowResize;
import dev.fastembed.image.RgbImage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Idefics3's resizing, splitting grid and order (spec §6.12) on a real photo. */
class Idefics3ImagesTest {

    static RgbImage chelsea() throws IOException {
        try (InputStream in = Idefics3ImagesTest.class.getResourceAsStream("/images/chelsea.png")) {
            return ImageDecoder.decode(in); // 451 x 300
        }
    }

    @Test
    void the_longest_edge_is_resized_and_both_sides_rounded_up_to_even() throws IOException {
        RgbImage resized = Idefics3Images.resizeLongestEdge(chelsea(), 64, PillowResize.Filter.LANCZOS);
        assertThat(resized.width()).isEqualTo(64);
        assertThat(resized.height()).isEqualTo(42); // int(300 * 64 / 451) = 42, already even
        RgbImage odd = Idefics3Images.resizeLongestEdge(chelsea(), 100, PillowResize.Filter.LANCZOS);
        assertThat(odd.height()).isEqualTo(66); // int(300 * 100 / 451) = 66
        RgbImage up = Idefics3Images.resizeLongestEdge(chelsea(), 77, PillowResize.Filter.LANCZOS);
        assertThat(up.width()).isEqualTo(78); // 77 rounded up to even
    }

    @Test
    void a_large_image_splits_into_a_row_major_grid_then_a_global_view() throws IOException {
        RgbImage resized = Idefics3Images.resizeLongestEdge(chelsea(), 64, PillowResize.Filter.LANCZOS); // 64 x 42
        Idefics3Images.Patches patches = Idefics3Images.split(resized, 32, PillowResize.Filter.LANCZOS);
        assertThat(patches.rows()).isEqualTo(2);
        assertThat(patches.cols()).isEqualTo(2);
        assertThat(patches.patches()).hasSize(5).allSatisfy(p -> assertThat(p.width()).isEqualTo(32));
        RgbImage grid = PillowResize.resize(resized, 64, 64, PillowResize.Filter.LANCZOS); // 42 -> 64: a multiple of 32
        assertThat(patches.patches().get(1).get(0, 0, 0)).isEqualTo(grid.get(32, 0, 0)); // row 1, col 2: top right
        assertThat(patches.patches().get(2).get(5, 7, 1)).isEqualTo(grid.get(5, 39, 1)); // row 2, col 1
        RgbImage global = PillowResize.resize(resized, 32, 32, PillowResize.Filter.LANCZOS);
        assertThat(patches.patches().get(4).pixels()).isEqualTo(global.pixels());
        assertThat(Idefics3Images.grid(5)).containsExactly(2, 2);
        assertThat(Idefics3Images.grid(7)).containsExactly(2, 3);
        assertThat(Idefics3Images.grid(1)).containsExactly(0, 0);
    }

    @Test
    void a_small_image_stays_one_view() throws IOException {
        RgbImage small = Idefics3Images.resizeLongestEdge(chelsea(), 30, PillowResize.Filter.LANCZOS);
        Idefics3Images.Patches patches = Idefics3Images.split(small, 32, PillowResize.Filter.LANCZOS);
        assertThat(patches.patches()).hasSize(1);
        assertThat(patches.rows()).isZero();
        assertThat(patches.patches().get(0).width()).isEqualTo(32);
    }
}
