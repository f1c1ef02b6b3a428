import org.bytedeco.openblas.global.openblas;

/**
 * Does OpenBLAS's own threading change LAPACK's bits? dgesdd (singular values) and dsyevd / dsyevd_2stage
 * (eigenvalues) of one seeded 2048 x 2048 matrix (and its Gram matrix) at 1, 2 and 4 OpenBLAS threads, printed as
 * a hash of the output bits with the seconds. Run from the repository root after a build:
 *
 *   java -cp "target/classes:target/lib/*" bench/blas/LapackThreads.java 2048
 *
 * Result (results-2026-12-05-lapack-threads.txt): the bits differ between 1, 2 and 4 threads for dgesdd and dsyevd
 * (dsyevd_2stage: equal at 1 and 2, different at 4), so the FID's LAPACK calls stay single-threaded.
 */
public class LapackThreads {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        java.util.Random r = new java.util.Random(7);
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextGaussian() * (1 + (i % n) / 64.0);
        }
        double[] g = new double[n * n];
        openblas.blas_set_num_threads(1);
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, n, n, n, 1.0, m, n,
                m, n, 0.0, g, n);
        for (int t : new int[] {1, 2, 4, 1}) {
            openblas.blas_set_num_threads(t);
            double[] c = m.clone();
            double[] s = new double[n];
            double[] dm = new double[1];
            long w0 = System.nanoTime();
            openblas.LAPACKE_dgesdd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', n, n, c, n, s, dm, 1, dm, 1);
            long w1 = System.nanoTime();
            double[] w = new double[n];
            openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', n, g.clone(), n, w);
            long w2 = System.nanoTime();
            double[] w2s = new double[n];
            openblas.LAPACKE_dsyevd_2stage(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', n, g.clone(), n, w2s);
            long w3 = System.nanoTime();
            System.out.printf("threads %d: dgesdd %.2f s hash %016x | dsyevd %.2f s hash %016x | dsyevd_2stage %.2f s"
                    + " hash %016x%n", t, (w1 - w0) / 1e9, hash(s), (w2 - w1) / 1e9, hash(w), (w3 - w2) / 1e9, hash(w2s));
        }
        openblas.blas_set_num_threads(1); // OpenBLAS's pool idle before exit (see linalg/BlasWorkers)
    }

    static long hash(double[] v) {
        long h = 0;
        for (double x : v) {
            h = h * 31 + Double.doubleToLongBits(x);
        }
        return h;
    }
}
