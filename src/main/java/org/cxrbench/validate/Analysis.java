package org.cxrbench.validate;

import java.util.ArrayList;
import java.util.List;
import org.cxrbench.common.Direction;
import org.cxrbench.common.Metrics;
import org.cxrbench.stats.Percentiles;

/**
 * Turns the whole-set values and the half-sample values of every (flaw, strength) into result rows and verdicts.
 *
 * <p>Intervals (estimand: the metric of a set of this size drawn like this one, against this reference half): the
 * sets are half-sampled R times without replacement; a half-sample statistic's spread around its mean matches the
 * whole sample's sampling spread (variance (1/m - 1/n) s² = s²/n at m = n/2; McCarthy 1969), and half-sampling
 * never duplicates an image, which would shrink the k-NN radii of precision/recall/density/coverage and bias every
 * with-replacement bootstrap of them. The interval is the whole-set estimate plus the 2.5% and 97.5% quantiles of
 * the half-sample values' deviations from their mean, so it always contains the estimate.
 *
 * <p>Detection: the same half-samples index every set (row i of a flawed set is made from holdout image i), so the
 * difference to the floor is paired. A strength is detected when the interval of (value - floor), signed so that
 * the registry's bad direction is positive, lies above 0 at level 1 - 0.05/4 (Bonferroni over the 4 strengths of one
 * (flaw, metric, encoder) question). {@code direction_ok}: Spearman's rank correlation of the signed value with the
 * strength (0..4) is positive. Verdict: {@code detected} (at the smallest detected strength), {@code wrong-direction}
 * (some strength significantly better than the floor and none worse), else {@code not-detected}.
 */
final class Analysis {
    private Analysis() {}

    static final double LEVEL = 0.95;
    static final double DETECTION_LEVEL = 1 - 0.05 / Flaw.STRENGTHS;

    record Row(Flaw flaw, int strength, String encoder, String metric, double value, double[] ci95, double floor,
               double[] floorCi95, double difference, double[] differenceCi, int n) {}

    record Verdict(Flaw flaw, String encoder, String metric, String direction, double spearman, boolean directionOk,
                   Integer detectedAt, String verdict, double[] signedEffect, boolean expected) {}

    /** estimate + (quantiles of deviations of the half-sample values from their mean). */
    static double[] interval(double estimate, double[] halves, double level) {
        double mean = 0;
        for (double h : halves) {
            mean += h / halves.length;
        }
        double tail = (1 - level) / 2;
        return new double[] {estimate + Percentiles.linear(halves, tail) - mean,
            estimate + Percentiles.linear(halves, 1 - tail) - mean};
    }

    /** +1 when higher values are worse (a lower-is-better metric), -1 when lower values are worse. */
    static int badSign(String metric) {
        return Metrics.get(metric).direction() == Direction.HIGHER ? -1 : +1;
    }

    /**
     * @param values [strength][metric] whole-set values (strength 0: the holdout)
     * @param halves [strength][resample][metric] half-sample values
     */
    static List<Row> rows(Flaw f, String encoder, List<String> metrics, double[][] values, double[][][] halves, int n) {
        List<Row> out = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            double[] floorHalves = column(halves[0], m);
            double[] floorCi = interval(values[0][m], floorHalves, LEVEL);
            for (int s = 0; s < values.length; s++) {
                double[] h = column(halves[s], m);
                double[] d = new double[h.length];
                for (int r = 0; r < h.length; r++) {
                    d[r] = h[r] - floorHalves[r];
                }
                double diff = values[s][m] - values[0][m];
                out.add(new Row(f, s, encoder, metrics.get(m), values[s][m], interval(values[s][m], h, LEVEL),
                        values[0][m], floorCi, diff, s == 0 ? new double[] {0, 0} : interval(diff, d, DETECTION_LEVEL), n));
            }
        }
        return out;
    }

    static double[] column(double[][] a, int m) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][m];
        }
        return c;
    }

    static Verdict verdict(Flaw f, String encoder, String metric, List<Row> curve) {
        int sign = badSign(metric);
        double[] signed = new double[curve.size()];
        double[] strength = new double[curve.size()];
        Integer detected = null;
        boolean worse = false;
        boolean better = false;
        double[] effect = new double[curve.size()];
        for (int i = 0; i < curve.size(); i++) {
            Row r = curve.get(i);
            strength[i] = r.strength();
            signed[i] = sign * r.value();
            double lo = sign > 0 ? r.differenceCi()[0] : -r.differenceCi()[1];
            double hi = sign > 0 ? r.differenceCi()[1] : -r.differenceCi()[0];
            double half = Math.max(1e-12, (r.floorCi95()[1] - r.floorCi95()[0]) / 2);
            effect[i] = sign * r.difference() / half;
            if (r.strength() > 0 && lo > 0) {
                worse = true;
                if (detected == null) {
                    detected = r.strength();
                }
            }
            if (r.strength() > 0 && hi < 0) {
                better = true;
            }
        }
        double rho = spearman(strength, signed);
        String v = detected != null ? "detected" : better ? "wrong-direction" : "not-detected";
        if (!worse && better) {
            v = "wrong-direction";
        }
        return new Verdict(f, encoder, metric, sign > 0 ? "lower" : "higher", rho, rho > 0, detected, v, effect,
                f.expects(Metrics.get(metric).family()));
    }

    /** Spearman's rho: Pearson correlation of mid-ranks (NaN when either side is constant). */
    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += rx[i] / x.length;
            my += ry[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    /**
     * Wilson score interval for a binomial share k/n at 95% (Wilson 1927): (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²))
     * / (1 + z²/n), z = 1.959964.
     */
    static double[] wilson(int k, int n) {
        return org.cxrbench.stats.Proportions.wilson(k, n);
    }
}
