package org.cxrbench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparisons of one run with the family they were corrected over. {@link #toJson()} gives the contract's Stats
 * JSON ({@code comparisons[{condition, metric, mean_diff, ci95, t, df, p, p_adjusted, significant}], family_size,
 * correction}) plus the fields that make it self-explaining (test, alternative, alpha, baseline, n, seeds, means,
 * warnings). Non-finite numbers are encoded distinctly: NaN (undefined, e.g. t when every difference is 0) as
 * null, +Infinity and -Infinity (t when the differences are constant and not 0) as the strings "Infinity" and
 * "-Infinity" (JSON has no literal for them; Jackson's {@code asDouble()} and Python's {@code float()} read them
 * back as infinities).
 */
public record ComparisonTable(List<Comparison> comparisons, int familySize, Comparisons.Options options,
                              List<String> warnings) {

    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (!c.dataset().isEmpty()) {
                r.put("dataset", c.dataset());
            }
            r.put("condition", c.condition());
            r.put("metric", c.metric());
            r.put("mean_diff", num(c.meanDiff()));
            r.put("ci95", java.util.Arrays.asList(num(c.test().ciLow()), num(c.test().ciHigh())));
            r.put("t", num(c.test().t()));
            r.put("df", num(c.test().df()));
            r.put("p", num(c.p()));
            r.put("p_adjusted", num(c.pAdjusted()));
            r.put("significant", c.significant());
            r.put("baseline", c.baseline());
            r.put("n", c.test().n());
            r.put("n_baseline", c.test().nBaseline());
            r.put("seeds", c.seeds());
            r.put("condition_mean", num(c.conditionMean()));
            r.put("baseline_mean", num(c.baselineMean()));
            r.put("warnings", c.warnings());
            rows.add(r);
        }
        root.put("comparisons", rows);
        root.put("family_size", familySize);
        root.put("correction", options.correction().key());
        root.put("alpha", options.alpha());
        root.put("test", options.test().key());
        root.put("alternative", options.alternative().key());
        root.put("baseline", options.baseline());
        root.put("ci95_note", "two-sided 95% CI of mean_diff (condition - baseline) from the test's t distribution,"
                + " also for one-sided tests");
        root.put("warnings", warnings);
        return root;
    }

    /** A fixed-width table for stdout. */
    public String text() {
        boolean datasets = comparisons.stream().anyMatch(c -> !c.dataset().isEmpty());
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s t-tests against '%s' (alternative: %s), %s over a family of %d, alpha %s; 95%% CI two-sided%n",
                options.test().key(), options.baseline(), options.alternative().key(), options.correction().key(),
                familySize, options.alpha()));
        List<String[]> rows = new ArrayList<>();
        rows.add(datasets
                ? new String[] {"dataset", "condition", "metric", "n", "mean_diff", "95% CI", "t", "df", "p", "p_adj", "sig"}
                : new String[] {"condition", "metric", "n", "mean_diff", "95% CI", "t", "df", "p", "p_adj", "sig"});
        for (Comparison c : comparisons) {
            List<String> r = new ArrayList<>();
            if (datasets) {
                r.add(c.dataset());
            }
            r.add(c.condition());
            r.add(c.metric());
            r.add(Integer.toString(c.test().n()));
            r.add(fmt("%.4f", c.meanDiff()));
            r.add("[" + fmt("%.4f", c.test().ciLow()) + ", " + fmt("%.4f", c.test().ciHigh()) + "]");
            r.add(fmt("%.3f", c.test().t()));
            r.add(fmt("%.2f", c.test().df()));
            r.add(fmt("%.3g", c.p()));
            r.add(fmt("%.3g", c.pAdjusted()));
            r.add(c.significant() ? "yes" : "no");
            rows.add(r.toArray(String[]::new));
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, i < (datasets ? 3 : 2) ? "%-" + w[i] + "s" : "%" + w[i] + "s", r[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** A JSON value for a number: itself if finite, "Infinity" / "-Infinity" for infinities, null for NaN. */
    static Object num(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return v;
    }

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, f, v);
    }
}
