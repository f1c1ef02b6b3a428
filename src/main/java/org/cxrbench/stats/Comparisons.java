package org.cxrbench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores to a comparisons table: every condition other than the baseline is tested against the baseline on every
 * metric (of every data set), and the whole set of comparisons is the declared family for the correction.
 *
 * <p>Paired test: a condition's value for seed s is paired with the baseline's value for seed s; the two must have
 * exactly the same seeds, or the comparison is refused (naming the unmatched seeds). Welch: the values are two
 * independent samples. Fewer than {@value #MIN_SEEDS} seeds gives a warning (with 2-4 runs the t-test has so few
 * degrees of freedom that its CI is very wide and its p-value rests entirely on the normality assumption).
 * Errors are {@link IllegalArgumentException}s naming the condition, metric and seeds.
 */
public final class Comparisons {
    private Comparisons() {}

    /** Seeds below this give a warning (the default is 5 seeds). */
    public static final int MIN_SEEDS = 5;

    /** How to compare. */
    public record Options(String baseline, TTestKind test, Correction correction, double alpha, Alternative alternative) {
        public Options {
            if (baseline == null || baseline.isBlank()) {
                throw new IllegalArgumentException("comparisons: name the baseline condition");
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("comparisons: alpha " + alpha + " is not in (0, 1)");
            }
        }

        /** Paired, Bonferroni, alpha 0.05, alternative greater (the condition beats the baseline). */
        public static Options defaults(String baseline) {
            return new Options(baseline, TTestKind.PAIRED, Correction.BONFERRONI, 0.05, Alternative.GREATER);
        }
    }

    /** One data set's scores. */
    public static ComparisonTable compare(List<Score> scores, Options options) {
        Map<String, List<Score>> one = new LinkedHashMap<>();
        one.put("", scores);
        return compare(one, options);
    }

    /** Several data sets' scores (key: data set name); the family spans all of them. */
    public static ComparisonTable compare(Map<String, List<Score>> scoresByDataset, Options options) {
        List<Comparison> raw = new ArrayList<>();
        for (Map.Entry<String, List<Score>> e : scoresByDataset.entrySet()) {
            raw.addAll(compareDataset(e.getKey(), e.getValue(), options));
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("comparisons: no scores given");
        }
        double[] p = new double[raw.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = raw.get(i).p();
        }
        MultipleTesting.Adjusted adj = MultipleTesting.adjust(p, options.correction(), options.alpha());
        List<Comparison> out = new ArrayList<>();
        TreeSet<String> warnings = new TreeSet<>();
        for (int i = 0; i < p.length; i++) {
            Comparison c = raw.get(i);
            boolean significant = adj.reject()[i] && !c.warnings().contains(PRECISION_LOSS_WARNING);
            out.add(new Comparison(c.dataset(), c.condition(), c.baseline(), c.metric(), c.seeds(), c.conditionMean(),
                    c.baselineMean(), c.test(), adj.pAdjusted()[i], significant, c.warnings()));
            warnings.addAll(c.warnings());
        }
        return new ComparisonTable(out, out.size(), options, List.copyOf(warnings));
    }

