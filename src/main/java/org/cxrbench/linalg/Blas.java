package org.cxrbench.linalg;

import org.bytedeco.openblas.global.openblas;

/**
 * Thin, checked wrappers over OpenBLAS/LAPACKE (org.bytedeco:openblas, natives inside the Maven jar).
 * All matrices are row-major. OpenBLAS always runs one thread per call (set before any call, here and in
 * {@link BlasWorkers}, which every native call passes through, so that k-NN's sgemm alone gets it too): the
 * parallelism is cxrbench's own, fixed blocks of the output spread over the {@link Workers} of the run that calls
 * (one thread outside a run), so results do not depend on the thread count, calls from different runs never wait
 * on one another, and the process exits promptly on SIGTERM/SIGINT (see {@link BlasWorkers} for why OpenBLAS's own
 * threads must stay idle).
 */
public final class Blas {
    private Blas() {}

    static {
        openblas.blas_set_num_threads(1);
    }

    /**
     * Runs a LAPACK routine. LAPACK's reductions (dsytrd inside dsyevd, dgehrd inside dgeev, dpstrf) would give
     * thread-count dependent bits under OpenBLAS threading; OpenBLAS runs single-threaded here, so they do not.
     */
    static <T> T singleThreaded(java.util.function.Supplier<T> lapack) {
        return BlasWorkers.call(lapack);
    }

    /**
     * C(upper) = alpha * A^T A + beta * C for A rows x n (row-major); only the upper triangle of C is written.
     * Through native buffers and {@link #syrkTiled} (fixed tiles on the calling run's workers).
     */
    public static void syrkAtA(double[] a, int rows, int n, double alpha, double beta, double[] c) {
        check(a.length >= (long) rows * n && c.length >= (long) n * n, "syrk sizes");
        try (org.bytedeco.javacpp.DoublePointer aP = new org.bytedeco.javacpp.DoublePointer((long) rows * n);
             org.bytedeco.javacpp.DoublePointer cP = new org.bytedeco.javacpp.DoublePointer((long) n * n)) {
            aP.put(a, 0, rows * n);
            cP.put(c, 0, n * n);
            syrkTiled(aP, rows, n, alpha, beta, cP);
            cP.get(c, 0, n * n);
        }
    }

    /** Columns per tile of {@link #syrkTiled}. */
    static final int SYRK_TILE = 256;

    /**
     * C(upper) = alpha A^T A + beta C on native buffers (A rows x n, C n x n, row-major), bit-identical for any
     * thread count: C's upper triangle is cut into fixed {@link #SYRK_TILE} x {@link #SYRK_TILE} tiles, each one
     * single-threaded OpenBLAS call (dsyrk on a diagonal tile, dgemm A_I^T A_J above it), the tiles spread over
     * the calling run's {@link Workers}. Elements below the diagonal are not written.
     */
    public static void syrkTiled(org.bytedeco.javacpp.DoublePointer a, int rows, int n, double alpha, double beta,
                                 org.bytedeco.javacpp.DoublePointer c) {
        syrkTiled(a, rows, n, alpha, beta, c, SYRK_TILE);
    }

