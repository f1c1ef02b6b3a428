package org.cxrbench.stats;

import org.cxrbench.common.StatsResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cxrbench.common.ComparisonRow;

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

    /** The contract's Stats JSON of this table (without the stats command's family and provenance fields). */
    public StatsResult toJson() {
        return new StatsResult(rows(), familySize, options.correction().key(), options.alpha(), options.test().key(),
                options.alternative().key(), options.baseline(), StatsResult.CI95_NOTE, warnings, null, null, null);
    }

    /** The comparisons as result rows (the data set named when the table has several). */
    public List<ComparisonRow> rows() {
        List<ComparisonRow> rows = new ArrayList<>();
        for (Comparison c : comparisons) {
            rows.add(new ComparisonRow(c.dataset().isEmpty() ? null : c.dataset(), c.condition(), c.metric(),
                    ComparisonRow.num(c.meanDiff()), ComparisonRow.bounds(c.test().ciLow(), c.test().ciHigh()),
                    ComparisonRow.num(c.test().t()), ComparisonRow.num(c.test().df()), ComparisonRow.num(c.p()),
                    ComparisonRow.num(c.pAdjusted()), c.significant(), c.baseline(), c.test().n(), c.test().nBaseline(),
                    c.seeds(), ComparisonRow.num(c.conditionMean()), ComparisonRow.num(c.baselineMean()), c.warnings()));
        }
        return rows;
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

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, f, v);
    }
}
