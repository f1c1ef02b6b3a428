package org.cxrbench.fidelity;

import java.util.Arrays;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.cxrbench.common.MetricDetails;
import org.cxrbench.linalg.Features;

/**
 * The 95% interval of a two-set fidelity statistic (FID, KID): a delete-a-group jackknife standard error and the
 * normal interval around the estimate (issue 20.1; the class keeps its historic name and entry points). PRDC's four
 * intervals use a two-part delete-d jackknife variance instead ({@link #prdc}).
 *
 * <p>Method: each set's rows are cut at random (seeded) into G groups (for FID of exactly floor(n/G) rows, see
 * {@link #equalGroups}; for KID of near-equal size); the statistic is recomputed with one group of one set left
 * out (2G values); the variance is the sum over the two sets of (G-1)/G * sum_g (t_(g) - mean)^2 (Quenouille-Tukey
 * jackknife, delete-a-group form: Efron &amp; Stein 1981, Ann. Statist. 9:586; Kott 2001, J. Off. Stat. 17:521;
 * Efron &amp; Tibshirani 1993, ch. 11). FID's and KID's variances are that jackknife less its second-order excess,
 * estimated from balanced half-samples ({@link #fid}, {@link #kid}, {@link HalfSamples}), and their intervals
 * estimate +- t_{G-1} SE, FID's cut at 0 below. The jackknife recomputes the statistic on sets without
 * duplicate rows, so it has none of the resampling-with-replacement bias that put the old basic-bootstrap
 * interval below FID and KID; the interval always contains its estimate.
 *
 * <p>Estimand: the expectation of the estimator at these sample sizes for these two populations, E[FID_N] for FID
 * (FID is biased upward at finite N, so this is "FID at this N", not the population FID) and the population
 * MMD^2 for KID (its U-statistic is unbiased at every N). Coverage is measured by simulation with known truth in
 * {@code FidelityCoverageSimulation} (tables in metrics/fid.md and metrics/kid.md).
 *
 * @param basic    the 95% interval [lo, hi] (named for the results' {@code ci95}; no longer a basic bootstrap)
 * @param se       the jackknife standard error
 * @param groups   G, the groups per set
 * @param estimand what the interval covers, in words
 * @param jackknifeVariance the variance, SE squared (for FID the corrected jackknife variance)
 * @param method   how the interval was formed, in words (null: the delete-a-group jackknife of G groups per set)
 */
