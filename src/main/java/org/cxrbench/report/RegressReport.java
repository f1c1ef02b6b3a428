package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The nightly verdict as HTML: the table of what moved, and trend charts from the run history. */
public final class RegressReport {
    private RegressReport() {}

    /** Metrics drawn in the trend (when the runs have them): the registry's headline, at most {@link #MAX_CHARTS}. */
    static final List<String> TREND = org.cxrbench.common.Metrics.headline();
    static final int MAX_CHARTS = 6;

    public static String render(RegressionCheck.Outcome o, List<JsonNode> allLines, String baseline, String results) {
        // only verdict lines: a config run's own history lines (no "verdict") are not nights of this trend
        List<JsonNode> history = allLines.stream().filter(h -> h.has("verdict")).toList();
        StringBuilder b = new StringBuilder();
        Html.open(b, "cxrbench nightly: " + (o.regressed() ? "REGRESSION" : "pass"));
        b.append("<p>Baseline <code>").append(Html.esc(baseline)).append("</code>, results <code>")
                .append(Html.esc(results)).append("</code>.</p>\n");
        if (o.regressed()) {
            b.append("<p class=\"alert\">").append(o.problems().size()).append(" metric(s) regressed or went missing.</p>");
        }
        b.append("<div class=\"scroll\"><table><tr><th class=\"name\">generator</th><th class=\"name\">metric</th>")
                .append("<th>baseline</th><th>result</th><th>change</th><th>limit</th><th class=\"name\">tolerance</th>")
                .append("<th class=\"name\">verdict</th></tr>\n");
        for (RegressionCheck.Line l : o.lines()) {
            boolean bad = l.verdict() == RegressionCheck.Verdict.REGRESSED || l.verdict() == RegressionCheck.Verdict.MISSING;
            b.append(bad ? "<tr class=\"bad\">" : "<tr>").append("<td class=\"name\">").append(Html.esc(l.generator()))
                    .append("</td><td class=\"name\">").append(Html.metricHeader(l.metric(), l.direction()))
                    .append("</td><td>").append(Format.number(l.baseline())).append("</td><td>")
                    .append(Format.number(l.result())).append("</td><td>")
                    .append(l.baseline() == null || l.result() == null ? "–" : Format.signed(l.result() - l.baseline()))
                    .append("</td><td>").append(Format.number(l.limit())).append("</td><td class=\"name\">")
                    .append(Html.esc(l.rule())).append("</td><td class=\"name\">")
                    .append(l.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("</td></tr>\n");
        }
        b.append("</table></div><p class=\"note\">Limit: the worst value the tolerance accepts (beyond it in the ")
                .append("metric's worse direction the run regresses). Default tolerance: from the metric's uncertainty ")
                .append("(counts: Poisson; a recorded CI's width or sd; shares: binomial; distances: the real-vs-real ")
                .append("floor; else 5%), at a false-alarm rate of 0.1% per night over the lines judged; set per ")
                .append("metric with --tolerance.</p>\n");
        b.append("<h2>Trend over the run history (").append(history.size()).append(" runs)</h2>\n");
        List<Figure> figs = new ArrayList<>();
        for (String k : trendKeys(history)) {
            figs.add(trend(history, k));
        }
        Html.figures(b, figs);
        Set<String> cards = new LinkedHashSet<>();
        o.lines().forEach(l -> {
            if (MetricInfo.card(l.metric()) != null) {
                cards.add(MetricInfo.card(l.metric()));
            }
        });
        b.append("<h2>Metric definitions</h2>");
        MetricCards.section(b, cards);
        Html.close(b);
        return b.toString();
    }

    static List<String> trendKeys(List<JsonNode> history) {
        if (history.isEmpty()) {
            return List.of();
        }
        JsonNode last = history.get(history.size() - 1).path("metrics");
        Set<String> present = new LinkedHashSet<>();
        last.forEach(g -> g.fieldNames().forEachRemaining(present::add));
        return TREND.stream().filter(present::contains).limit(MAX_CHARTS).toList();
    }

    /** One line per generator: the metric at each run of the history (x: run number, oldest 1). */
    static Figure trend(List<JsonNode> history, String key) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            JsonNode m = history.get(i).path("metrics");
            final int run = i + 1;
            m.fields().forEachRemaining(g -> {
                JsonNode v = g.getValue().get(key);
                if (v != null && v.isNumber()) {
                    series.computeIfAbsent(g.getKey(), x -> new ArrayList<>()).add(new double[] {run, v.asDouble()});
                }
            });
        }
        String name = MetricInfo.displayName(key);
        XYChart c = new XYChartBuilder().width(560).height(340).title(name + " by run").xAxisTitle("run")
                .yAxisTitle(name + " " + Format.arrow(MetricInfo.direction(key))).build();
        ChartEncoding.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisDecimalPattern("0");
        series.forEach((g, pts) -> {
            XYSeries s = c.addSeries(g, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        return new Figure(name + " by run", "Each accepted or checked run of the history, oldest first; "
                + Format.arrow(MetricInfo.direction(key)) + " marks the better direction.", ChartEncoding.svgDataUrl(c));
    }
}
