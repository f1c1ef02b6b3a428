package org.cxrbench.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Bonferroni and Holm adjustments over a declared family, following statsmodels' {@code multipletests}
 * ({@code method="bonferroni"} / {@code "holm"}): the adjusted p-values are returned in the input order, clipped at 1.
 *
 * <p>The family is every comparison the run declared (every condition x metric x data set), and its size m counts
 * them all, including a comparison whose p is NaN (e.g. all differences zero): such an entry keeps p_adj = NaN, is
 * never rejected, and in Holm's ordering sorts after every finite p (as if p = 1), so the others are not favoured
 * by dropping it.
 */
public final class MultipleTesting {
    private MultipleTesting() {}

    /** The adjustment and decisions for one family. */
    public record Adjusted(Correction correction, int familySize, double alpha, double[] pRaw, double[] pAdjusted,
                           boolean[] reject) {}

    public static Adjusted adjust(double[] p, Correction correction, double alpha) {
        check(p, alpha);
        return switch (correction) {
            case BONFERRONI -> new Adjusted(correction, p.length, alpha, p.clone(), bonferroni(p), bonferroniReject(p, alpha));
            case HOLM -> new Adjusted(correction, p.length, alpha, p.clone(), holm(p), holmReject(p, alpha));
            case NONE -> {
                boolean[] r = new boolean[p.length];
                for (int i = 0; i < p.length; i++) {
                    r[i] = p[i] <= alpha;
                }
                yield new Adjusted(correction, p.length, alpha, p.clone(), p.clone(), r);
            }
        };
    }

    /** min(1, m p) for each p; NaN stays NaN. */
    public static double[] bonferroni(double[] p) {
        check(p, 0.05);
        int m = p.length;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = Math.min(1.0, m * p[i]);
        }
        return out;
    }

    /** statsmodels' rule: reject iff p &lt;= alpha / m. */
    public static boolean[] bonferroniReject(double[] p, double alpha) {
        check(p, alpha);
        boolean[] r = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = p[i] <= alpha / p.length;
        }
        return r;
    }

    /** Holm's step-down adjusted p-values, in the input order. */
    public static double[] holm(double[] p) {
        check(p, 0.05);
        int m = p.length;
        Integer[] order = ascending(p);
        double[] out = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            if (Double.isNaN(p[i])) {
                out[i] = Double.NaN;
                continue;
            }
            running = Math.max(running, Math.min(1.0, (m - k) * p[i]));
            out[i] = running;
        }
        return out;
    }

    /** Holm's decisions: walk up the sorted p while p(k) &lt;= alpha / (m - k) (k from 0); reject those before the first failure. */
    public static boolean[] holmReject(double[] p, double alpha) {
        check(p, alpha);
        int m = p.length;
        Integer[] order = ascending(p);
        boolean[] r = new boolean[m];
        for (int k = 0; k < m; k++) {
            int i = order[k];
            if (!(p[i] <= alpha / (m - k))) {
                break;
            }
            r[i] = true;
        }
        return r;
    }

    private static Integer[] ascending(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        // stable sort; NaN after every number (Double.compare puts NaN last)
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        return order;
    }

    private static void check(double[] p, double alpha) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException("multiple testing: the family is empty (family size 0); declare at least one comparison");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("multiple testing: alpha " + alpha + " is not in (0, 1)");
        }
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i]) && (p[i] < 0 || p[i] > 1)) {
                throw new IllegalArgumentException("multiple testing: p[" + i + "] = " + p[i] + " is not in [0, 1]");
            }
        }
    }
}
