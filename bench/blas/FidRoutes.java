import java.nio.file.Path;
import org.bytedeco.openblas.global.openblas;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.SymmetricEigen;

/**
 * The trace term's routes side by side on run.py's files: sum of singular values of M = L1^T L2 from the Gram
 * matrix's eigenvalues (dsyevd), from dgesdd and from one-sided Jacobi (dgesvj, high relative accuracy), with M from
 * pivoted (dpstrf) or plain (dpotrf) Cholesky factors; CPU seconds of each LAPACK call (one thread).
 *
 *   java -cp "target/classes:target/lib/*" bench/blas/FidRoutes.java REAL.npy SYN.npy
 */
public class FidRoutes {
    static long t0;

    static double lap() {
        long t = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        double s = (t - t0) / 1e9;
        t0 = t;
        return s;
    }

    public static void main(String[] a) {
        openblas.blas_set_num_threads(1);
        GaussianStats g1 = GaussianStats.of(FeatureFiles.read(Path.of(a[0])));
        GaussianStats g2 = GaussianStats.of(FeatureFiles.read(Path.of(a[1])));
        int d = g1.d();
        t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Blas.PivotedCholesky p1 = Blas.pivotedCholesky(g1.cov(), d);
        System.out.printf("dpstrf %.2f s rank %d%n", lap(), p1.rank());
        Blas.PivotedCholesky p2 = Blas.pivotedCholesky(g2.cov(), d);
        lap();
        double[] c1 = plain(g1.cov(), d);
        System.out.printf("dpotrf %.2f s%n", lap());
        double[] c2 = plain(g2.cov(), d);
        report("pivoted", p1.l(), p2.l(), d);
        report("plain", c1, c2, d);
    }

    static double[] plain(double[] s, int d) {
        double[] c = s.clone();
        int info = openblas.LAPACKE_dpotrf(openblas.LAPACK_ROW_MAJOR, (byte) 'L', d, c, d);
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                c[i * d + j] = 0;
            }
        }
        if (info != 0) {
            throw new IllegalStateException("dpotrf " + info);
        }
        return c;
    }

    static void report(String name, double[] l1, double[] l2, int d) {
        double[] m = new double[d * d];
        openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, d, d, d, 1.0, l1, d,
                l2, d, 0.0, m, d);
        t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        double[] g = new double[d * d];
        openblas.cblas_dsyrk(openblas.CblasRowMajor, openblas.CblasUpper, openblas.CblasTrans, d, d, 1.0, m, d, 0.0,
                g, d);
        double[] w = new double[d];
        openblas.LAPACKE_dsyevd(openblas.LAPACK_ROW_MAJOR, (byte) 'N', (byte) 'U', d, g, d, w);
        double te = lap();
        double eig = 0;
        for (double x : w) {
            eig += Math.sqrt(Math.max(x, 0));
        }
        // the error bound with the worst-case constant (r1 + r2) eps and with Fid's probabilistic 6 sqrt(r1 + r2) eps
        double bound = bound(w, 2 * d * Math.ulp(1.0) * w[d - 1]);
        double prob = bound(w, 6 * Math.sqrt(2 * d) * Math.ulp(1.0) * w[d - 1]);
        double[] sv = SymmetricEigen.singularValues(m, d, d);
        double ts = lap();
        double svd = 0;
        for (int i = d - 1; i >= 0; i--) {
            svd += sv[i];
        }
        double[] mj = m.clone();
        double[] sj = new double[d];
        double[] dummy = new double[1];
        double[] stat = new double[6];
        int info = openblas.LAPACKE_dgesvj(openblas.LAPACK_ROW_MAJOR, (byte) 'G', (byte) 'N', (byte) 'N', d, d, mj, d,
                sj, 0, dummy, d, stat);
        double tj = lap();
        double jac = 0;
        for (int i = d - 1; i >= 0; i--) {
            jac += sj[i] * stat[0];
        }
        System.out.printf("%s: gram+dsyevd %.2f s sum %.17g bound/sum %.2e | dgesdd %.2f s sum %.17g | dgesvj %.2f s"
                + " (info %d) sum %.17g | eig-jac %.2e svd-jac %.2e (of the sum) | probabilistic bound/sum %.2e%n", name, te, eig,
                bound / eig, ts,
                svd, tj, info, jac, (eig - jac) / jac, (svd - jac) / jac, prob / eig);
    }

    static double bound(double[] w, double delta) {
        double b = 0;
        for (double x : w) {
            b += x > delta ? delta / (Math.sqrt(x) + Math.sqrt(x - delta)) : Math.sqrt(delta);
        }
        return b;
    }
}
