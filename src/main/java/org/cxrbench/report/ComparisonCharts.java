package org.cxrbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The comparison report's XY charts (XChart, SVG): point estimates with their 95% CIs per generator, two-metric
 * scatters (precision-recall, density-coverage) and the fidelity-privacy scatter. Draws values as written.
 */
public final class ComparisonCharts {
    private ComparisonCharts() {}

    private static List<ComparisonView.Row> generators(ComparisonView v) {
        return v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.GENERATOR).toList();
    }

    private static ComparisonView.Row floorRow(ComparisonView v) {
        List<ComparisonView.Row> f = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.FLOOR).toList();
        return f.size() == 1 ? f.get(0) : null;
    }

    /** One point per generator with a vertical 95% CI whisker, the floor as a dashed line; null without data. */
    public static Figure intervals(ComparisonView v, String key) {
        List<ComparisonView.Row> rows = generators(v).stream().filter(r -> r.cell(key) != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        String name = MetricInfo.displayName(key);
        XYChart c = new XYChartBuilder().width(680).height(420).title(name + " per generator")
                .xAxisTitle("generator").yAxisTitle(name + " " + Format.arrow(rows.get(0).cell(key).entry().direction()))
                .build();
        ChartEncoding.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisLabelRotation(30).setXAxisTickMarkSpacingHint(20);
        c.getStyler().setXAxisMin(-0.6).setXAxisMax(rows.size() - 0.4);
        List<String> names = rows.stream().map(ComparisonView.Row::name).toList();
        c.setCustomXAxisTickLabelsFormatter(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-9 && i >= 0 && i < names.size() ? names.get((int) i) : " ";
        });
        double[] xs = new double[rows.size()];
        double[] ys = new double[rows.size()];
        boolean anyCi = false;
        for (int i = 0; i < rows.size(); i++) {
            MetricEntry e = rows.get(i).cell(key).entry();
            xs[i] = i;
            ys[i] = e.value();
            double[] ci = e.ci95();
            if (ci != null) {
                anyCi = true;
                XYSeries w = c.addSeries("ci " + i, new double[] {i, i}, ci);
                w.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY).setShowInLegend(false);
                XYSeries w2 = c.addSeries("ci lo " + i, new double[] {i - 0.12, i + 0.12}, new double[] {ci[0], ci[0]});
                w2.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY).setShowInLegend(false);
                XYSeries w3 = c.addSeries("ci hi " + i, new double[] {i - 0.12, i + 0.12}, new double[] {ci[1], ci[1]});
                w3.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY).setShowInLegend(false);
            }
        }
        XYSeries pts = c.addSeries("estimate" + (anyCi ? " (whisker: 95% CI)" : ""), xs, ys);
        pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE)
                .setMarkerColor(ChartEncoding.PALETTE[0]);
        ComparisonView.Row floor = floorRow(v);
        if (floor != null && floor.cell(key) != null) {
            double f = floor.cell(key).entry().value();
            XYSeries fl = c.addSeries("real vs real (noise floor)", new double[] {-0.6, rows.size() - 0.4},
                    new double[] {f, f});
            fl.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0x2ca02c))
                    .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {6f, 4f}, 0f));
        }
        return new Figure(name + " per generator", "Point: the estimate as written in the results; whisker: its 95% "
                + "CI where the run computed one (none drawn otherwise); dashed line: the real-vs-real noise floor.",
                ChartEncoding.svgDataUrl(c));
    }

    /** Scatter of two metrics, one point per generator (and the floor); null when fewer than one generator has both. */
    public static Figure scatter(ComparisonView v, String xKey, String yKey) {
        List<ComparisonView.Row> rows = new ArrayList<>(generators(v));
        ComparisonView.Row floor = floorRow(v);
        if (floor != null) {
            rows.add(floor);
        }
        rows.removeIf(r -> r.cell(xKey) == null || r.cell(yKey) == null);
        if (rows.isEmpty()) {
            return null;
        }
        String xn = MetricInfo.displayName(xKey);
        String yn = MetricInfo.displayName(yKey);
        XYChart c = new XYChartBuilder().width(680).height(440).title(yn + " vs " + xn)
                .xAxisTitle(xn + " " + Format.arrow(rows.get(0).cell(xKey).entry().direction()))
                .yAxisTitle(yn + " " + Format.arrow(rows.get(0).cell(yKey).entry().direction())).build();
        ChartEncoding.style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(10);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int i = 0;
        for (ComparisonView.Row r : rows) {
            XYSeries s = c.addSeries(r.name() + (r.privacyWarning() != null ? " (copies!)" : ""),
                    new double[] {r.cell(xKey).entry().value()}, new double[] {r.cell(yKey).entry().value()});
            s.setMarker(r.kind() == ComparisonView.Kind.FLOOR ? SeriesMarkers.DIAMOND
                    : r.privacyWarning() != null ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
            s.setMarkerColor(r.kind() == ComparisonView.Kind.FLOOR ? Color.BLACK
                    : ChartEncoding.PALETTE[i++ % ChartEncoding.PALETTE.length]);
        }
        return new Figure(yn + " vs " + xn, String.format(Locale.ROOT, "One point per generator (cross: a "
                + "generator with memorised copies; black diamond: the real-vs-real noise floor). %s: %s is better; "
                + "%s: %s is better.", xn, dirWord(rows.get(0).cell(xKey).entry()), yn,
                dirWord(rows.get(0).cell(yKey).entry())), ChartEncoding.svgDataUrl(c));
    }

    /**
     * Fidelity against privacy, one point per generator: FID (else KID) against the memorised fraction (else the
     * median DCR); null when no generator has both.
     */
    public static Figure fidelityPrivacy(ComparisonView v) {
        String y = v.columns().contains("fid") ? "fid" : v.columns().contains("kid") ? "kid" : null;
        String x = v.columns().contains("memorized_fraction") ? "memorized_fraction"
                : v.columns().contains("dcr_median") ? "dcr_median" : null;
        if (x == null || y == null) {
            return null;
        }
        Figure f = scatter(v, x, y);
        return f == null ? null : new Figure("Fidelity against privacy", "Read both axes together: a generator "
                + "that copies training images gets a good " + MetricInfo.displayName(y) + " for the wrong reason. "
                + f.caption(), f.dataUrl());
    }

    private static String dirWord(MetricEntry e) {
        return e.lowerIsBetter() ? "lower" : e.higherIsBetter() ? "higher" : "no direction";
    }
}