    /** {@link #syrkTiled} with tiles of {@code tile} columns (a size the caller fixes, never from the thread count). */
    public static void syrkTiled(org.bytedeco.javacpp.DoublePointer a, int rows, int n, double alpha, double beta,
                                 org.bytedeco.javacpp.DoublePointer c, int tile) {
        int tiles = (n + tile - 1) / tile;
        Runnable[] tasks = new Runnable[tiles * (tiles + 1) / 2];
        int at = 0;
        for (int ti = 0; ti < tiles; ti++) {
            for (int tj = ti; tj < tiles; tj++) {
                int i0 = ti * tile;
                int j0 = tj * tile;
                int ni = Math.min(tile, n - i0);
                int nj = Math.min(tile, n - j0);
                boolean diagonal = ti == tj;
                tasks[at++] = () -> BlasWorkers.run(() -> {
                    org.bytedeco.javacpp.DoublePointer ai = new org.bytedeco.javacpp.DoublePointer(a)
                            .position(a.position() + i0);
                    org.bytedeco.javacpp.DoublePointer ct = new org.bytedeco.javacpp.DoublePointer(c)
                            .position(c.position() + (long) i0 * n + j0);
                    if (diagonal) {
                        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, ni,
                                rows, alpha, ai, n, beta, ct, n);
                    } else {
                        org.bytedeco.javacpp.DoublePointer aj = new org.bytedeco.javacpp.DoublePointer(a)
                                .position(a.position() + j0);
                        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, ni,
                                nj, rows, alpha, ai, n, aj, n, beta, ct, n);
                    }
                });
            }
        }
        Workers.current().runAll(tasks);
    }

    /** The rows of x as doubles in native memory (row-major, n x d), filled a block of rows at a time. */
    public static org.bytedeco.javacpp.DoublePointer doubles(Features x) {
        int d = x.d();
        org.bytedeco.javacpp.DoublePointer p = new org.bytedeco.javacpp.DoublePointer(Math.max(1L, (long) x.n() * d));
        int step = Math.max(1, (1 << 17) / d);
        double[] stage = new double[Math.min(step, Math.max(1, x.n())) * d];
        for (int r = 0; r < x.n(); r += step) {
            int rows = Math.min(step, x.n() - r);
            x.copyRows(r, rows, stage, 0);
            p.position((long) r * d).put(stage, 0, rows * d);
        }
        return p.position(0);
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

    /** dsyrk on native buffers: C(upper) = alpha A^T A + beta C, by {@link #syrkTiled}. */
    public static void syrkAtA(org.bytedeco.javacpp.DoublePointer a, int rows, int n, double alpha, double beta,
                               org.bytedeco.javacpp.DoublePointer c) {
        syrkTiled(a, rows, n, alpha, beta, c);
    }

    /** dsyrk on native buffers: C(upper) = alpha A A^T + beta C for A m x k (row-major), C m x m. */
    public static void syrkAAt(org.bytedeco.javacpp.DoublePointer a, int m, int k, double alpha, double beta,
                               org.bytedeco.javacpp.DoublePointer c) {
        BlasWorkers.run(() -> openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasNoTrans,
                m, k, alpha, a, k, beta, c, m));
    }

    /** C = alpha * op(A) op(B) + beta * C; op transposes when the flag is set. A is m x k after op, B k x n. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                            double[] b, int ldb, double beta, double[] c, int ldc) {
        try (org.bytedeco.javacpp.DoublePointer aP = new org.bytedeco.javacpp.DoublePointer(a);
             org.bytedeco.javacpp.DoublePointer bP = new org.bytedeco.javacpp.DoublePointer(b);
             org.bytedeco.javacpp.DoublePointer cP = new org.bytedeco.javacpp.DoublePointer(c)) {
            gemm(transA, transB, m, n, k, alpha, aP, lda, bP, ldb, beta, cP, ldc);
            cP.get(c);
        }
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
                             float[] b, int ldb, float beta, float[] c, int ldc) {
        BlasWorkers.run(() -> openblas.cblas_sgemm(openblas.CblasRowMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans, transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc));
    }

    /**
     * sgemm on native buffers (no per-call copy of Java arrays): C = alpha op(A) op(B) + beta C, cut like
     * {@link #gemm(boolean, boolean, int, int, int, double, org.bytedeco.javacpp.DoublePointer, int,
     * org.bytedeco.javacpp.DoublePointer, int, double, org.bytedeco.javacpp.DoublePointer, int)} into fixed row blocks,
     * each a single-threaded call; {@code transA} must be false.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             org.bytedeco.javacpp.FloatPointer a, int lda, org.bytedeco.javacpp.FloatPointer b, int ldb,
                             float beta, org.bytedeco.javacpp.FloatPointer c, int ldc) {
        if (transA) {
            throw new IllegalArgumentException("blocked sgemm takes op(A) = A");
        }
        inRowBlocks(m, (r0, rows) -> {
            org.bytedeco.javacpp.FloatPointer ab = new org.bytedeco.javacpp.FloatPointer(a)
                    .position(a.position() + (long) r0 * lda);
            org.bytedeco.javacpp.FloatPointer cb = new org.bytedeco.javacpp.FloatPointer(c)
                    .position(c.position() + (long) r0 * ldc);
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, rows, n, k, alpha, ab, lda, b, ldb, beta,
                    cb, ldc);
        });
    }

    /** One block of output rows [r0, r0 + rows). */
    interface RowBlock {
        void run(int r0, int rows);
    }

    /**
     * Runs {@code block} over fixed blocks of {@link #GEMM_ROWS} rows of an m-row output, spread over the calling
     * run's workers; the partition never depends on the thread count, so the bits do not either.
     */
    static void inRowBlocks(int m, RowBlock block) {
        int blocks = (m + GEMM_ROWS - 1) / GEMM_ROWS;
        Runnable[] tasks = new Runnable[blocks];
        for (int bi = 0; bi < blocks; bi++) {
            int r0 = bi * GEMM_ROWS;
            int rows = Math.min(GEMM_ROWS, m - r0);
            tasks[bi] = () -> BlasWorkers.run(() -> block.run(r0, rows));
        }
        Workers.current().runAll(tasks);
    }

    /** Output rows per deterministic dgemm task; fixed, so the partition never depends on the thread count. */
    static final int GEMM_ROWS = 128;

    /**
     * dgemm on native buffers, bit-identical for any thread count: OpenBLAS's own threading of dgemm gives
     * different bits for different thread counts here, so the output is cut into fixed blocks of
     * {@link #GEMM_ROWS} rows, each computed by a single-threaded OpenBLAS call, the blocks spread over
     * the calling run's {@link Workers}. Every output element is accumulated in the same order whatever the thread count.
     * Row-major; {@code transA} must be false (the row blocks of C are row blocks of A).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            org.bytedeco.javacpp.DoublePointer a, int lda, org.bytedeco.javacpp.DoublePointer b, int ldb,
                            double beta, org.bytedeco.javacpp.DoublePointer c, int ldc) {
        if (transA) {
            throw new IllegalArgumentException("deterministic dgemm takes op(A) = A");
        }
        inRowBlocks(m, (r0, rows) -> {
            org.bytedeco.javacpp.DoublePointer ab = new org.bytedeco.javacpp.DoublePointer(a)
                    .position(a.position() + (long) r0 * lda);
            org.bytedeco.javacpp.DoublePointer cb = new org.bytedeco.javacpp.DoublePointer(c)
                    .position(c.position() + (long) r0 * ldc);
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, rows, n, k, alpha, ab, lda, b, ldb, beta,
                    cb, ldc);
        });
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
            info = singleThreaded(() -> openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) (vectors ? 'V' : 'N'),
                    (byte) 'U', n, aP, n, wP));
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
        int info = singleThreaded(() -> openblas.LAPACKE_dgeev(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'N', n, a, n,
                wr, wi, dummy, 1, dummy, 1));
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
        return pivotedCholesky(a, n).rank();
    }

    /** A PSD matrix as L L^T with L of size n x rank (rows in the original order), from pivoted Cholesky. */
    public record PivotedCholesky(double[] l, int n, int rank) {}

    /**
     * Pivoted Cholesky (LAPACK dpstrf, single-threaded for reproducibility): P^T A P = R R^T, returned with the
     * permutation undone, so A = L L^T with L = P R (n x rank). Columns beyond the numerical rank (tolerance
     * n * eps * max diagonal) are dropped.
     */
    public static PivotedCholesky pivotedCholesky(double[] a, int n) {
        double[] c = a.clone();
        int[] piv = new int[n];
        int[] rank = new int[1];
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, a[i * n + i]);
        }
        double tol = n * Math.ulp(1.0) * Math.max(maxDiag, Double.MIN_NORMAL);
        int info = singleThreaded(() -> openblas.LAPACKE_dpstrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', n, c, n, piv, rank,
                tol));
        if (info < 0) {
            throw new IllegalArgumentException("LAPACK dpstrf: bad argument " + (-info));
        }
        int r = maxDiag > 0 ? rank[0] : 0;
        double[] l = new double[n * Math.max(r, 1)];
        for (int i = 0; i < n; i++) {
            int row = piv[i] - 1;
            for (int j = 0; j < r && j <= i; j++) {
                l[row * r + j] = c[i * n + j];
            }
        }
        return new PivotedCholesky(l, n, r);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }
}
