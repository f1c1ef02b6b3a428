package org.cxrbench.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.MetricResult;

/**
 * The console table of a run's filter stage: per filtered generator, images judged and kept, the count per verdict,
 * and each headline metric before filtering (metrics_unfiltered) and after (metrics). Nothing is printed when no
 * generator carries a filter block.
 */
public final class FilterConsoleTable {
    private FilterConsoleTable() {}

    static final List<String> VERDICTS = MetricInfo.VERDICTS;
    /** The fidelity headline metrics, before and after filtering. */
    static final List<String> BEFORE_AFTER = org.cxrbench.common.Metrics.headline(org.cxrbench.common.Family.FIDELITY);

    public static void print(Evaluation e, PrintStream out) {
        boolean any = e.generators().values().stream().anyMatch(g -> g.filter() != null);
        if (!any) {
            return;
        }
        List<String> keys = BEFORE_AFTER.stream().filter(k -> e.generators().values().stream()
                .anyMatch(g -> g.metrics().containsKey(k) || unfiltered(g, k) != null)).toList();
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%n%-28s %6s %6s", "filter (verdicts)", "total",
                "kept"));
        // one header per verdict column, from the same list the rows iterate (unjudged had a column and no header)
        VERDICTS.forEach(v -> h.append(String.format(Locale.ROOT, " %" + verdictWidth(v) + "s", header(v))));
        keys.forEach(k -> h.append(String.format(Locale.ROOT, "  %-" + width(k) + "s", k + " before -> after")));
        out.println(h.toString().stripTrailing());
        e.generators().forEach((name, g) -> {
            FilterCounts f = g.filter();
            if (f == null) {
                return;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s %6s %6s", name.length() > 28 ? name.substring(0, 27) + "~" : name,
                    f.total(), f.kept()));
            for (String v : VERDICTS) {
                row.append(String.format(Locale.ROOT, " %" + verdictWidth(v) + "s", f.perVerdict().getOrDefault(v, 0L)));
            }
            for (String k : keys) {
                MetricResult after = g.metrics().get(k);
                Double before = unfiltered(g, k);
                row.append(String.format(Locale.ROOT, "  %-" + width(k) + "s", (before == null ? "-" : ConsoleReport.num4(before)) + " -> "
                        + (after == null ? "-" : ConsoleReport.num4(after.value()))));
            }
            out.println(row.toString().stripTrailing());
        });
        out.flush();
    }

    /** A verdict's column header: "not-relevant" shortened to "not-rel.". */
    static String header(String verdict) {
        return verdict.equals("not-relevant") ? "not-rel." : verdict;
    }

    static int verdictWidth(String verdict) {
        return Math.max(6, header(verdict).length());
    }

    static int width(String k) {
        return Math.max(k.length() + " before -> after".length(), 22);
    }

    /** A metric's value before filtering, from the generator's typed unfiltered metrics; null when absent. */
    static Double unfiltered(Evaluation.GeneratorResult g, String k) {
        MetricResult r = g.unfiltered().get(k);
        return r == null || Double.isNaN(r.value()) ? null : r.value();
    }
}
