package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cxrbench.linalg.Features;

/**
 * Coverage of the fidelity intervals by simulation with known truth (issue 20.1), shared by the fast default test
 * ({@code FidelityCoverageTest}) and the slow grid ({@code FidelityCoverageSimulation}).
 *
 * <p>Populations: real N(0, diag(lambda)), synthetic N(mu, diag(1.21 lambda)) with lambda_j = j^-1/2 and
 * mu_j = 0.1 (FID is invariant under a common rotation, so diagonal covariances lose no generality). Population
 * FID in closed form: ||mu||^2 + sum_j (sqrt(lambda_j) - sqrt(1.21 lambda_j))^2 = 0.01 d + 0.01 sum_j lambda_j.
 * Each run draws both sets (N rows each, its own seed), computes the estimate and its 95% interval exactly as
 * {@code fidelity --bootstrap} does ({@link Bootstrap#fid}, {@link Kid#bootstrapMeans}); the estimand of each run
 * is estimated by the mean of the estimate over the other runs (E[FID_N] for FID; E[KID] = the population MMD^2
 * for KID, whose subset estimator is unbiased), and coverage is the share of runs whose interval holds it.
 */
final class CoverageSimulation {
    private CoverageSimulation() {}

    /** One grid cell's outcome. */
    record Cell(String metric, int n, int d, int runs, double populationFid, double estimand, double sdEstimate,
                double meanSe, double coverage, int covered) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %.5g | %.4g | %.4g | %.1f%% (%d/%d) |",
                    metric, n, d, runs, metric.equals("fid") ? String.format(Locale.ROOT, "%.4g", populationFid) : "-",
                    estimand, sdEstimate, meanSe, 100 * coverage, covered, runs);
        }
    }

    static final String HEADER = "| metric | N | d | runs | population FID | estimand (mean over runs) | sd of estimate "
            + "| mean SE | coverage of 95% CI |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    static double[] lambda(int d) {
        double[] l = new double[d];
        for (int j = 0; j < d; j++) {
            l[j] = 1 / Math.sqrt(j + 1.0);
        }
        return l;
    }

    static double populationFid(int d) {
        double s = 0;
        for (double x : lambda(d)) {
            s += x;
        }
        return 0.01 * d + 0.01 * s;
    }

    static Features draw(int n, int d, boolean synthetic, SplittableRandom rnd) {
        double[] l = lambda(d);
        double[] a = new double[n * d];
        double scale = synthetic ? 1.1 : 1.0;
        double shift = synthetic ? 0.1 : 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] = shift + scale * Math.sqrt(l[j]) * rnd.nextGaussian();
            }
        }
        return new Features(n, d, a);
    }

    /** [estimate, lo, hi, se] of one run. */
    static double[] run(String metric, int n, int d, int groups, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Features real = draw(n, d, false, rnd);
        Features syn = draw(n, d, true, rnd);
        Bootstrap b;
        double est;
        if (metric.equals("fid")) {
            est = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
            b = Bootstrap.fid(real, syn, groups, seed, est, Fid.Route.SYMMETRIC);
        } else {
            int m = Math.min(100, n);
            int count = 20;
            est = Kid.compute(real, syn, Kid.subsets("lcg", n, n, m, count, seed)).mean();
            b = Bootstrap.summarise(Kid.bootstrapMeans(real, syn, groups, seed, "lcg", m, count), est);
        }
        return new double[] {est, b.basic()[0], b.basic()[1], b.se()};
    }

    static Cell cell(String metric, int n, int d, int runs, int groups, long seed, int threads) {
        double[][] r = new double[runs][];
        ExecutorService ex = Executors.newFixedThreadPool(threads, t -> {
            Thread th = new Thread(t, "coverage");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<double[]>> fs = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long s = seed * 1_000_003L + i;
                fs.add(ex.submit(() -> run(metric, n, d, groups, s)));
            }
            for (int i = 0; i < runs; i++) {
                r[i] = fs.get(i).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ex.shutdownNow();
        }
        double sum = 0;
        double se = 0;
        for (double[] x : r) {
            sum += x[0];
            se += x[3] / runs;
        }
        double mean = sum / runs;
        double var = 0;
        int covered = 0;
        for (double[] x : r) {
            var += (x[0] - mean) * (x[0] - mean) / (runs - 1);
            double others = (sum - x[0]) / (runs - 1);
            if (x[1] <= others && others <= x[2]) {
                covered++;
            }
        }
        return new Cell(metric, n, d, runs, populationFid(d), mean, Math.sqrt(var), se, (double) covered / runs, covered);
    }
}