record Bootstrap(double[] basic, double se, int groups, String estimand, double jackknifeVariance,
                 String method) {
    /** Most groups per set: 20 gives the variance 38 degrees of freedom, so 1.96 stays a fair quantile. */
    static final int MAX_GROUPS = 20;

    static final String FID_ESTIMAND = "the expected FID at these two sample sizes for these two populations (E[FID_N]; "
            + "FID is biased upward at finite N, so this is not the population FID)";
    static final String KID_ESTIMAND = "the population KID (MMD^2 of the cubic polynomial kernel), which the unbiased "
            + "subset estimator targets at any N";

    /** The metric's diagnostics with this interval's description: estimand, method, standard error and groups. */
    MetricDetails describe(MetricDetails det) {
        return det.withJackknife(estimand, method != null ? method : String.format(Locale.ROOT, "delete-a-group jackknife "
                + "(%d random groups per set, seeded) standard error, estimate +- 1.96 SE", groups), se, groups);
    }

    /** Group of each row (-1: in no group, never left out). */
    static int[] groupOf(int n, int[][] groups) {
        int[] g = new int[n];
        Arrays.fill(g, -1);
        for (int k = 0; k < groups.length; k++) {
            for (int r : groups[k]) {
                g[r] = k;
            }
        }
        return g;
    }

    /** Groups per set for a requested {@code --bootstrap b} (b > 0: an interval is wanted) and a set of n rows. */
    static int groupCount(int b, int n) {
        return Math.max(2, Math.min(Math.min(b, MAX_GROUPS), n));
    }

    /** Each set's rows cut into G groups of near-equal size at random, from one seeded stream (real set first). */
    static int[][] groups(int n, int g, SplittableRandom rnd) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[][] out = new int[g][];
        for (int k = 0; k < g; k++) {
            int lo = (int) ((long) n * k / g);
            int hi = (int) ((long) n * (k + 1) / g);
            out[k] = java.util.Arrays.copyOfRange(perm, lo, hi);
            java.util.Arrays.sort(out[k]);
        }
        return out;
    }

    /** The groups of both sets for a seed, the same count G for both: [0] real, [1] synthetic. */
    static int[][][] groups(int nReal, int nSynthetic, int b, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int g = groupCount(b, Math.min(nReal, nSynthetic));
        int[][] r = groups(nReal, g, rnd);
        int[][] s = groups(nSynthetic, g, rnd);
        return new int[][][] {r, s};
    }

    /**
     * FID's groups: G groups of exactly floor(n/G) rows each, at random; the n mod G rows left over are never left
     * out, and each set's variance is scaled by n / (G floor(n/G)) for them. Equal sizes matter for FID: its
     * expectation falls steeply with N when N is near d, so leave-outs of 7 and of 8 rows would differ by that
     * trend alone and inflate the variance (at N = 150, d = 256 the interval covered in 100% of runs instead of
     * 95%).
     */
    static int[][][] equalGroups(int nReal, int nSynthetic, int b, long seed) {
        int[][][] g = groups(nReal, nSynthetic, b, seed);
        return new int[][][] {trim(g[0], nReal), trim(g[1], nSynthetic)};
    }

    /** Each group cut to floor(n/G) rows (the groups come from one random permutation, so the cut is at random). */
    static int[][] trim(int[][] groups, int n) {
        int k = n / groups.length;
        int[][] out = new int[groups.length][];
        for (int i = 0; i < groups.length; i++) {
            out[i] = java.util.Arrays.copyOf(groups[i], k);
        }
        return out;
    }

    /** n / (rows in the groups): the variance share of the rows that are never left out. */
    static double coverageScale(int n, int[][] groups) {
        int c = 0;
        for (int[] g : groups) {
            c += g.length;
        }
        return (double) n / c;
    }

    /** The rows 0..n-1 without {@code group} (sorted), in order. */
    static int[] without(int n, int[] group) {
        int[] keep = new int[n - group.length];
        int gi = 0;
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (gi < group.length && group[gi] == i) {
                gi++;
            } else {
                keep[c++] = i;
            }
        }
        return keep;
    }

    /**
     * The generic jackknife interval: {@code stat} on (real without group g, synthetic) for each real group, then
     * on (real, synthetic without group g) for each synthetic group. Estimand: E[stat] at these sizes.
     */
    static Bootstrap of(Features real, Features synthetic, int b, long seed, double estimate,
                        ToDoubleFunction<Features[]> stat) {
        int[][][] g = equalGroups(real.n(), synthetic.n(), b, seed);
        double[] v = new double[g[0].length + g[1].length];
        org.cxrbench.common.Progress.Meter meter = jackknifeMeter(v.length);
        for (int k = 0; k < g[0].length; k++) {
            v[k] = stat.applyAsDouble(new Features[] {real.rows(without(real.n(), g[0][k])), synthetic});
            meter.step();
        }
        for (int k = 0; k < g[1].length; k++) {
            v[g[0].length + k] = stat.applyAsDouble(new Features[] {real, synthetic.rows(without(synthetic.n(), g[1][k]))});
            meter.step();
        }
        return jackknife(v, g[0].length, coverageScale(real.n(), g[0]), coverageScale(synthetic.n(), g[1]), estimate,
                true, FID_ESTIMAND);
    }

    /**
     * FID's interval (metrics/fid.md). Each set is cut into G groups ({@link #fidGroupCount}: 20 for
     * {@code --bootstrap} &gt;= 20 and sets of 20+ rows; an order with a Hadamard design). P is the delete-a-group
     * jackknife variance over both sets (2G FIDs, one group of one set left out); it counts the second-order part
     * V2 of FID's variance about twice (Efron &amp; Stein 1981), which made the interval conservative near N ~ d.
     * Over G paired units (real group g with synthetic group g) the paired delete-1 variance Q1 (G FIDs) and the
     * balanced half-sample variance Qh (2(G-1) FIDs) have the same first-order part exactly and differ by
     * (a_h - a_1) V2 (Shao &amp; Wu 1989), so SE^2 = P - c (Qh - Q1) ({@link HalfSamples#corrected}; 5G - 2 FIDs in
     * all). The interval is estimate +- t_{G-1} SE (Kott 2001's quantile for a delete-a-group jackknife), cut at
     * 0 below; it always holds the estimate. Leave-outs and halves come from group moments (totals minus the
     * groups' scatter), equal to the direct computation to round-off.
     */
    static Bootstrap fid(Features real, Features synthetic, int b, long seed, double estimate, Fid.Route route) {
        double[] v = fidVariances(real, synthetic, b, seed, route);
        int g = (int) v[3];
        double var = fidVariance(v);
        double t = org.cxrbench.stats.TStatistics.quantile(0.975, g - 1);
        double se = Math.sqrt(var);
        double lo = Math.max(Math.min(0, estimate), estimate - t * se);
        String method = String.format(Locale.ROOT, "delete-a-group jackknife (%d random groups per set, seeded) less "
                + "its second-order excess, estimated from the paired (real group g with synthetic group g) delete-1 "
                + "jackknife and %d balanced half-samples (Efron & Stein 1981; Shao & Wu 1989; McCarthy 1969); "
                + "estimate +- t_%d SE = %.3f SE", g, Double.isNaN(v[2]) ? 0 : 2 * (g - 1), g - 1, t);
        return new Bootstrap(new double[] {lo, estimate + t * se}, se, g, FID_ESTIMAND, var, method);
    }

    /**
     * FID's variance from {@link #fidVariances} {P, Q1, Qh, G}: P - (a_1 - 1)(Qh - Q1) / (a_h - a_1) within
     * [P / a_1, P] ({@link HalfSamples}); P alone when G has no half-sample design.
     */
    static double fidVariance(double[] v) {
        if (Double.isNaN(v[2])) {
            return v[0];
        }
        return HalfSamples.corrected(v[0], v[1], v[2], (int) v[3]);
    }

    /** FID's groups per set for {@code --bootstrap b}: the largest Hadamard order 4, 8, 12, 16 or 20 within reach. */
    static int fidGroupCount(int b, int n) {
        int g = groupCount(b, n);
        return g < 4 ? g : 4 * (g / 4);
    }

    /**
     * FID's variance estimates {Q1, Qh (NaN when G &lt; 4), G}: the paired delete-1 jackknife variance
     * (G-1)/G sum_u (F_(u) - mean)^2 times the mean of the sets' scales n / (rows in groups), and the half-sample
     * variance (1/M) sum_s (F_s - mean)^2 over the M = 2(G-1) balanced half-samples (rows in no group left out of
     * both halves) times the mean of the inverse scales (a half-sample variance estimates the variance at the
     * grouped rows only).
     */
    static double[] fidVariances(Features real, Features synthetic, int b, long seed, Fid.Route route) {
        int gc = fidGroupCount(b, Math.min(real.n(), synthetic.n()));
        int[][][] g = equalGroups(real.n(), synthetic.n(), gc, seed);
        GroupMoments mr = GroupMoments.of(real, g[0]);
        GroupMoments ms = GroupMoments.of(synthetic, g[1]);
        int units = g[0].length;
        boolean[][] halves = HalfSamples.balanced(units);
        org.cxrbench.common.Progress.Meter meter = jackknifeMeter(3 * units + (halves == null ? 0 : halves.length));
        GaussianStats fr = mr.total();
        GaussianStats fs = ms.total();
        double[] v = new double[2 * units];
        double[] paired = new double[units];
        for (int k = 0; k < units; k++) {
            GaussianStats wr = mr.without(k);
            GaussianStats ws = ms.without(k);
            v[k] = Fid.compute(wr, fs, route).value();
            v[units + k] = Fid.compute(fr, ws, route).value();
            paired[k] = Fid.compute(wr, ws, route).value();
            meter.step();
            meter.step();
            meter.step();
        }
        double rs = coverageScale(real.n(), g[0]);
        double ss = coverageScale(synthetic.n(), g[1]);
        double p = rs * groupVariance(v, 0, units) + ss * groupVariance(v, units, 2 * units);
        double q1 = (rs + ss) / 2 * groupVariance(paired, 0, units);
        double qh = Double.NaN;
        if (halves != null) {
            double[] t = new double[halves.length];
            for (int s = 0; s < halves.length; s += 2) {
                GaussianStats[] hr = mr.halfAndRest(halves[s]);
                GaussianStats[] hs = ms.halfAndRest(halves[s]);
                t[s] = Fid.compute(hr[0], hs[0], route).value();
                t[s + 1] = Fid.compute(hr[1], hs[1], route).value();
                meter.step();
                meter.step();
            }
            qh = (1 / rs + 1 / ss) / 2 * HalfSamples.variance(t);
        }
        return new double[] {p, q1, qh, units};
    }

    /** Progress of the 2G leave-group-out values (the run's progress stream; silent when short or quiet). */
    private static org.cxrbench.common.Progress.Meter jackknifeMeter(int values) {
        return org.cxrbench.common.Progress.current().meter("jackknife (leave-group-out values)", values, "values");
    }

    /**
     * KID's interval (metrics/kid.md), FID's method ({@link #fid}) on KID's fixed subsets: every jackknife value is
     * KID with some units' rows removed from every subset of the estimate ({@link Kid#leaveOutMeans}). G =
     * {@link #fidGroupCount}; P the per-set delete-a-group jackknife (2G values), Q1 the paired delete-1 jackknife
     * (G), Qh the balanced half-sample variance (2(G-1)); SE^2 = P - c (Qh - Q1) ({@link HalfSamples#corrected};
     * P alone when G has no half-sample design or a half leaves a subset under 2 rows of a set); estimate +-
     * t_{G-1} SE, not cut at 0 (KID's unbiased estimate can be negative). The groups are those of the plain
     * jackknife ({@link #groups}, all rows, near-equal sizes: KID is unbiased at every size, so unequal leave-outs
     * add no trend).
     */
    static Bootstrap kid(Features real, Features synthetic, int b, long seed, String rule, int m, int count,
                         double estimate) {
        double[] v = kidVariances(real, synthetic, b, seed, rule, m, count);
        int g = (int) v[3];
        double var = fidVariance(v);
        double t = org.cxrbench.stats.TStatistics.quantile(0.975, g - 1);
        double se = Math.sqrt(var);
        String method = String.format(Locale.ROOT, "delete-a-group jackknife (%d random groups per set, seeded; each "
                + "left-out group's rows removed from every subset) less its second-order excess, estimated from the "
                + "paired (real group g with synthetic group g) delete-1 jackknife and %d balanced half-samples "
                + "(Efron & Stein 1981; Shao & Wu 1989; McCarthy 1969); estimate +- t_%d SE = %.3f SE", g,
                Double.isNaN(v[2]) ? 0 : 2 * (g - 1), g - 1, t);
        return new Bootstrap(new double[] {estimate - t * se, estimate + t * se}, se, g, KID_ESTIMAND, var, method);
    }

    /**
     * KID's variance parts {P, Q1, Qh (NaN without a half-sample design or when a half's value is undefined), G}
     * from 5G - 2 leave-out KIDs (98 at G = 20), all groups' rows in units (no scale for left-over rows).
     */
    static double[] kidVariances(Features real, Features synthetic, int b, long seed, String rule, int m, int count) {
        int gc = fidGroupCount(b, Math.min(real.n(), synthetic.n()));
        int[][][] g = groups(real.n(), synthetic.n(), gc, seed);
        int units = g[0].length;
        boolean[][] halves = HalfSamples.balanced(units);
        double[] v = Kid.leaveOutMeans(real, synthetic, g, Kid.subsets(rule, real.n(), synthetic.n(), m, count, seed),
                Kid.removals(units, halves));
        double p = groupVariance(v, 0, units) + groupVariance(v, units, 2 * units);
        double q1 = halves == null ? Double.NaN : groupVariance(v, 2 * units, 3 * units);
        double qh = Double.NaN;
        if (halves != null) {
            double[] t = Arrays.copyOfRange(v, 3 * units, v.length);
            qh = Arrays.stream(t).anyMatch(Double::isNaN) ? Double.NaN : HalfSamples.variance(t);
        }
        return new double[] {p, q1, qh, units};
    }

    /** (1/B) sum (v - mean)^2, summed in index order. */
    static double meanSquare(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / v.length;
    }

    /** The interval from the leave-one-group-out values of both sets, laid out [real groups..., synthetic groups...]. */
    static Bootstrap jackknife(double[] v, int realGroups, double realScale, double syntheticScale, double estimate,
                               boolean nonNegative, String estimand) {
        double jack = realScale * groupVariance(v, 0, realGroups) + syntheticScale * groupVariance(v, realGroups, v.length);
        return jackknife(jack, Math.max(realGroups, v.length - realGroups), estimate, nonNegative, estimand, null);
    }

    /**
     * estimate +- 1.96 sqrt(variance); {@code nonNegative}: cut at 0 below, never above the estimate (a round-off
     * FID of -1e-12 stays inside).
     */
    static Bootstrap jackknife(double variance, int groups, double estimate, boolean nonNegative, String estimand,
                               String method) {
        double se = Math.sqrt(variance);
        double lo = estimate - 1.96 * se;
        double hi = estimate + 1.96 * se;
        if (nonNegative) {
            lo = Math.max(Math.min(0, estimate), lo);
        }
        return new Bootstrap(new double[] {lo, hi}, se, groups, estimand, variance, method);
    }

    /** (G-1)/G * sum (v_g - mean)^2 over v[from, to). */
    static double groupVariance(double[] v, int from, int to) {
        int g = to - from;
        if (g < 2) {
            return 0;
        }
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += v[i] / g;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (v[i] - mean) * (v[i] - mean);
        }
        return s * (g - 1) / g;
    }
}
