package org.cxrbench.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Thin, checked wrappers over OpenBLAS/LAPACKE (org.bytedeco:openblas, natives inside the Maven jar).
 * All matrices are row-major. OpenBLAS splits work over output blocks, not over the summation index, so
 * results do not depend on the thread count.
 */
public final class Blas {
    private Blas() {}

    private static volatile int threads = -1;

    /** Sets OpenBLAS's worker count (process-wide). */
    public static synchronized void setThreads(int n) {
        if (n != threads) {
            openblas.blas_set_num_threads(n);
            threads = n;
        }
    }

    /** C(upper) = alpha * A^T A + beta * C for A rows x n (row-major); only the upper triangle of C is written. */
    public static void syrkAtA(double[] a, int rows, int n, double alpha, double beta, double[] c) {
        check(a.length >= (long) rows * n && c.length >= (long) n * n, "syrk sizes");
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, n, rows, alpha, a, n,
                beta, c, n);
    }

    /** n x n product op(A) op(B) through native buffers (one copy in per operand, one copy out). */
    public static double[] product(double[] a, boolean transA, double[] b, boolean transB, int n) {
        try (org.bytedeco.javacpp.DoublePointer aP = new org.bytedeco.javacpp.DoublePointer(a);
             org.bytedeco.javacpp.DoublePointer bP = new org.bytedeco.javacpp.DoublePointer(b);
             org.bytedeco.javacpp.DoublePointer cP = new org.bytedeco.javacpp.DoublePointer((long) n * n)) {
            gemm(transA, transB, n, n, n, 1.0, aP, n, bP, n, 0.0, cP, n);
            double[] c = new double[n * n];
            cP.get(c);
            return c;
        }
    }

    /** A B A for n x n matrices, through native buffers. */
    public static double[] sandwich(double[] a, double[] b, int n) {
        try (org.bytedeco.javacpp.DoublePointer aP = new org.bytedeco.javacpp.DoublePointer(a);
             org.bytedeco.javacpp.DoublePointer bP = new org.bytedeco.javacpp.DoublePointer(b);
             org.bytedeco.javacpp.DoublePointer tP = new org.bytedeco.javacpp.DoublePointer((long) n * n);
             org.bytedeco.javacpp.DoublePointer cP = new org.bytedeco.javacpp.DoublePointer((long) n * n)) {
            gemm(false, false, n, n, n, 1.0, aP, n, bP, n, 0.0, tP, n);
            gemm(false, false, n, n, n, 1.0, tP, n, aP, n, 0.0, cP, n);
            double[] c = new double[n * n];
            cP.get(c);
            return c;
        }
    }

    /** dsyrk on native buffers: C(upper) = alpha A^T A + beta C. */
    public static void syrkAtA(org.bytedeco.javacpp.DoublePointer a, int rows, int n, double alpha, double beta,
                               org.bytedeco.javacpp.DoublePointer c) {
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, n, rows, alpha, a, n,
                beta, c, n);
    }

    /** C = alpha * op(A) op(B) + beta * C; op transposes when the flag is set. A is m x k after op, B k x n. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                            double[] b, int ldb, double beta, double[] c, int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
                             float[] b, int ldb, float beta, float[] c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** sgemm on native buffers (no per-call copy of Java arrays): C = alpha op(A) op(B) + beta C. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             org.bytedeco.javacpp.FloatPointer a, int lda, org.bytedeco.javacpp.FloatPointer b, int ldb,
                             float beta, org.bytedeco.javacpp.FloatPointer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** dgemm on native buffers (no per-call copy of Java arrays). */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            org.bytedeco.javacpp.DoublePointer a, int lda, org.bytedeco.javacpp.DoublePointer b, int ldb,
                            double beta, org.bytedeco.javacpp.DoublePointer c, int ldc) {
        openblas.cblas_dgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * Eigen-decomposition of the symmetric n x n matrix {@code a} (upper triangle read) by LAPACK dsyevd.
     * Returns ascending eigenvalues; with {@code vectors} the columns of {@code a} become the eigenvectors.
     */
    public static double[] syevd(double[] a, int n, boolean vectors) {
        double[] w = new double[n];
        int info;
        try (org.bytedeco.javacpp.DoublePointer aP = new org.bytedeco.javacpp.DoublePointer(a);
             org.bytedeco.javacpp.DoublePointer wP = new org.bytedeco.javacpp.DoublePointer((long) n)) {
            info = openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) (vectors ? 'V' : 'N'), (byte) 'U', n, aP,
                    n, wP);
            wP.get(w);
            if (vectors) {
                aP.get(a);
            }
        }
        if (info != 0) {
            throw new ArithmeticException("LAPACK dsyevd failed to converge (info=" + info + ", n=" + n + ")");
        }
        return w;
    }

    /** Eigenvalues (real parts, imaginary parts) of a general n x n matrix by LAPACK dgeev; {@code a} is overwritten. */
    public static double[][] geevValues(double[] a, int n) {
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] dummy = new double[1];
        int info = openblas.LAPACKE_dgeev(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'N', n, a, n, wr, wi, dummy, 1,
                dummy, 1);
        if (info != 0) {
            throw new ArithmeticException("LAPACK dgeev failed to converge (info=" + info + ", n=" + n + ")");
        }
        return new double[][] {wr, wi};
    }

    /**
     * Numerical rank of a symmetric positive semi-definite matrix by LAPACK's pivoted Cholesky (dpstrf), with
     * tolerance n * eps * max diagonal; about a sixth of the cost of an eigen-decomposition. {@code a} is copied.
     */
    public static int psdRank(double[] a, int n) {
        double[] c = a.clone();
        int[] piv = new int[n];
        int[] rank = new int[1];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, a[i * n + i]);
        }
        int info = openblas.LAPACKE_dpstrf(openblas.LAPACK_ROW_MAJOR, (byte) 'U', n, c, n, piv, rank,
                n * Math.ulp(1.0) * Math.max(maxDiag, Double.MIN_NORMAL));
        if (info < 0) {
            throw new IllegalArgumentException("LAPACK dpstrf: bad argument " + (-info));
        }
        return rank[0];
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }
}
