package org.cxrbench.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * A worker's native workspace for products of a few rows of a feature matrix with a few weight vectors, by
 * single-threaded dgemm: Z = B V^T (rows x k) and G += R^T B (k x d), B being up to {@code capacity} rows copied in.
 * Holds O((capacity + k) x d) doubles whatever the number of rows streamed through it. Several workspaces may be
 * used from several Java threads at once inside {@link #singleThreadedBlas}, which pins OpenBLAS to one thread so
 * that each product is computed in one fixed order (the same bits for any number of Java workers).
 */
public final class RowProducts implements AutoCloseable {
    private final int capacity;
    private final int d;
    private final int maxK;
    private final DoublePointer b;
    private final DoublePointer v;
    private final DoublePointer z;
    private final DoublePointer r;
    private final DoublePointer g;
    private final double[] scratch;

    public RowProducts(int capacity, int d, int maxK) {
        this.capacity = capacity;
        this.d = d;
        this.maxK = maxK;
        b = new DoublePointer((long) capacity * d);
        v = new DoublePointer((long) maxK * d);
        z = new DoublePointer((long) capacity * maxK);
        r = new DoublePointer((long) maxK * capacity);
        g = new DoublePointer((long) maxK * d);
        scratch = new double[d];
    }

    /** Runs work with OpenBLAS on one thread (restoring the previous setting after). */
    public static <T> T singleThreadedBlas(java.util.function.Supplier<T> work) {
        return Blas.singleThreaded(work);
    }

    public int capacity() {
        return capacity;
    }

    /** Copies d values of src from off into row i of B. */
    public void loadRow(int i, double[] src, int off) {
        b.position((long) i * d).put(src, off, d);
        b.position(0);
    }

    /** Copies row {@code row} of x (as doubles) into row i of B. */
    public void loadRow(int i, Features x, int row) {
        x.row(row, scratch, 0);
        loadRow(i, scratch, 0);
    }

    /** The k weight vectors (each of length d), and zeroes the gradient accumulator G. */
    public void setWeights(double[][] weights, int k) {
        check(k);
        for (int a = 0; a < k; a++) {
            v.position((long) a * d).put(weights[a], 0, d);
        }
        v.position(0);
        double[] zero = new double[k * d];
        g.position(0).put(zero, 0, zero.length);
    }

    /** out (rows x k, row-major) = B[0:rows] V^T. */
    public void products(int rows, int k, double[] out) {
        check(k);
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, rows, k, d, 1.0, b, d,
                v, d, 0.0, z, k);
        z.position(0).get(out, 0, rows * k);
    }

    /** G (k x d) += R^T B[0:rows], with rt the k x rows matrix R^T row-major (row a: the rows' weights for vector a). */
    public void accumulate(int rows, int k, double[] rt) {
        check(k);
        r.position(0).put(rt, 0, k * rows);
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, k, d, rows, 1.0, r,
                rows, b, d, 1.0, g, d);
    }

    /** G's row a, added into out. */
    public void addGradient(int a, double[] out) {
        double[] tmp = new double[d];
        g.position((long) a * d).get(tmp, 0, d);
        g.position(0);
        for (int j = 0; j < d; j++) {
            out[j] += tmp[j];
        }
    }

    private void check(int k) {
        if (k > maxK) {
            throw new IllegalArgumentException(k + " weight vectors, workspace holds " + maxK);
        }
    }

    @Override
    public void close() {
        b.close();
        v.close();
        z.close();
        r.close();
        g.close();
    }
}
