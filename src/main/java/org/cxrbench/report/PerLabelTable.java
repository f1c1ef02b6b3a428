package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The per-pathology heatmap as an HTML table: generators x labels, each cell coloured by its value (green good,
 * red bad, by the metric's direction, scaled over the reliable cells), with its counts (real / synthetic); cells
 * the run flagged unreliable are greyed and left out of the colour scale. An HTML table rather than an XChart
 * heat map because XChart cannot grey single cells or write counts in them. Markup in {@code templates/per-label}.
 */
final class PerLabelTable {
    private PerLabelTable() {}

    static final List<String> KEYS = List.of("fid_per_label", "kid_per_label");

    static boolean hasAny(ComparisonView v) {
        return KEYS.stream().anyMatch(k -> !with(v, k).isEmpty());
    }

    private static List<NamedResult> with(ComparisonView v, String key) {
        List<NamedResult> out = new ArrayList<>();
        for (ComparisonView.Row r : v.rows()) {
            if (r.generator() != null && r.generator().metric(key) != null
                    && !r.generator().metric(key).perLabel().isEmpty()) {
                out.add(r.generator());
            }
        }
        return out;
    }

    /** The heatmaps' model (templates/per-label): display text; {@code header} is the metric header's HTML. */
    record Tables(List<Table> tables) {}

    record Table(String header, List<String> labels, List<Row> rows, String arrow) {}

    record Row(String name, List<Cell> cells) {}

    /** A cell: {@code missing} without a value for the label, {@code grey} when unreliable, else its colour. */
    record Cell(boolean missing, boolean grey, String colour, String number, String nReal, String nSynthetic) {}

    static void render(StringBuilder b, ComparisonView v) {
        List<Table> tables = new ArrayList<>();
        for (String key : KEYS) {
            List<NamedResult> gens = with(v, key);
            if (gens.isEmpty()) {
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (NamedResult g : gens) {
                for (var e : g.metric(key).perLabel().entrySet()) {
                    labels.add(e.getKey());
                    if (e.getValue().reliable() && e.getValue().value() != null) {
                        lo = Math.min(lo, e.getValue().value());
                        hi = Math.max(hi, e.getValue().value());
                    }
                }
            }
            String dir = MetricInfo.direction(key);
            List<Row> rows = new ArrayList<>();
            for (NamedResult g : gens) {
                List<Cell> cells = new ArrayList<>();
                for (String l : labels) {
                    cells.add(cell(g.metric(key).perLabel().get(l), lo, hi, dir));
                }
                rows.add(new Row(g.name(), cells));
            }
            tables.add(new Table(Html.metricHeader(key, dir), List.copyOf(labels), rows, Format.arrow(dir)));
        }
        b.append(Templates.render("per-label", new Tables(tables)));
    }

    private static Cell cell(MetricResult.LabelValue c, double lo, double hi, String dir) {
        if (c == null) {
            return new Cell(true, false, null, null, null, null);
        }
        boolean grey = !c.reliable() || c.value() == null;
        return new Cell(false, grey, grey ? null : colour(c.value(), lo, hi, dir), Format.number(c.value()),
                String.valueOf(c.nReal()), String.valueOf(c.nSynthetic()));
    }

    /** A light colour from green (best) through yellow to red (worst). */
    static String colour(double v, double lo, double hi, String direction) {
        double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        if ("higher".equals(direction)) {
            t = 1 - t;
        } else if (!"lower".equals(direction)) {
            return "#ffffff";
        }
        // t = 0 best -> hue 120 (green), t = 1 worst -> hue 0 (red)
        return String.format(Locale.ROOT, "hsl(%.0f,70%%,82%%)", 120 * (1 - t));
    }
}
