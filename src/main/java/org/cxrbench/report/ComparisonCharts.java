package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Histogram;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
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

    /**
     * Bars of one metric per generator (and the noise floor, in its own colour) with 95% CI error bars. XChart's
     * error bars are symmetric: when a CI is not, the bar shows its larger side and the caption says so (the
     * table has the exact bounds). Null when no generator has the metric.
     */
    public static Figure intervals(ComparisonView v, String key) {
        List<ComparisonView.Row> rows = generators(v).stream().filter(r -> r.cell(key) != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        List<ComparisonView.Row> all = new ArrayList<>(rows);
        ComparisonView.Row floor = floorRow(v);
        if (floor != null && floor.cell(key) != null) {
            all.add(floor);
        }
        String name = MetricInfo.displayName(key);
        CategoryChart c = new CategoryChartBuilder().width(680).height(440).title(name + " per generator")
                .xAxisTitle("generator").yAxisTitle(name + " " + Format.arrow(MetricInfo.direction(key)))
                .build();
        ChartEncoding.style(c);
        c.getStyler().setOverlapped(true).setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setLegendVisible(all.size() > rows.size());
        List<String> names = all.stream().map(r -> r.chartLabel(key)).toList();
        ChartEncoding.categoryLabels(c, names, 600);
        List<Double> gen = new ArrayList<>();
        List<Double> genErr = new ArrayList<>();
        List<Double> fl = new ArrayList<>();
        List<Double> flErr = new ArrayList<>();
        boolean anyCi = false;
        boolean symmetric = true;
        for (ComparisonView.Row r : all) {
            MetricResult e = r.cell(key).entry();
            double err = 0;
            if (e.ci95() != null) {
                anyCi = true;
                double lo = e.value() - e.ci95()[0];
                double hi = e.ci95()[1] - e.value();
                symmetric &= Math.abs(lo - hi) <= 0.05 * Math.max(lo, hi);
                err = Math.max(lo, hi);
            }
            boolean isFloor = r.kind() == ComparisonView.Kind.FLOOR;
            gen.add(isFloor ? 0 : e.value());
            genErr.add(isFloor ? 0 : err);
            fl.add(isFloor ? e.value() : 0);
            flErr.add(isFloor ? err : 0);
        }
        CategorySeries s = anyCi ? c.addSeries("generator", names, gen, genErr) : c.addSeries("generator", names, gen);
        s.setFillColor(ChartEncoding.PALETTE[0]);
        if (floor != null && floor.cell(key) != null) {
            CategorySeries f = anyCi ? c.addSeries("real vs real (noise floor)", names, fl, flErr)
                    : c.addSeries("real vs real (noise floor)", names, fl);
            f.setFillColor(new Color(0x9ecae1));
        }
        String bars = !anyCi ? "no CI in these results, so no error bars" : symmetric
                ? "error bars: 95% CI" : "error bars: the larger side of each 95% CI (the bootstrap CIs are not "
                        + "symmetric; the table gives the exact bounds)";
        return new Figure(name + " per generator", "Bars: the estimate as written in the results; " + bars
                + "; light bar: the real-vs-real noise floor. " + Format.arrow(MetricInfo.direction(key))
                + " " + dirWord(rows.get(0).cell(key).entry()) + " is better.", ChartEncoding.svgDataUrl(c));
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
                .xAxisTitle(xn + " " + Format.arrow(MetricInfo.direction(xKey)))
                .yAxisTitle(yn + " " + Format.arrow(MetricInfo.direction(yKey))).build();
        ChartEncoding.style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(10);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int i = 0;
        for (ComparisonView.Row r : rows) {
            boolean before = r.cell(xKey).unfiltered() || r.cell(yKey).unfiltered();
            XYSeries s = c.addSeries(r.name() + (before ? " (unfiltered)" : "") + (r.privacyWarning() != null ? " (copies!)" : ""),
                    new double[] {r.cell(xKey).entry().value()}, new double[] {r.cell(yKey).entry().value()});
            s.setMarker(r.kind() == ComparisonView.Kind.FLOOR ? SeriesMarkers.DIAMOND
                    : r.privacyWarning() != null ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
            s.setMarkerColor(r.kind() == ComparisonView.Kind.FLOOR ? Color.BLACK
                    : ChartEncoding.PALETTE[i++ % ChartEncoding.PALETTE.length]);
        }
        return new Figure(yn + " vs " + xn, String.format(Locale.ROOT, "One point per generator (cross: a "
                + "generator with memorised copies; black diamond: the real-vs-real noise floor; \"(unfiltered)\": values "
                + "before the quality filter, which removed every image of that generator). %s: %s is better; "
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

    private static String dirWord(MetricResult e) {
        return e.lowerIsBetter() ? "lower" : e.higherIsBetter() ? "higher" : "no direction";
    }

    /**
     * Distances to the closest training image, one line per generator (share of its images per bin, at the bin
     * centres), with the real holdout's median distance to the training set (the noise floor's DCR median) as a
     * dashed line. Null when no generator carries a histogram.
     */
    public static Figure dcrHistograms(ComparisonView v) {
        List<ComparisonView.Row> rows = generators(v).stream()
                .filter(r -> r.generator() != null && r.generator().dcrHistogram() != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        XYChart c = new XYChartBuilder().width(680).height(440).title("Distance to the closest training image")
                .xAxisTitle("DCR (feature distance)").yAxisTitle("share of synthetic images").build();
        ChartEncoding.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double ymax = 0;
        int i = 0;
        for (ComparisonView.Row r : rows) {
            Histogram h = r.generator().dcrHistogram();
            long total = java.util.Arrays.stream(h.counts()).sum();
            double[] xs = new double[h.counts().length];
            double[] ys = new double[h.counts().length];
            for (int b = 0; b < xs.length; b++) {
                xs[b] = h.min() + (b + 0.5) * h.binWidth();
                ys[b] = total == 0 ? 0 : (double) h.counts()[b] / total;
                ymax = Math.max(ymax, ys[b]);
            }
            XYSeries s = c.addSeries(r.name() + (r.privacyWarning() != null ? " (copies!)" : ""), xs, ys);
            s.setMarker(r.privacyWarning() != null ? SeriesMarkers.CROSS : SeriesMarkers.NONE);
            s.setMarkerColor(ChartEncoding.PALETTE[i % ChartEncoding.PALETTE.length]);
            s.setLineColor(ChartEncoding.PALETTE[i % ChartEncoding.PALETTE.length]);
            i++;
        }
        ComparisonView.Row floor = floorRow(v);
        String floorText = "";
        if (floor != null && floor.cell("dcr_median") != null) {
            double m = floor.cell("dcr_median").entry().value();
            XYSeries f = c.addSeries("real holdout: median DCR", new double[] {m, m}, new double[] {0, ymax});
            f.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setLineStyle(new java.awt.BasicStroke(1.5f,
                    java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            floorText = " Dashed line: the median distance of real holdout images (never trained on) to the training "
                    + "set; the holdout's whole histogram is not in the results file.";
        }
        return new Figure("Distance to the closest training image", "Share of each generator's images per DCR bin "
                + "(bin centres joined by lines, as the run binned them); mass near 0 means copies of training "
                + "images." + floorText, ChartEncoding.svgDataUrl(c));
    }
}
