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
 * {@code fidelity --bootstrap} does ({@link Bootstrap#fid}, {@link Bootstrap#kid}); the estimand of each run
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
                    metric, n, d, runs, metric.startsWith("fid") ? String.format(Locale.ROOT, "%.4g", populationFid) : "-",
                    estimand, sdEstimate, meanSe, 100 * coverage, covered, runs);
        }
    }

    static final String HEADER = "| metric | N | d | runs | population FID | estimand | sd of estimate "
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

    /** The statistics a simulated metric reports, one Cell each. */
    static List<String> names(String metric) {
        return switch (metric) {
            case "prdc" -> List.of("precision", "recall", "density", "coverage");
            case "fid_variants" -> List.of("fid", "fid_t38", "fid_paired_only");
            case "kid_variants" -> List.of("kid", "kid_plain", "kid_z");
            default -> List.of(metric);
        };
    }

    /** [estimate, lo, hi, se] of one run. */
    static double[] run(String metric, int n, int d, int groups, long seed) {
        return runAll(metric, n, d, groups, seed)[0];
    }

    /** [estimate, lo, hi, se] of one run, per statistic of {@link #names}. */
    static double[][] runAll(String metric, int n, int d, int groups, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Features real = draw(n, d, false, rnd);
        Features syn = draw(n, d, true, rnd);
        switch (metric) {
            case "fid" -> {
                double est = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
                return new double[][] {row(est, Bootstrap.fid(real, syn, groups, seed, est, Fid.Route.SYMMETRIC))};
            }
            case "fid_variants" -> {
                // the interval (P corrected by Qh - Q1, t_{G-1}), the same with t_{2G-2}, and Q1 corrected alone
                double est = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
                double[] v = Bootstrap.fidVariances(real, syn, groups, seed, Fid.Route.SYMMETRIC);
                int g = (int) v[3];
                double[] var = {Bootstrap.fidVariance(v), Bootstrap.fidVariance(v), HalfSamples.corrected(v[1], v[1], v[2], g)};
                double[] df = {g - 1, 2 * g - 2, g - 1};
                double[][] out = new double[var.length][];
                for (int q = 0; q < var.length; q++) {
                    double se = Math.sqrt(var[q]);
                    double t = org.cxrbench.stats.TStatistics.quantile(0.975, df[q]);
                    out[q] = new double[] {est, Math.max(Math.min(0, est), est - t * se), est + t * se, se};
                }
                return out;
            }
            case "kid" -> { // -Dcoverage.kidSubsetSize / kidSubsets: the subsets (default 100 x 20; the CLI's 1000 x 100)
                int m = Math.min(Integer.getInteger("coverage.kidSubsetSize", 100), n);
                int count = Integer.getInteger("coverage.kidSubsets", 20);
                double est = Kid.compute(real, syn, Kid.subsets("lcg", n, n, m, count, seed)).mean();
                return new double[][] {row(est, Bootstrap.kid(real, syn, groups, seed, "lcg", m, count, est))};
            }
            case "kid_variants" -> {
                // the interval (P corrected by Qh - Q1, t_{G-1}), the plain jackknife P with 1.96 (KID's interval
                // before the correction, the same groups and subsets), and the corrected variance with 1.96
                int m = Math.min(100, n);
                int count = 20;
                double est = Kid.compute(real, syn, Kid.subsets("lcg", n, n, m, count, seed)).mean();
                double[] v = Bootstrap.kidVariances(real, syn, groups, seed, "lcg", m, count);
                double[] var = {Bootstrap.fidVariance(v), v[0], Bootstrap.fidVariance(v)};
                double[] q = {org.cxrbench.stats.TStatistics.quantile(0.975, (int) v[3] - 1), 1.96, 1.96};
                double[][] out = new double[var.length][];
                for (int k = 0; k < var.length; k++) {
                    double se = Math.sqrt(var[k]);
                    out[k] = new double[] {est, est - q[k] * se, est + q[k] * se, se};
                }
                return out;
            }
            case "fid_inf" -> {
                int minN = Math.max(2, Math.min(n - 1, n / 5));
                double est = FidInfinity.compute(GaussianStats.of(real), syn, 15, minN, seed, Fid.Route.SYMMETRIC).value();
                return new double[][] {row(est, FidInfinity.interval(real, syn, 15, minN, seed, Fid.Route.SYMMETRIC,
                        groups, est))};
            }
            case "prdc" -> {
                // PRDC's intervals (metrics/prdc.md); -Dcoverage.deleted and -Dcoverage.subsets explore the choices
                Prdc.Result est = Prdc.compute(real, syn, 5, false);
                java.util.Map<String, Bootstrap> b = PrdcIntervals.prdcWith(real, syn, est, seed,
                        Integer.getInteger("coverage.subsets", PrdcIntervals.PRDC_SUBSETS),
                        Double.parseDouble(System.getProperty("coverage.deleted", Double.toString(PrdcIntervals.PRDC_DELETED))));
                return new double[][] {row(est.precision(), b.get("precision")), row(est.recall(), b.get("recall")),
                        row(est.density(), b.get("density")), row(est.coverage(), b.get("coverage"))};
            }
            default -> throw new IllegalArgumentException(metric);
        }
    }

    private static double[] row(double est, Bootstrap b) {
        return new double[] {est, b.basic()[0], b.basic()[1], b.se()};
    }

    /**
     * FID-inf's estimand, lim_M E[FID(N real rows, M synthetic rows)]: the mean over {@code draws} real samples of
     * N rows of their FID against the synthetic population's exact mean and covariance.
     */
    static double fidInfTarget(int n, int d, int draws, long seed) {
        double[] l = lambda(d);
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        for (int j = 0; j < d; j++) {
            mean[j] = 0.1;
            cov[j * d + j] = 1.21 * l[j];
        }
        GaussianStats population = new GaussianStats(Long.MAX_VALUE, d, mean, cov);
        double s = 0;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x7A76E7L);
        for (int t = 0; t < draws; t++) {
            s += Fid.compute(GaussianStats.of(draw(n, d, false, rnd)), population, Fid.Route.SYMMETRIC).value();
        }
        return s / draws;
    }

    static Cell cell(String metric, int n, int d, int runs, int groups, long seed, int threads) {
        return cells(metric, n, d, runs, groups, seed, threads).get(0);
    }

    /**
     * One cell per statistic of {@code metric}. The estimand of each run: the mean estimate of the other runs
     * (E[statistic at N]), except FID-inf, whose estimand is {@link #fidInfTarget} from 2000 further draws.
     */
    static List<Cell> cells(String metric, int n, int d, int runs, int groups, long seed, int threads) {
        double[][][] r = new double[runs][][];
        ExecutorService ex = Executors.newFixedThreadPool(threads, t -> {
            Thread th = new Thread(t, "coverage");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<double[][]>> fs = new ArrayList<>();
            // -Dcoverage.first=F with a dump: runs F .. runs-1 only, appended to the dump (resumes a stopped dump;
            // no summary, which needs every run)
            int first = Integer.getInteger("coverage.first", 0);
            for (int i = 0; i < runs; i++) {
                long s = seed * 1_000_003L + i;
                fs.add(i < first ? null : ex.submit(() -> runAll(metric, n, d, groups, s)));
            }
            String dump = System.getProperty("coverage.dump"); // each run's [estimate, lo, hi, se] per statistic, in order
            for (int i = first; i < runs; i++) {
                r[i] = fs.get(i).get();
                if (dump != null) {
                    StringBuilder line = new StringBuilder(metric + "\t" + n + "\t" + d + "\t" + i);
                    for (double[] q : r[i]) {
                        for (double v : q) {
                            line.append('\t').append(v);
                        }
                    }
                    java.nio.file.Files.writeString(java.nio.file.Path.of(dump), line.append('\n'),
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ex.shutdownNow();
        }
        if (Integer.getInteger("coverage.first", 0) > 0) {
            return List.of();
        }
        double target = metric.equals("fid_inf") ? fidInfTarget(n, d, 2000, seed) : Double.NaN;
        List<Cell> out = new ArrayList<>();
        List<String> names = names(metric);
        for (int q = 0; q < names.size(); q++) {
            double[][] x = new double[runs][];
            for (int i = 0; i < runs; i++) {
                x[i] = r[i][q];
            }
            out.add(summarise(names.get(q), n, d, runs, x, target));
        }
        return out;
    }

    /** Coverage of one statistic's runs; {@code target} NaN: the mean of the other runs. */
    static Cell summarise(String name, int n, int d, int runs, double[][] r, double target) {
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
            double truth = Double.isNaN(target) ? (sum - x[0]) / (runs - 1) : target;
            if (x[1] <= truth && truth <= x[2]) {
                covered++;
            }
        }
        return new Cell(name, n, d, runs, populationFid(d), Double.isNaN(target) ? mean : target, Math.sqrt(var), se,
                (double) covered / runs, covered);
    }
}
