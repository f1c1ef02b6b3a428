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
 * heat map because XChart cannot grey single cells or write counts in them.
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

    static void render(StringBuilder b, ComparisonView v) {
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
            b.append("<h2>").append(Html.metricHeader(key, dir)).append(" by pathology</h2>\n<div class=\"scroll\"><table>")
                    .append("<tr><th class=\"name\">generator</th>");
            labels.forEach(l -> b.append("<th>").append(Html.esc(l)).append("</th>"));
            b.append("</tr>\n");
            for (NamedResult g : gens) {
                b.append("<tr><td class=\"name\">").append(Html.esc(g.name())).append("</td>");
                for (String l : labels) {
                    MetricResult.LabelValue c = g.metric(key).perLabel().get(l);
                    if (c == null) {
                        b.append("<td class=\"heat\">–</td>");
                        continue;
                    }
                    String counts = "<br><span class=\"n\">" + c.nReal() + " / "
                            + c.nSynthetic() + "</span>";
                    if (!c.reliable() || c.value() == null) {
                        b.append("<td class=\"heat grey\" title=\"unreliable: too few images on a side\">")
                                .append(Html.esc(Format.number(c.value()))).append(counts).append("</td>");
                        continue;
                    }
                    b.append("<td class=\"heat\" style=\"background:").append(colour(c.value(), lo, hi, dir))
                            .append("\">").append(Html.esc(Format.number(c.value()))).append(counts).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table></div><p class=\"note\">Cell: the value, then the image counts real / synthetic with ")
                    .append("the label. Colour: green best to red worst over the reliable cells of this table ")
                    .append(Format.arrow(dir)).append("; hatched grey: flagged unreliable by the run (too few images ")
                    .append("on a side; not coloured, do not rank on it).</p>\n");
        }
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
