package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.FilterCounts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tables of what the quality filter kept and removed, per verdict and (when written) per verdict and pathology, and
 * fidelity before and after it; markup in {@code templates/filter-counts} and {@code templates/filter-before-after}.
 */
final class FilterTable {
    private FilterTable() {}

    record Counts(List<String> verdicts, List<CountRow> rows, ByLabel byLabel) {}

    record CountRow(String name, String kept, String removed, List<String> counts) {}

    record ByLabel(String generatorCount, List<LabelTable> tables) {}

    record LabelTable(String name, List<String> labels, List<LabelRow> rows) {}

    record LabelRow(String verdict, List<String> counts) {}

    static void render(StringBuilder b, List<NamedResult> gens) {
        Set<String> verdicts = new LinkedHashSet<>(MetricInfo.VERDICTS);
        gens.forEach(g -> verdicts.addAll(g.filter().perVerdict().keySet()));
        List<CountRow> rows = new ArrayList<>();
        for (NamedResult g : gens) {
            FilterCounts f = g.filter();
            rows.add(new CountRow(g.name(), String.valueOf(f.kept()),
                    String.valueOf(f.removed()), verdicts.stream()
                    .map(v -> f.perVerdict().containsKey(v) ? String.valueOf(f.perVerdict().get(v)) : "–").toList()));
        }
        List<LabelTable> tables = new ArrayList<>();
        for (NamedResult g : gens) {
            var by = g.filter().perVerdictAndLabel();
            if (by.isEmpty()) {
                continue;
            }
            Set<String> labels = new TreeSet<>();
            by.values().forEach(m -> labels.addAll(m.keySet()));
            List<LabelRow> labelRows = new ArrayList<>();
            by.forEach((v, m) -> labelRows.add(new LabelRow(v, labels.stream()
                    .map(l -> String.valueOf(m.containsKey(l) ? m.get(l) : 0)).toList())));
            tables.add(new LabelTable(g.name(), List.copyOf(labels), labelRows));
        }
        ByLabel byLabel = tables.isEmpty() ? null
                : new ByLabel(tables.size() + (tables.size() == 1 ? " generator" : " generators"), tables);
        b.append(Templates.render("filter-counts", new Counts(List.copyOf(verdicts), rows, byLabel)));
    }

    record BeforeAfter(List<String> headers, List<ChangeRow> rows) {}

    record ChangeRow(String name, String total, String kept, List<Change> cells) {}

    /** One metric's change; {@code missing} when either value is absent. */
    record Change(boolean missing, String cls, String before, String after, String change, String relative, String verdict) {}

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
        List<ChangeRow> rows = new ArrayList<>();
        for (NamedResult g : with) {
            FilterCounts f = g.filter();
            rows.add(new ChangeRow(g.name(), String.valueOf(f.total()),
                    String.valueOf(f.kept()), cols.stream().map(k -> change(g, k)).toList()));
        }
        b.append(Templates.render("filter-before-after",
                new BeforeAfter(cols.stream().map(k -> Html.metricHeader(k, MetricInfo.direction(k))).toList(), rows)));
    }

    private static Change change(NamedResult g, String k) {
        MetricResult before = g.unfiltered().get(k);
        MetricResult after = g.metric(k);
        if (before == null || after == null || !before.hasValue() || !after.hasValue()) {
            return new Change(true, null, null, null, null, null, null);
        }
        double d = after.value() - before.value();
        boolean better = after.lowerIsBetter() ? d < 0 : after.higherIsBetter() && d > 0;
        boolean worse = after.lowerIsBetter() ? d > 0 : after.higherIsBetter() && d < 0;
        return new Change(false, better ? "up" : worse ? "down" : null, Format.number(before.value()),
                Format.number(after.value()), Format.signed(d),
                relativeChange(before.value(), after.value()),
                better ? " better" : worse ? " worse" : "");
    }
}
