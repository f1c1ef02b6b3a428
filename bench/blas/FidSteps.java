import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.fidelity.SetStats;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.SymmetricEigen;
import org.cxrbench.linalg.Workers;

/**
 * Where one FID's time goes, step by step inside one JVM (wall and process-CPU seconds per step), on the files of
 * run.py; compare with fid_steps.py (numpy's steps) in the same run. From the repository root after a build:
 *
 *   java -cp "target/classes:target/lib/*" bench/blas/FidSteps.java REAL.npy SYN.npy [threads]
 *
 * The covariances run as the CLI runs them (SetStats.prepareGaussians); the trace term's steps are timed one by
 * one, single-threaded LAPACK as in Fid (the pivoted Cholesky pair on the run's workers).
 */
public class FidSteps {
    static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    static long wall = System.nanoTime();
    static long cpu = OS.getProcessCpuTime();

    static void step(String name) {
        long w = System.nanoTime();
        long c = OS.getProcessCpuTime();
        System.out.printf("%-34s wall %6.2f s  cpu %6.2f s%n", name, (w - wall) / 1e9, (c - cpu) / 1e9);
        wall = w;
        cpu = c;
    }

    public static void main(String[] a) throws Exception {
        System.out.printf("%-34s cpu %6.2f s (JVM start to main, with this file's compilation)%n", "start",
                cpu / 1e9);
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 2;
        try (Workers w = Workers.of(threads, org.cxrbench.common.Progress.QUIET)) {
            w.get(() -> {
                run(Path.of(a[0]), Path.of(a[1]), threads);
                return null;
            });
        }
    }

    static void run(Path real, Path syn, int threads) {
        Features fr = FeatureFiles.read(real);
        Features fs = FeatureFiles.read(syn);
        step("map the two .npy files");
        SetStats r = SetStats.of(fr);
        SetStats s = SetStats.of(fs);
        SetStats.prepareGaussians(List.of(r, s), threads);
        step("means + covariances (both)");
        GaussianStats g1 = r.gaussian();
        GaussianStats g2 = s.gaussian();
        int d = g1.d();
        Blas.PivotedCholesky[] c = new Blas.PivotedCholesky[2];
        Workers.current().runAll(new Runnable[] {
            () -> c[0] = Blas.pivotedCholesky(g1.cov(), d), () -> c[1] = Blas.pivotedCholesky(g2.cov(), d)});
        step("dpstrf x2 (one per worker)");
        int r1 = c[0].rank();
        int r2 = c[1].rank();
        double[] l1t = new double[d * r1];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < r1; j++) {
                l1t[j * d + i] = c[0].l()[i * r1 + j];
            }
        }
        double[] m = new double[r1 * r2];
        Blas.gemm(false, false, r1, r2, d, 1.0, l1t, d, c[1].l(), r2, 0.0, m, r2);
        step("L1^T L2 (tiled dgemm)");
        double[] gram = new double[r2 * r2];
        Blas.syrkAtA(m, r1, r2, 1.0, 0.0, gram);
        step("Gram M^T M (tiled dsyrk)");
        double[] wv = Blas.syevd(gram, r2, false);
        step("dsyevd values (1 thread)");
        double[] sv = SymmetricEigen.singularValues(m, r1, r2);
        step("dgesdd values (1 thread)");
        Fid.Result f = Fid.compute(g1, g2, Fid.Route.SYMMETRIC);
        step("Fid.compute (whole trace term)");
        System.out.printf("fid %.12f trace_sqrt %.15f min/max eig %.3e%n", f.value(), f.traceSqrt(), wv[0] / wv[r2 - 1]);
    }
}
