package org.cxrbench.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A streaming scatter matrix S = sum (x - s)(x - s)^T (upper triangle) and column sums t = sum (x - s) about an
 * origin s, rows added a block at a time: each block is shifted into double in native memory (rows read as
 * stored, float32 or double) and S's upper triangle, cut into fixed {@link #TILE} x {@link #TILE} tiles, is updated
 * tile by tile (dsyrk on the diagonal tiles, dgemm A_I^T A_J above it), the tiles spread over the calling run's
 * {@link Workers}. Every tile is always computed by the same single-threaded calls in the same block order, so
 * the bits do not depend on the thread count. Sums t are taken in row order.
 */
public final class Scatter implements AutoCloseable {
    /** Rows per block. */
    static final int BLOCK = Covariance.BLOCK;

    /** Columns per tile of S. */
    static final int TILE = 256;

    private final int d;
    private final double[] origin;
    private final double[] t;
    private final double[] block;
    private final DoublePointer blockP;
    private final DoublePointer s;
    private long rows;

    /** An empty scatter about {@code origin} (d values) for blocks of at most {@code maxRows} rows. */
    public Scatter(int d, double[] origin, int maxRows) {
        this.d = d;
        this.origin = origin;
        this.t = new double[d];
        int cap = Math.max(1, Math.min(BLOCK, maxRows));
        this.block = new double[cap * d];
        this.blockP = new DoublePointer((long) cap * d);
        this.s = new DoublePointer((long) d * d).zero();
    }

    /** Adds rows [from, to) of x. */
    public Scatter add(Features x, int from, int to) {
        int cap = block.length / d;
        for (int r0 = from; r0 < to; r0 += cap) {
            int m = Math.min(cap, to - r0);
            x.copyRows(r0, m, block, 0);
            for (int i = 0; i < m; i++) {
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    double v = block[off + j] - origin[j];
                    block[off + j] = v;
                    t[j] += v;
                }
            }
            blockP.position(0).put(block, 0, m * d);
            update(m, rows == 0 ? 0.0 : 1.0);
            rows += m;
        }
        return this;
    }

    /** S(upper) = A^T A + beta S for the m rows in the native block, tile by tile. */
    private void update(int m, double beta) {
        int tiles = (d + TILE - 1) / TILE;
        int count = tiles * (tiles + 1) / 2;
        Runnable[] tasks = new Runnable[count];
        int at = 0;
        for (int ti = 0; ti < tiles; ti++) {
            for (int tj = ti; tj < tiles; tj++) {
                int i0 = ti * TILE;
                int j0 = tj * TILE;
                int ni = Math.min(TILE, d - i0);
                int nj = Math.min(TILE, d - j0);
                boolean diagonal = ti == tj;
                tasks[at++] = () -> BlasWorkers.run(() -> {
                    DoublePointer ai = new DoublePointer(blockP).position(i0);
                    DoublePointer c = new DoublePointer(s).position((long) i0 * d + j0);
                    if (diagonal) {
                        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, ni, m,
                                1.0, ai, d, beta, c, d);
                    } else {
                        DoublePointer aj = new DoublePointer(blockP).position(j0);
                        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, ni,
                                nj, m, 1.0, ai, d, aj, d, beta, c, d);
                    }
                });
            }
        }
        Workers.current().runAll(tasks);
    }

    public long rows() {
        return rows;
    }

    /** The column sums about the origin (this scatter's own array). */
    public double[] sums() {
        return t;
    }

    /** S as a d x d array whose upper triangle (i <= j) holds the values (the lower one is not meaningful). */
    public double[] upper() {
        double[] out = new double[d * d];
        s.position(0).get(out);
        return out;
    }

    @Override
    public void close() {
        blockP.close();
        s.close();
    }
}
