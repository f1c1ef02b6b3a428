package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.FilterCounts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Tables of what the quality filter kept and removed, per verdict and (when written) per verdict and pathology. */
final class FilterTable {
    private FilterTable() {}

    static void render(StringBuilder b, List<NamedResult> gens) {
        Set<String> verdicts = new LinkedHashSet<>(MetricInfo.VERDICTS);
        gens.forEach(g -> verdicts.addAll(g.filter().perVerdict().keySet()));
        b.append("<div class=\"scroll\"><table><tr><th class=\"name\">generator</th><th>kept</th><th>removed</th>");
        verdicts.forEach(v -> b.append("<th>").append(Html.esc(v)).append("</th>"));
        b.append("</tr>");
        for (NamedResult g : gens) {
            FilterCounts f = g.filter();
            b.append("<tr><td class=\"name\">").append(Html.esc(g.name())).append("</td><td>")
                    .append(f.kept()).append("</td><td>")
                    .append(f.removed()).append("</td>");
            verdicts.forEach(v -> b.append("<td>").append(f.perVerdict().containsKey(v) ? f.perVerdict().get(v) : "–")
                    .append("</td>"));
            b.append("</tr>");
        }
        b.append("</table></div>\n");
        long withLabels = gens.stream().filter(g -> !g.filter().perVerdictAndLabel().isEmpty()).count();
        if (withLabels == 0) {
            return;
        }
        b.append("<details><summary>images per verdict and pathology (").append(withLabels)
                .append(withLabels == 1 ? " generator" : " generators").append(")</summary>\n");
        for (NamedResult g : gens) {
            var by = g.filter().perVerdictAndLabel();
            if (by.isEmpty()) {
                continue;
            }
            Set<String> labels = new TreeSet<>();
            by.values().forEach(m -> labels.addAll(m.keySet()));
            b.append("<p>").append(Html.esc(g.name())).append(": images per verdict and pathology</p>")
                    .append("<div class=\"scroll\"><table><tr><th class=\"name\">verdict</th>");
            labels.forEach(l -> b.append("<th>").append(Html.esc(l)).append("</th>"));
            b.append("</tr>");
            by.forEach((v, m) -> {
                b.append("<tr><td class=\"name\">").append(Html.esc(v)).append("</td>");
                labels.forEach(l -> b.append("<td>").append(m.containsKey(l) ? m.get(l) : 0).append("</td>"));
                b.append("</tr>");
            });
            b.append("</table></div>\n");
        }
        b.append("</details>\n");
    }

    /**
     * " (−12%)": the change relative to the value before, only when both values are positive. A metric that can be
     * zero or negative (the unbiased KID, a difference) has no meaningful ratio: near zero it reads "−4336%"; there
     * the absolute change alone is written.
     */
    static String relativeChange(double before, double after) {
        if (!(before > 0 && after > 0)) {
            return "";
        }
        double d = after - before;
        return " (" + (d < 0 ? "−" : "+") + Format.percent(Math.abs(d / before)) + ")";
    }

    /**
     * Fidelity before and after the filter: per generator with "metrics_unfiltered", each scalar metric written in
     * both maps as unfiltered -> filtered with the change, marked better or worse by the metric's direction.
     */
    static void beforeAfter(StringBuilder b, List<NamedResult> gens) {
        List<NamedResult> with = gens.stream().filter(g -> g.filter() != null && !g.unfiltered().isEmpty())
                .toList();
        if (with.isEmpty()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (NamedResult g : with) {
            g.unfiltered().forEach((k, e) -> {
                MetricResult f = g.metric(k);
                if (f != null && f.hasValue() && e.hasValue() && "fidelity".equals(MetricInfo.family(k))) {
                    keys.add(k);
                }
            });
        }
        List<String> cols = keys.stream().sorted(java.util.Comparator.comparingInt(MetricInfo::order)).toList();
        b.append("<h3>Fidelity before and after filtering</h3><div class=\"scroll\"><table><tr><th class=\"name\">")
                .append("generator</th><th>images (all → kept)</th>");
        cols.forEach(k -> b.append("<th>").append(Html.metricHeader(k, MetricInfo.direction(k))).append("</th>"));
        b.append("</tr>");
        for (NamedResult g : with) {
            FilterCounts f = g.filter();
            b.append("<tr><td class=\"name\">").append(Html.esc(g.name())).append("</td><td class=\"n\">")
                    .append(f.total()).append(" → ").append(f.kept())
                    .append("</td>");
            for (String k : cols) {
                MetricResult before = g.unfiltered().get(k);
                MetricResult after = g.metric(k);
                if (before == null || after == null || !before.hasValue() || !after.hasValue()) {
                    b.append("<td>–</td>");
                    continue;
                }
                double d = after.value() - before.value();
                boolean better = after.lowerIsBetter() ? d < 0 : after.higherIsBetter() && d > 0;
                boolean worse = after.lowerIsBetter() ? d > 0 : after.higherIsBetter() && d < 0;
                b.append("<td").append(better ? " class=\"up\"" : worse ? " class=\"down\"" : "").append(">")
                        .append(Html.esc(Format.number(before.value()))).append(" → <b>")
                        .append(Html.esc(Format.number(after.value()))).append("</b><br><span class=\"ci\">")
                        .append(Html.esc(Format.signed(d)))
                        .append(relativeChange(before.value(), after.value()))
                        .append(better ? " better" : worse ? " worse" : "").append("</span></td>");
            }
            b.append("</tr>");
        }
        b.append("</table></div>\n<p class=\"note\">Each cell: the metric on all of the generator's images → on the ")
                .append("images the filter kept, then the change (absolute; relative too when both values are positive; ")
                .append("green: better by the metric's direction, red: worse). ")
                .append("The filtered set is smaller: FID and KID estimates move with N (FID is biased upwards at small ")
                .append("N), so compare a change with the CIs in the main table before crediting the filter.</p>\n");
    }
}
