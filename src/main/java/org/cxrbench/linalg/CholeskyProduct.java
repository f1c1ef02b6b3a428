package org.cxrbench.linalg;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The product M = L1^T L2 of two pivoted Cholesky factors (S1 = L1 L1^T, S2 = L2 L2^T, LAPACK dpstrf) and the
 * eigenvalues of its Gram matrix, the steps of FID's factored trace term, kept in native memory from the
 * factorisation to the eigenvalues: no row-major LAPACKE call (each transposes its matrix in and out), no copy
 * through Java arrays, no explicit transpose.
 *
 * <ul>
 *   <li>dpstrf runs column-major on the symmetric matrix as stored (the same input, so the same bits, as the
 *       row-major call of {@link Blas#pivotedCholesky}); the row-major buffer then holds R^T in its upper triangle.</li>
 *   <li>L1^T L2 = R1^T (P1^T P2 R2): R1^T is upper triangular (upper trapezoidal when rank-deficient), so the
 *       product is a dtrmm (half a dgemm's work) plus, below full rank, a dgemm with the trapezoid's rest; both run
 *       per fixed block of {@value #COLUMNS} output columns, each a single-threaded OpenBLAS call on the calling
 *       run's {@link Workers}, so the bits do not depend on the thread count.</li>
 *   <li>The Gram matrix of the taller orientation (rows >= columns) by {@link Blas#syrkTiled}; its eigenvalues by
 *       dsyevd, column-major on the row-major upper triangle, single-threaded.</li>
 * </ul>
 */
public final class CholeskyProduct implements AutoCloseable {
    /** Output columns per dtrmm/dgemm task: fixed, so the partition never depends on the thread count. */
    static final int COLUMNS = 256;

    private final Factor f1;
    private final Factor f2;

    /** A pivoted Cholesky factor P^T A P = R R^T in native memory (R^T in the upper triangle, row-major). */
    static final class Factor implements AutoCloseable {
        final DoublePointer rt;
        /** 0-based: row i of R belongs to original row piv[i]. */
        final int[] piv;
        final int k;
        final int rank;

        Factor(DoublePointer rt, int[] piv, int k, int rank) {
            this.rt = rt;
            this.piv = piv;
            this.k = k;
            this.rank = rank;
        }

        @Override
        public void close() {
            rt.close();
        }
    }

    private CholeskyProduct(Factor f1, Factor f2) {
        this.f1 = f1;
        this.f2 = f2;
    }

    /**
     * Factors the symmetric d x d matrices s1 and s2 (row-major, exactly symmetric) restricted to the rows and
     * columns {@code live}, one single-threaded dpstrf each, side by side on the calling run's workers. Rank
     * tolerance as {@link Blas#pivotedCholesky}: k eps max diagonal.
     */
    public static CholeskyProduct of(double[] s1, double[] s2, int d, int[] live) {
        Factor[] f = new Factor[2];
        Workers.current().runAll(new Runnable[] {() -> f[0] = factor(s1, d, live), () -> f[1] = factor(s2, d, live)});
        return new CholeskyProduct(f[0], f[1]);
    }

    public int rank1() {
        return f1.rank;
    }

    public int rank2() {
        return f2.rank;
    }

    /**
     * Numerical rank of the symmetric positive semi-definite d x d matrix {@code a} (row-major, exactly
     * symmetric): {@link Blas#psdRank}'s value (the same dpstrf input and tolerance) without its transposed copies.
     */
    public static int psdRank(double[] a, int d) {
        try (Factor f = factor(a, d, java.util.stream.IntStream.range(0, d).toArray())) {
            return f.rank;
        }
    }

    static Factor factor(double[] a, int d, int[] live) {
        int k = live.length;
        DoublePointer c = new DoublePointer(Math.max(1L, (long) k * k));
        double maxDiag = 0;
        if (k == d) {
            c.put(a, 0, k * k);
            for (int i = 0; i < k; i++) {
                maxDiag = Math.max(maxDiag, a[i * d + i]);
            }
        } else {
            double[] row = new double[k];
            for (int i = 0; i < k; i++) {
                int src = live[i] * d;
                for (int j = 0; j < k; j++) {
                    row[j] = a[src + live[j]];
                }
                c.position((long) i * k).put(row, 0, k);
                maxDiag = Math.max(maxDiag, row[i]);
            }
            c.position(0);
        }
        double tol = k * Math.ulp(1.0) * Math.max(maxDiag, Double.MIN_NORMAL);
        int[] piv = new int[k];
        int r;
        try (IntPointer pivP = new IntPointer(Math.max(1, k)); IntPointer rankP = new IntPointer(1)) {
            int info = Blas.singleThreaded(() -> openblas.LAPACKE_dpstrf(openblas.LAPACK_COL_MAJOR, (byte) 'L', k, c,
                    Math.max(1, k), pivP, rankP, tol));
            if (info < 0) {
                c.close();
                throw new IllegalArgumentException("LAPACK dpstrf: bad argument " + (-info));
            }
            pivP.get(piv);
            r = maxDiag > 0 ? rankP.get() : 0;
        }
        for (int i = 0; i < k; i++) {
            piv[i]--;
        }
        return new Factor(c, piv, k, r);
    }

    /**
     * The eigenvalues (ascending) of the Gram matrix of M = L1^T L2 on its smaller side (M^T M when rank1 >= rank2,
     * else M M^T): the squared singular values of M. Empty when either rank is 0.
     */
    public double[] gramEigenvalues() {
        if (f1.rank == 0 || f2.rank == 0) {
            return new double[0];
        }
        boolean tall = f1.rank >= f2.rank;
        try (DoublePointer m = tall ? product(f1, f2) : product(f2, f1)) {
            return gramEigenvalues(m, Math.max(f1.rank, f2.rank), Math.min(f1.rank, f2.rank));
        }
    }

    /** M = L1^T L2 as a row-major rank1 x rank2 array (for the SVD). */
    public double[] product() {
        double[] out = new double[f1.rank * f2.rank];
        if (out.length > 0) {
            try (DoublePointer m = product(f1, f2)) {
                m.get(out, 0, out.length);
            }
        }
        return out;
    }

    /**
     * Eigenvalues (ascending) of M^T M for the row-major rows x cols matrix m (rows >= cols), m unchanged: the Gram
     * matrix's upper triangle by {@link Blas#syrkTiled}, then single-threaded dsyevd.
     */
    public static double[] gramEigenvalues(DoublePointer m, int rows, int cols) {
        try (DoublePointer g = new DoublePointer((long) cols * cols)) {
            Blas.syrkTiled(m, rows, cols, 1.0, 0.0, g, Scatter.tile(cols));
            return SymmetricEigen.eigenvaluesOfUpper(g, cols);
        }
    }

    /** {@link #gramEigenvalues(DoublePointer, int, int)} of a row-major array (rows >= cols). */
    public static double[] gramEigenvalues(double[] m, int rows, int cols) {
        try (DoublePointer p = new DoublePointer((long) rows * cols)) {
            p.put(m, 0, rows * cols);
            return gramEigenvalues(p, rows, cols);
        }
    }

    /**
     * L_a^T L_b (a.rank x b.rank, row-major, native; the caller closes it) with L = P R: R_a^T (P_a^T P_b R_b).
     * X = P_a^T P_b R_b (k x b.rank) is gathered into the result's buffer; then, per block of output columns,
     * X[0:ra] := U X[0:ra] (dtrmm, U = R_a^T's leading upper triangle) and, when ra < k, X[0:ra] += V X[ra:k]
     * (dgemm, V = the rest of R_a^T's rows). The first ra rows of the buffer are the product.
     */
    static DoublePointer product(Factor a, Factor b) {
        int k = a.k;
        int ra = a.rank;
        int rb = b.rank;
        DoublePointer x = new DoublePointer((long) k * rb);
        gather(a, b, x);
        int blocks = (rb + COLUMNS - 1) / COLUMNS;
        Runnable[] tasks = new Runnable[blocks];
        for (int bi = 0; bi < blocks; bi++) {
            int j0 = bi * COLUMNS;
            int nj = Math.min(COLUMNS, rb - j0);
            tasks[bi] = () -> BlasWorkers.run(() -> {
                DoublePointer xb = new DoublePointer(x).position(j0);
                openblas.cblas_dtrmm(openblas.CblasRowMajor, openblas.CblasLeft, openblas.CblasUpper,
                        openblas.CblasNoTrans, openblas.CblasNonUnit, ra, nj, 1.0, a.rt, k, xb, rb);
                if (ra < k) {
                    DoublePointer v = new DoublePointer(a.rt).position(ra);
                    DoublePointer rest = new DoublePointer(x).position((long) ra * rb + j0);
                    openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, ra, nj,
                            k - ra, 1.0, v, k, rest, rb, 1.0, xb, rb);
                }
            });
        }
        Workers.current().runAll(tasks);
        return x;
    }

    /** Rows of gathered columns per pass (a pass reads this many columns of R_b^T: a cache-sized strip). */
    private static final int STRIP = 64;

    /** x[i][j] = R_b[q(i)][j] (0 above R_b's diagonal), q(i) = the row of R_b that is original row piv_a[i]. */
    private static void gather(Factor a, Factor b, DoublePointer x) {
        int k = a.k;
        int rb = b.rank;
        int[] pos = new int[k];
        for (int p = 0; p < k; p++) {
            pos[b.piv[p]] = p;
        }
        int[] q = new int[k];
        for (int i = 0; i < k; i++) {
            q[i] = pos[a.piv[i]];
        }
        DoubleBuffer src = b.rt.position(0).asBuffer();
        DoubleBuffer dst = x.position(0).asBuffer();
        for (int j0 = 0; j0 < rb; j0 += STRIP) {
            int j1 = Math.min(rb, j0 + STRIP);
            for (int i = 0; i < k; i++) {
                int p = q[i];
                int out = i * rb;
                int last = Math.min(j1, p + 1);
                for (int j = j0; j < last; j++) {
                    dst.put(out + j, src.get(j * k + p));
                }
                for (int j = Math.max(j0, last); j < j1; j++) {
                    dst.put(out + j, 0.0);
                }
            }
        }
    }

    @Override
    public void close() {
        f1.close();
        f2.close();
    }
}
