package org.cxrbench.fidelity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.cxrbench.linalg.Features;

/**
 * The 95% interval of a two-set fidelity statistic (FID, KID): a delete-a-group jackknife standard error and the
 * normal interval around the estimate (issue 20.1; the class keeps its historic name and entry points).
 *
 * <p>Method: each set's rows are cut at random (seeded) into G groups (for FID of exactly floor(n/G) rows, see
 * {@link #equalGroups}; for KID of near-equal size); the statistic is recomputed with one group of one set left
 * out (2G values); the variance is the sum over the two sets of (G-1)/G * sum_g (t_(g) - mean)^2 (Quenouille-Tukey jackknife, delete-a-group form: Efron &amp; Stein 1981,
 * Ann. Statist. 9:586; Kott 2001, J. Off. Stat. 17:521; Efron &amp; Tibshirani 1993, ch. 11) and the interval is
 * estimate +- 1.96 SE, cut at 0 below for statistics that cannot be negative (FID). The jackknife recomputes the
 * statistic on sets without duplicate rows, so it has none of the resampling-with-replacement bias that put the
 * old basic-bootstrap interval below FID and KID; the interval always contains its estimate.
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
 */
record Bootstrap(double[] basic, double se, int groups, String estimand) {
    /** Most groups per set: 20 gives the variance 38 degrees of freedom, so 1.96 stays a fair quantile. */
    static final int MAX_GROUPS = 20;

    static final String FID_ESTIMAND = "the expected FID at these two sample sizes for these two populations (E[FID_N]; "
            + "FID is biased upward at finite N, so this is not the population FID)";
    static final String KID_ESTIMAND = "the population KID (MMD^2 of the cubic polynomial kernel), which the unbiased "
            + "subset estimator targets at any N";

    void describe(Map<String, Object> det, List<String> warnings, String metric) {
        det.put("ci95_method", String.format(Locale.ROOT, "delete-a-group jackknife (%d random groups per set, "
                + "seeded) standard error, estimate +- 1.96 SE", groups));
        det.put("ci95_estimand", estimand);
        det.put("standard_error", se);
        det.put("jackknife_groups", groups);
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
     * FID's jackknife interval without recomputing covariances: each group's sums and scatter about a common shift
     * are formed once, and a leave-group-out mean and covariance are the totals minus the group's (equal to the
     * direct computation to round-off). Same groups and values as {@link #of} with FID as the statistic.
     */
    static Bootstrap fid(Features real, Features synthetic, int b, long seed, double estimate, Fid.Route route) {
        int[][][] g = equalGroups(real.n(), synthetic.n(), b, seed);
        GroupMoments mr = GroupMoments.of(real, g[0]);
        GroupMoments ms = GroupMoments.of(synthetic, g[1]);
        GaussianStats fr = mr.total();
        GaussianStats fs = ms.total();
        double[] v = new double[g[0].length + g[1].length];
        org.cxrbench.common.Progress.Meter meter = jackknifeMeter(v.length);
        for (int k = 0; k < v.length; k++) {
            v[k] = k < g[0].length ? Fid.compute(mr.without(k), fs, route).value()
                    : Fid.compute(fr, ms.without(k - g[0].length), route).value();
            meter.step();
        }
        return jackknife(v, g[0].length, coverageScale(real.n(), g[0]), coverageScale(synthetic.n(), g[1]), estimate,
                true, FID_ESTIMAND);
    }

    /** Progress of the 2G leave-group-out values (the run's progress stream; silent when short or quiet). */
    private static org.cxrbench.common.Progress.Meter jackknifeMeter(int values) {
        return org.cxrbench.common.Progress.current().meter("jackknife (leave-group-out values)", values, "values");
    }

    /**
     * The interval from 2G leave-group-out values laid out [real groups..., synthetic groups...] (KID's fast
     * route: {@link Kid#bootstrapMeans}); the real set has half of them.
     */
    static Bootstrap summarise(double[] v, double estimate) {
        return jackknife(v, v.length / 2, 1, 1, estimate, false, KID_ESTIMAND);
    }

    static Bootstrap jackknife(double[] v, int realGroups, double realScale, double syntheticScale, double estimate,
                               boolean nonNegative, String estimand) {
        double var = realScale * groupVariance(v, 0, realGroups) + syntheticScale * groupVariance(v, realGroups, v.length);
        double se = Math.sqrt(var);
        double lo = estimate - 1.96 * se;
        double hi = estimate + 1.96 * se;
        if (nonNegative) {
            // never below 0 (the estimand is not), nor above the estimate (a round-off FID of -1e-12 stays inside)
            lo = Math.max(Math.min(0, estimate), lo);
        }
        return new Bootstrap(new double[] {lo, hi}, se, Math.max(realGroups, v.length - realGroups), estimand);
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