    private static List<Comparison> compareDataset(String dataset, List<Score> scores, Options o) {
        String where = dataset.isEmpty() ? "" : "data set '" + dataset + "': ";
        // condition -> metric -> seed -> value, in first-appearance order of conditions and metrics
        Map<String, Map<String, TreeMap<Integer, Double>>> table = new LinkedHashMap<>();
        for (Score s : scores) {
            Map<Integer, Double> bySeed = table.computeIfAbsent(s.condition(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.metric(), k -> new TreeMap<>());
            if (!Double.isFinite(s.value())) {
                throw new IllegalArgumentException(where + "condition '" + s.condition() + "' seed " + s.seed()
                        + " metric '" + s.metric() + "': value " + s.value() + " is not a finite number");
            }
            if (bySeed.put(s.seed(), s.value()) != null) {
                throw new IllegalArgumentException(where + "condition '" + s.condition() + "' seed " + s.seed()
                        + " metric '" + s.metric() + "' appears twice; give one value per condition, seed and metric");
            }
        }
        Map<String, TreeMap<Integer, Double>> base = table.get(o.baseline());
        if (base == null) {
            throw new IllegalArgumentException(where + "no scores for the baseline condition '" + o.baseline()
                    + "'; the conditions are " + table.keySet());
        }
        if (table.size() < 2) {
            throw new IllegalArgumentException(where + "only the baseline condition '" + o.baseline()
                    + "' has scores; nothing to compare it with");
        }
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, TreeMap<Integer, Double>>> ce : table.entrySet()) {
            String cond = ce.getKey();
            if (cond.equals(o.baseline())) {
                continue;
            }
            for (String metric : base.keySet()) {
                if (!ce.getValue().containsKey(metric)) {
                    throw new IllegalArgumentException(where + "condition '" + cond + "' has no '" + metric
                            + "' scores but the baseline '" + o.baseline() + "' has; every condition needs every metric");
                }
            }
            for (Map.Entry<String, TreeMap<Integer, Double>> me : ce.getValue().entrySet()) {
                String metric = me.getKey();
                TreeMap<Integer, Double> b = base.get(metric);
                if (b == null) {
                    throw new IllegalArgumentException(where + "condition '" + cond + "' has '" + metric
                            + "' scores but the baseline '" + o.baseline() + "' has none");
                }
                out.add(one(dataset, where, cond, metric, me.getValue(), b, o));
            }
        }
        return out;
    }

    private static Comparison one(String dataset, String where, String cond, String metric, TreeMap<Integer, Double> c,
                                  TreeMap<Integer, Double> b, Options o) {
        if (o.test() == TTestKind.PAIRED && !c.keySet().equals(b.keySet())) {
            TreeSet<Integer> onlyC = new TreeSet<>(c.keySet());
            onlyC.removeAll(b.keySet());
            TreeSet<Integer> onlyB = new TreeSet<>(b.keySet());
            onlyB.removeAll(c.keySet());
            throw new IllegalArgumentException(where + "paired test of '" + cond + "' against '" + o.baseline()
                    + "' on '" + metric + "': unmatched seeds (only in '" + cond + "': " + onlyC + ", only in '"
                    + o.baseline() + "': " + onlyB + "); supply the missing runs or use the Welch test");
        }
        double[] cv = values(c);
        double[] bv = values(b);
        TTestResult t;
        try {
            t = o.test().run(cv, bv, o.alternative());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "'" + cond + "' against '" + o.baseline() + "' on '" + metric
                    + "': " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        int n = Math.min(c.size(), b.size());
        if (n < MIN_SEEDS) {
            warnings.add("fewer than " + MIN_SEEDS + " seeds (" + n + "): the t-test has few degrees of freedom and a wide CI");
        }
        if (Double.isNaN(t.p())) {
            warnings.add("no variation in the differences: t and p are undefined (NaN), never significant");
        } else if (precisionLoss(cv, bv, o.test())) {
            warnings.add(PRECISION_LOSS_WARNING);
        }
        return new Comparison(dataset, cond, o.baseline(), metric, List.copyOf(c.keySet()), TStatistics.mean(cv),
                TStatistics.mean(bv), t, Double.NaN, false, List.copyOf(warnings));
    }

    /** The comparison warning for scipy's precision-loss condition; such a comparison is never significant. */
    public static final String PRECISION_LOSS_WARNING = TStatistics.PRECISION_LOSS + " (scipy's warning: the "
            + "values differ only by rounding, relative spread below 1e-14, so t and p measure rounding; not counted "
            + "as significant)";

    /** scipy's check on the values whose variance the test uses: the differences (paired) or each sample. */
    static boolean precisionLoss(double[] c, double[] b, TTestKind kind) {
        if (kind == TTestKind.PAIRED) {
            double[] d = new double[c.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = c[i] - b[i];
            }
            return TStatistics.precisionLoss(d);
        }
        return TStatistics.precisionLoss(c) || TStatistics.precisionLoss(b);
    }

    private static double[] values(TreeMap<Integer, Double> m) {
        double[] v = new double[m.size()];
        int i = 0;
        for (double x : m.values()) {
            v[i++] = x;
        }
        return v;
    }
}
