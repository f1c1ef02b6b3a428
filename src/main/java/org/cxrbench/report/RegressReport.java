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

/**
 * The nightly verdict as HTML (markup in {@code templates/regress}): the table of what moved, and trend charts from
 * the run history.
 */
public final class RegressReport {
    private RegressReport() {}

    /** Metrics drawn in the trend (when the runs have them): the registry's headline, at most {@link #MAX_CHARTS}. */
    static final List<String> TREND = org.cxrbench.common.Metrics.headline();
    static final int MAX_CHARTS = 6;

    /** The page's model: display text, escaped by templates/regress; {@code open}, {@code figures}, {@code cards} HTML. */
    record Page(String open, String baseline, String results, boolean regressed, int problems, List<Line> lines, int runs,
            String figures, String cards) {}

    /** One judged line; {@code metric} is the column header's HTML (name linked to its card, arrow). */
    record Line(boolean bad, String generator, String metric, String before, String after, String change, String limit,
            String rule, String verdict) {}

    public static String render(RegressionCheck.Outcome o, List<JsonNode> allLines, String baseline, String results) {
        // only verdict lines: a config run's own history lines (no "verdict") are not nights of this trend
        List<JsonNode> history = allLines.stream().filter(h -> h.has("verdict")).toList();
        StringBuilder open = new StringBuilder();
        Html.open(open, "cxrbench nightly: " + (o.regressed() ? "REGRESSION" : "pass"));
        List<Line> lines = o.lines().stream().map(l -> new Line(
                l.verdict() == RegressionCheck.Verdict.REGRESSED || l.verdict() == RegressionCheck.Verdict.MISSING,
                l.generator(), Html.metricHeader(l.metric(), l.direction()), Format.number(l.baseline()),
                Format.number(l.result()), l.baseline() == null || l.result() == null ? "–"
                : Format.signed(l.result() - l.baseline()), Format.number(l.limit()), l.rule(),
                l.verdict().name().toLowerCase(java.util.Locale.ROOT))).toList();
        List<Figure> figs = new ArrayList<>();
        for (String k : trendKeys(history)) {
            figs.add(trend(history, k));
        }
        StringBuilder figures = new StringBuilder();
        Html.figures(figures, figs);
        Set<String> cards = new LinkedHashSet<>();
        o.lines().forEach(l -> {
            if (MetricInfo.card(l.metric()) != null) {
                cards.add(MetricInfo.card(l.metric()));
            }
        });
        StringBuilder cardHtml = new StringBuilder();
        MetricCards.section(cardHtml, cards);
        return Templates.render("regress", new Page(open.toString(), baseline, results, o.regressed(), o.problems().size(),
                lines, history.size(), figures.toString(), cardHtml.toString()));
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
