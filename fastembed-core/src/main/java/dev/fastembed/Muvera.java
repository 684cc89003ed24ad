package dev.fastembed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * MUVERA: a multi-vector embedding (ColBERT) turned into one fixed-length vector, so that a plain vector index
 * can pre-select candidates for MaxSim re-ranking. fastembed's default parameters (k_sim 5, dim_proj 16,
 * r_reps 20, seed 42) with the very random matrices fastembed draws (shipped as resources, made by
 * {@code src/main/python/make_muvera_matrices.py}), so vectors match fastembed's. Length 10,240. Immutable and
 * thread-safe.
 */
public final class Muvera {

    public static final int K_SIM = 5;
    public static final int DIM_PROJ = 16;
    public static final int R_REPS = 20;

    private final int dim;
    private final double[] hyperplanes; // [rep][dim][k]
    private final byte[] signs;         // [rep][dim][proj]

    private Muvera(int dim, double[] hyperplanes, byte[] signs) {
        this.dim = dim;
        this.hyperplanes = hyperplanes;
        this.signs = signs;
    }

    /**
     * fastembed's {@code Muvera(dim)} with default parameters.
     *
     * @throws IllegalArgumentException for a width whose matrices are not shipped (96 and 128 are: the ColBERT
     *     models')
     */
    public static Muvera withDefaults(int dim) {
        String resource = "late/muvera-" + dim + ".bin";
        try (InputStream in = Muvera.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no MUVERA matrices for " + dim + "-dimensional vectors; shipped: 96 "
                        + "and 128 (the ColBERT models' widths). Generate others with make_muvera_matrices.py");
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            double[] planes = new double[R_REPS * dim * K_SIM];
            bytes.asDoubleBuffer().get(planes);
            bytes.position(planes.length * Double.BYTES);
            byte[] signs = new byte[R_REPS * dim * DIM_PROJ];
            bytes.get(signs);
            return new Muvera(dim, planes, signs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the MUVERA matrices " + resource, e);
        }
    }

    /** For a late-interaction model's token vectors. */
    public static Muvera forModel(LateInteractionTextEmbedding model) {
        return withDefaults(model.dimension());
    }

    /** {@code R_REPS * 2^K_SIM * DIM_PROJ}: 10,240. */
    public int embeddingSize() {
        return R_REPS * (1 << K_SIM) * Math.min(DIM_PROJ, dim);
    }

    /** A document: clusters averaged, empty clusters filled from the nearest non-empty one. */
    public double[] processDocument(MultiVectorEmbedding vectors) {
        return process(vectors, true, true);
    }

    /** A query: clusters summed, empty clusters left at zero. */
    public double[] processQuery(MultiVectorEmbedding vectors) {
        return process(vectors, false, false);
    }

    /** fastembed's {@code process(vectors, fill_empty_clusters, normalize_by_count)}. */
    public double[] process(MultiVectorEmbedding vectors, boolean fillEmptyClusters, boolean normalizeByCount) {
        if (vectors.dimension() != dim) {
            throw new IllegalArgumentException("these MUVERA matrices are for " + dim + "-dimensional vectors, got "
                    + vectors.dimension());
        }
        double[][] rows = new double[vectors.rows()][];
        for (int i = 0; i < rows.length; i++) {
            float[] row = vectors.row(i);
            rows[i] = new double[dim];
            for (int d = 0; d < dim; d++) {
                rows[i][d] = row[d];
            }
        }
        return process(rows, fillEmptyClusters, normalizeByCount);
    }

    /**
     * The same on {@code double} rows (as NumPy computes in float64).
     *
     * @throws IllegalArgumentException for no rows (fastembed #733 refuses an empty multi-vector too), a null row,
     *     or a row whose length is not this encoder's dimension, naming the row
     */
    public double[] process(double[][] rows, boolean fillEmptyClusters, boolean normalizeByCount) {
        Objects.requireNonNull(rows, "rows must not be null");
        if (rows.length == 0) {
            throw new IllegalArgumentException("an empty multi-vector (0 rows) has no MUVERA encoding; embed at "
                    + "least one token, or leave the document out");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != dim) {
                throw new IllegalArgumentException("rows[" + i + "] " + (rows[i] == null ? "is null"
                        : "has " + rows[i].length + " values") + "; these MUVERA matrices are for " + dim
                        + "-dimensional vectors");
            }
        }
        int clusters = 1 << K_SIM;
        int proj = Math.min(DIM_PROJ, dim);
        double[] out = new double[R_REPS * clusters * proj];
        for (int rep = 0; rep < R_REPS; rep++) {
            double[][] centers = new double[clusters][dim];
            int[] counts = new int[clusters];
            int[] first = new int[clusters];
            java.util.Arrays.fill(first, -1);
            for (int v = 0; v < rows.length; v++) {
                int cluster = 0;
                for (int k = 0; k < K_SIM; k++) {
                    double dot = 0;
                    for (int d = 0; d < dim; d++) {
                        dot += rows[v][d] * hyperplanes[(rep * dim + d) * K_SIM + k];
                    }
                    if (dot > 0) {
                        cluster |= 1 << k;
                    }
                }
                for (int d = 0; d < dim; d++) {
                    centers[cluster][d] += rows[v][d];
                }
                if (counts[cluster]++ == 0) {
                    first[cluster] = v;
                }
            }
            if (normalizeByCount) {
                for (int c = 0; c < clusters; c++) {
                    if (counts[c] > 0) {
                        for (int d = 0; d < dim; d++) {
                            centers[c][d] /= counts[c];
                        }
                    }
                }
            }
            if (fillEmptyClusters && rows.length > 0) {
                for (int c = 0; c < clusters; c++) {
                    if (counts[c] > 0) {
                        continue;
                    }
                    int nearest = -1;
                    for (int other = 0; other < clusters; other++) {
                        if (counts[other] > 0 && (nearest < 0
                                || Integer.bitCount(c ^ other) < Integer.bitCount(c ^ nearest))) {
                            nearest = other; // ties keep the lowest id
                        }
                    }
                    centers[c] = rows[first[nearest]].clone();
                }
            }
            int base = rep * clusters * proj;
            for (int c = 0; c < clusters; c++) {
                for (int p = 0; p < proj; p++) {
                    double value;
                    if (proj < dim) {
                        double sum = 0;
                        for (int d = 0; d < dim; d++) {
                            sum += centers[c][d] * signs[(rep * dim + d) * DIM_PROJ + p];
                        }
                        value = sum * (1 / Math.sqrt(proj));
                    } else {
                        value = centers[c][p];
                    }
                    out[base + c * proj + p] = value;
                }
            }
        }
        return out;
    }
}
