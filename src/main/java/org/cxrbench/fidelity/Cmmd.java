package org.cxrbench.fidelity;

import org.bytedeco.javacpp.DoublePointer;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Workers;

/**
 * CMMD (Jayasumana et al., CVPR 2024): MMD² with the Gaussian RBF kernel k(x, y) = exp(-||x - y||² / (2 sigma²)),
 * sigma = 10, scaled by 1000, as the authors' reference implementation computes it: the biased (V-statistic) form
 * k̄_xx + k̄_yy - 2 k̄_xy with means over all pairs, diagonals included. Intended for CLIP embeddings; here a
 * formula on any features.
 *
 * <p>Kernel sums are streamed over tiles of {@link #QUERY_ROWS} x {@link #REF_ROWS} rows: each tile's rows are
 * read from the float32 store into doubles (never a whole set: at 230,000 x 2048 that copy was 3.8 GB), its
 * squared distances come from one blocked dgemm, and its kernel sum is kept apart; the tile sums are added in a
 * fixed order, so the value has the same bits at any thread count.
 */
public final class Cmmd {
    private Cmmd() {}

    public static final double SIGMA = 10.0;
    public static final double SCALE = 1000.0;

    /** Rows of the first set per tile (one task on the run's workers). */
    static final int QUERY_ROWS = 256;
    /** Rows of the second set per tile (read into doubles once per pass over the first set: 32 MB at d = 2048). */
    static final int REF_ROWS = 2048;

    public static double compute(Features x, Features y, double sigma) {
        double gamma = 1.0 / (2 * sigma * sigma);
        double kxx = meanKernel(x, x, gamma);
        double kyy = meanKernel(y, y, gamma);
        double kxy = meanKernel(x, y, gamma);
        return SCALE * (kxx + kyy - 2 * kxy);
    }

    /** Mean of exp(-gamma ||a_i - b_j||²) over all pairs (i, j), tile by tile. */
    static double meanKernel(Features a, Features b, double gamma) {
        if (a.d() != b.d()) {
            throw new IllegalArgumentException("dimension mismatch: " + a.d() + " vs " + b.d());
        }
        double[] an = a.squaredNorms();
        double[] bn = b.squaredNorms();
        int queryTiles = (a.n() + QUERY_ROWS - 1) / QUERY_ROWS;
        int refTiles = (b.n() + REF_ROWS - 1) / REF_ROWS;
        double[] tileSums = new double[queryTiles * refTiles];
        org.cxrbench.common.Progress.Meter meter = Workers.current().progress().meter(
                "CMMD kernel " + a.n() + " x " + b.n(), (long) refTiles * queryTiles, "tiles");
        for (int rt = 0; rt < refTiles; rt++) {
            int r0 = rt * REF_ROWS;
            int rows = Math.min(REF_ROWS, b.n() - r0);
            int tile = rt;
            try (DoublePointer ref = Blas.doubles(b.rows(r0, r0 + rows))) {
                Runnable[] tasks = new Runnable[queryTiles];
                for (int qt = 0; qt < queryTiles; qt++) {
                    int q0 = qt * QUERY_ROWS;
                    int at = tile * queryTiles + qt;
                    tasks[qt] = () -> {
                        tileSums[at] = tileSum(a.rows(q0, Math.min(a.n(), q0 + QUERY_ROWS)), q0, an, ref, r0, rows, bn,
                                gamma);
                        meter.add(1);
                    };
                }
                Workers.current().runAll(tasks);
            }
        }
        double total = 0;
        for (double s : tileSums) {
            total += s;
        }
        return total / ((double) a.n() * b.n());
    }

    /** Sum of the kernel over one tile: query rows [q0, q0 + q.n()) against reference rows [r0, r0 + rows). */
    private static double tileSum(Features q, int q0, double[] an, DoublePointer ref, int r0, int rows, double[] bn,
                                  double gamma) {
        int d = q.d();
        int m = q.n();
        double[] g = new double[m * rows];
        try (DoublePointer qp = Blas.doubles(q); DoublePointer gp = new DoublePointer((long) m * rows)) {
            Blas.gemm(false, true, m, rows, d, -2.0, qp, d, ref, d, 0.0, gp, rows);
            gp.get(g, 0, m * rows);
        }
        double s = 0;
        for (int i = 0; i < m; i++) {
            double ai = an[q0 + i];
            int off = i * rows;
            double row = 0;
            for (int j = 0; j < rows; j++) {
                double d2 = g[off + j] + ai + bn[r0 + j];
                row += Math.exp(-gamma * (d2 < 0 ? 0 : d2));
            }
            s += row;
        }
        return s;
    }
}
