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
        Blas.syrkTiled(blockP, m, d, 1.0, beta, s);
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
