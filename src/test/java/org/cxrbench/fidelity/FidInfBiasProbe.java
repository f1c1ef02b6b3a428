package org.cxrbench.fidelity;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.linalg.Features;

/**
 * The bias of FID-inf's centre, measured cheaply (issue 20.1; no interval, so no jackknife): the populations of
 * {@link CoverageSimulation}, N real and N synthetic rows per run. Each run's limit is known exactly given its real
 * set, L = FID(real statistics, synthetic population) = lim_M FID(N_real, M), so the error of each extrapolation is
 * paired with its own run (the real set's noise cancels) and its mean is the bias with SE sd/sqrt(runs). It also
 * prints the mean curve E[FID(m)] - L over subset sizes m from N/10 to N and the residuals of fits in 1/m.
 * Run from the compiled test classes:
 * <pre>java -Dprobe.n=5000 -Dprobe.d=256 -Dprobe.runs=100 -cp "target/test-classes:target/classes:target/lib/*"
 *     org.cxrbench.fidelity.FidInfBiasProbe</pre>
 */
final class FidInfBiasProbe {
    private FidInfBiasProbe() {}

    static GaussianStats syntheticPopulation(int d) {
        double[] l = CoverageSimulation.lambda(d);
        double[] mean = new double[d];
        double[] cov = new double[d * d];
        for (int j = 0; j < d; j++) {
            mean[j] = 0.1;
            cov[j * d + j] = 1.21 * l[j];
        }
        return new GaussianStats(Long.MAX_VALUE, d, mean, cov);
    }

    /** Least-squares polynomial in x of the given degree through (x, y); returns the coefficients, constant first. */
    static double[] polyfit(double[] x, double[] y, int degree) {
        int k = degree + 1;
        double[][] a = new double[k][k + 1];
        for (int p = 0; p < x.length; p++) {
            double[] pw = new double[k];
            pw[0] = 1;
            for (int j = 1; j < k; j++) {
                pw[j] = pw[j - 1] * x[p];
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += pw[i] * pw[j];
                }
                a[i][k] += pw[i] * y[p];
            }
        }
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = a[i][k] / a[i][i];
        }
        return out;
    }

    /** Sizes evenly from lo to n, {@code points} of them. */
    static int[] sizes(int n, int lo, int points) {
        int[] s = new int[points];
        for (int p = 0; p < points; p++) {
            s[p] = (int) Math.round(lo + (double) (n - lo) * p / (points - 1));
        }
        return s;
    }

    static final String[] NAMES = {"fid(N)", "lin N/5..N", "quad N/5..N", "lin N/2..N", "lin max(N/5,8d)..N",
        "cubic N/5..N"};

    /** Per run: errors (estimate - L) of each estimator of {@link #NAMES}, then the curve FID(m) - L. */
    static double[] run(int n, int d, long seed, int[] curve, GaussianStats pop) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Features real = CoverageSimulation.draw(n, d, false, rnd);
        Features syn = CoverageSimulation.draw(n, d, true, rnd);
        GaussianStats rs = GaussianStats.of(real);
        double limit = Fid.compute(rs, pop, Fid.Route.SYMMETRIC).value();
        double[] out = new double[NAMES.length + curve.length];
        int[][] sub = FidInfinity.subsets(n, 15, n / 5, seed);
        double[] x = new double[15];
        double[] y = new double[15];
        for (int p = 0; p < 15; p++) {
            x[p] = 1.0 / sub[p].length;
            y[p] = Fid.compute(rs, GaussianStats.of(syn.rows(sub[p])), Fid.Route.SYMMETRIC).value();
        }
        out[0] = y[14] - limit;
        out[1] = polyfit(x, y, 1)[0] - limit;
        out[2] = polyfit(x, y, 2)[0] - limit;
        out[5] = polyfit(x, y, 3)[0] - limit;
        int[] lows = {n / 2, Math.min(n - 1, Math.max(n / 5, 8 * d))};
        for (int v = 0; v < 2; v++) {
            int[][] s2 = FidInfinity.subsets(n, 15, lows[v], seed + 17 * v + 1);
            double[] x2 = new double[15];
            double[] y2 = new double[15];
            for (int p = 0; p < 15; p++) {
                x2[p] = 1.0 / s2[p].length;
                y2[p] = Fid.compute(rs, GaussianStats.of(syn.rows(s2[p])), Fid.Route.SYMMETRIC).value();
            }
            out[3 + v] = polyfit(x2, y2, 1)[0] - limit;
        }
        SplittableRandom r2 = new SplittableRandom(seed ^ 0x5EEDL);
        for (int c = 0; c < curve.length; c++) {
            int[] rows = org.cxrbench.stats.Sampling.withoutReplacement(r2, n, curve[c]);
            out[NAMES.length + c] = Fid.compute(rs, GaussianStats.of(syn.rows(rows)), Fid.Route.SYMMETRIC).value() - limit;
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("probe.n", 5000);
        int d = Integer.getInteger("probe.d", 256);
        int runs = Integer.getInteger("probe.runs", 100);
        int threads = Integer.getInteger("probe.threads", 2);
        int[] curve = sizes(n, Math.max(d + 2, n / 10), 19);
        GaussianStats pop = syntheticPopulation(d);
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        List<Future<double[]>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long s = (1000L * n + d) * 1_000_003L + i;
            fs.add(ex.submit(() -> run(n, d, s, curve, pop)));
        }
        int k = NAMES.length + curve.length;
        double[] sum = new double[k];
        double[] sq = new double[k];
        for (Future<double[]> f : fs) {
            double[] r = f.get();
            for (int j = 0; j < k; j++) {
                sum[j] += r[j];
                sq[j] += r[j] * r[j];
            }
        }
        ex.shutdown();
        System.out.printf(Locale.ROOT, "N = %d, d = %d, %d runs, %.0f s; error = estimate - FID(real stats, synthetic "
                + "population)%n", n, d, runs, (System.nanoTime() - t0) / 1e9);
        double[] mean = new double[k];
        for (int j = 0; j < k; j++) {
            mean[j] = sum[j] / runs;
            double sd = Math.sqrt(Math.max(0, (sq[j] - runs * mean[j] * mean[j]) / (runs - 1)));
            String name = j < NAMES.length ? NAMES[j] : "curve m=" + curve[j - NAMES.length];
            System.out.printf(Locale.ROOT, "%-22s mean error %+.5f  (SE %.5f)  sd of error %.5f%n", name, mean[j],
                    sd / Math.sqrt(runs), sd);
        }
        double[] x = new double[curve.length];
        double[] y = new double[curve.length];
        for (int c = 0; c < curve.length; c++) {
            x[c] = 1.0 / curve[c];
            y[c] = mean[NAMES.length + c];
        }
        for (int deg = 1; deg <= 3; deg++) {
            double[] co = polyfit(x, y, deg);
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < curve.length; c++) {
                double f = 0;
                for (int j = deg; j >= 0; j--) {
                    f = f * x[c] + co[j];
                }
                sb.append(String.format(Locale.ROOT, " %+.4f", y[c] - f));
            }
            System.out.printf(Locale.ROOT, "mean curve, degree %d in 1/m: coefficients %s; residuals%s%n", deg,
                    java.util.Arrays.toString(co), sb);
        }
    }
}
