import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.fidelity.SetStats;
import org.cxrbench.linalg.CholeskyProduct;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Workers;

/**
 * Where one FID's time goes, step by step inside one JVM (wall and process-CPU seconds per step), on the files of
 * run.py; compare with fid_steps.py (numpy's steps) in the same run. From the repository root after a build:
 *
 *   java -cp "target/classes:target/lib/*" bench/blas/FidSteps.java REAL.npy SYN.npy [threads]
 *
 * The covariances run as the CLI runs them (SetStats.prepareGaussians); the trace term's steps are timed one by
 * one as Fid runs them (linalg/CholeskyProduct: the pivoted Cholesky pair on the run's workers, the dtrmm blocks and
 * Gram tiles on the workers, single-threaded dsyevd).
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
        int[] all = java.util.stream.IntStream.range(0, d).toArray();
        double[] wv;
        try (CholeskyProduct c = CholeskyProduct.of(g1.cov(), g2.cov(), d, all)) {
            step("dpstrf x2 (one per worker)");
            double[] m = c.product();
            step("L1^T L2 (dtrmm blocks, copied out)");
            wv = c.gramEigenvalues();
            step("L1^T L2 + Gram + dsyevd values");
        }
        Fid.Result f = Fid.compute(g1, g2, Fid.Route.SYMMETRIC);
        step("Fid.compute (whole trace term)");
        System.out.printf("fid %.12f trace_sqrt %.15f min/max eig %.3e%n", f.value(), f.traceSqrt(), wv[0] / wv[wv.length - 1]);
    }
}
