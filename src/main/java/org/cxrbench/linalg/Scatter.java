package org.cxrbench.linalg;

import org.bytedeco.javacpp.DoublePointer;

/**
 * A streaming scatter matrix S = sum (x - s)(x - s)^T (upper triangle) and column sums t = sum (x - s) about an
 * origin s, rows added a block at a time: each block is shifted into double in native memory (rows read as
 * stored, float32 or double) and S's upper triangle is updated by {@link Blas#syrkTiled} (fixed tiles on the
 * calling run's {@link Workers}), so the bits do not depend on the thread count. Sums t are taken in row order.
 */
public final class Scatter implements AutoCloseable {
    /** Rows per block. */
    static final int BLOCK = Covariance.BLOCK;

    /** Rows shifted at a time (a few hundred KB at d = 2048: stays in cache on its way to the native block). */
    static final int STAGE_ROWS = 16;

    /**
     * Columns per tile of the scatter's dsyrk/dgemm tiles, a function of d only (so of no thread count): 512 from
     * d = 2048 (measured bench/blas/results-2026-12-05-s8-fid.txt: closer to one dsyrk's speed than 256-column
     * tiles, still 10 tasks at d = 2048 for the workers), else {@link Blas#SYRK_TILE}.
     */
    static int tile(int d) {
        return d >= 2048 ? 512 : Blas.SYRK_TILE;
    }

    private final int d;
    private final double[] origin;
    private final double[] t;
    /** A few rows at a time, shifted here (cache-sized) and copied into the native block. */
    private final double[] stage;
    private final int cap;
    private final DoublePointer blockP;
    private final java.nio.DoubleBuffer blockView;
    private final int tile;
    private final DoublePointer s;
    private long rows;

    /** An empty scatter about {@code origin} (d values) for blocks of at most {@code maxRows} rows. */
    public Scatter(int d, double[] origin, int maxRows) {
        this.d = d;
        this.origin = origin;
        this.t = new double[d];
        this.cap = Math.max(1, Math.min(BLOCK, maxRows));
        this.stage = new double[Math.min(cap, STAGE_ROWS) * d];
        this.blockP = new DoublePointer((long) cap * d);
        this.blockView = blockP.position(0).asBuffer();
        this.s = new DoublePointer((long) d * d).zero();
        this.tile = tile(d);
    }

    /** Adds rows [from, to) of x. */
    public Scatter add(Features x, int from, int to) {
        int stageRows = stage.length / d;
        for (int r0 = from; r0 < to; r0 += cap) {
            int m = Math.min(cap, to - r0);
            blockView.clear();
            for (int s0 = 0; s0 < m; s0 += stageRows) {
                int sm = Math.min(stageRows, m - s0);
                x.copyRows(r0 + s0, sm, stage, 0);
                for (int i = 0; i < sm; i++) {
                    int off = i * d;
                    for (int j = 0; j < d; j++) {
                        double v = stage[off + j] - origin[j];
                        stage[off + j] = v;
                        t[j] += v;
                    }
                }
                blockView.put(stage, 0, sm * d);
            }
            update(m, rows == 0 ? 0.0 : 1.0);
            rows += m;
        }
        return this;
    }

    /** S(upper) = A^T A + beta S for the m rows in the native block, tile by tile. */
    private void update(int m, double beta) {
        Blas.syrkTiled(blockP.position(0), m, d, 1.0, beta, s, tile);
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
