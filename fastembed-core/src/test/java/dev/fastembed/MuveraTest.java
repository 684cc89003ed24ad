package dev.fastembed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** MUVERA against fastembed's own test values (spec section 8.7). */
class MuveraTest {

    static double[][] input() throws IOException {
        try (InputStream in = MuveraTest.class.getResourceAsStream("/muvera/input-10x128.bin")) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            double[][] rows = new double[10][128];
            for (double[] row : rows) {
                bytes.asDoubleBuffer().get(row);
                bytes.position(bytes.position() + 128 * Double.BYTES);
            }
            return rows;
        }
    }

    @Test
    void documents_and_queries_give_fastembeds_values() throws IOException {
        Muvera muvera = Muvera.withDefaults(128);
        assertThat(muvera.embeddingSize()).isEqualTo(10_240);
        double[] document = muvera.process(input(), true, true);
        assertThat(document).hasSize(10_240);
        assertThat(document[0]).isCloseTo(-2.61810007e-04, within(1e-9));
        assertThat(document[1]).isCloseTo(1.89005750e+00, within(1e-7));
        assertThat(document[2]).isCloseTo(-2.32070747e+00, within(1e-7));
        double[] query = muvera.process(input(), false, false);
        List<Double> nonZero = new ArrayList<>();
        for (double v : query) {
            if (v != 0 && nonZero.size() < 3) {
                nonZero.add(v);
            }
        }
        assertThat(nonZero.get(0)).isCloseTo(-0.85783903, within(1e-7));
        assertThat(nonZero.get(1)).isCloseTo(1.1077204, within(1e-6));
        assertThat(nonZero.get(2)).isCloseTo(-0.09522747, within(1e-7));
    }

    @Test
    void it_is_deterministic_and_refuses_widths_it_has_no_matrices_for() throws IOException {
        assertThat(Muvera.withDefaults(128).process(input(), true, true))
                .containsExactly(Muvera.withDefaults(128).process(input(), true, true));
        assertThat(Muvera.withDefaults(96).embeddingSize()).isEqualTo(10_240);
        assertThatThrownBy(() -> Muvera.withDefaults(200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("96 and 128");
        assertThatThrownBy(() -> Muvera.withDefaults(128).processDocument(MultiVectorEmbedding.of(new float[4], 2, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
