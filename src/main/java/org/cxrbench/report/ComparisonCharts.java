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

    /**
     * The floor row with the metric, drawn from the most holdout images (the run's own floor; the smaller ones were
     * drawn for filtered generators); null when none has it.
     */
    private static ComparisonView.Row floorRow(ComparisonView v, String key) {
        return v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.FLOOR && r.cell(key) != null)
                .max(java.util.Comparator.comparingLong(r -> {
                    Long n = r.cell(key).entry().nSynthetic();
                    return n == null ? 0 : n;
                })).orElse(null);
    }

    /**
     * Bars of one metric per generator, each beside a light bar of the real-vs-real noise floor at that generator's N
     * (the floor its table cell is judged against; a filtered generator has its own), with 95% CI error bars.
     * XChart's error bars are symmetric: when a CI is not, the bar shows its larger side and the caption says so
     * (the table has the exact bounds). The legend sits below the plot, never over a bar. A logarithmic axis when
     * every value is positive and they span two decades or more (else the good generators' bars are invisible
     * beside a bad one's). Null when no generator has the metric.
     */
    public static Figure intervals(ComparisonView v, String key) {
        CategoryChart c = intervalsChart(v, key);
        if (c == null) {
            return null;
        }
        MetricResult first = generators(v).stream().filter(r -> r.cell(key) != null).findFirst().get().cell(key).entry();
        String name = MetricInfo.displayName(key);
        boolean floor = c.getSeries(FLOOR_SERIES) != null;
        boolean anyCi = c.getSeriesCollection().stream().anyMatch(s -> s.getExtraValues() != null);
        String bars = !anyCi ? "no CI in these results, so no error bars" : symmetricCis(v, key)
                ? "error bars: 95% CI" : "error bars: the larger side of each 95% CI (these CIs are not "
                        + "symmetric; the table gives the exact bounds)";
        return new Figure(name + " per generator", "Dark bars: the estimate as written in the results; " + bars
                + (floor ? "; light bar beside each: the real-vs-real noise floor at that generator's N (the holdout "
                        + "scored like a generator; a generator the filter left with fewer images has its own; for a "
                        + "generator with more images than the holdout, the floor at the holdout's N, which the table "
                        + "compares with the generator's value on that many of its images)" : "")
                + (c.getStyler().isYAxisLogarithmic() ? "; logarithmic axis" : "") + ". " + Format.arrow(MetricInfo.direction(key))
                + " " + dirWord(first) + " is better.", ChartEncoding.svgDataUrl(c));
    }

    /** The legend name of the noise-floor bars. */
    static final String FLOOR_SERIES = "real vs real (noise floor) at the generator's N";

    /** The chart behind {@link #intervals}; null when no generator has the metric. */
    static CategoryChart intervalsChart(ComparisonView v, String key) {
        // a log axis needs every bar, less its error bar, above 0
        List<ComparisonView.Row> rows = generators(v).stream().filter(r -> r.cell(key) != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        String name = MetricInfo.displayName(key);
        CategoryChart c = new CategoryChartBuilder().width(680).height(480).title(name + " per generator")
                .xAxisTitle("generator").yAxisTitle(name + " " + Format.arrow(MetricInfo.direction(key)))
                .build();
        ChartEncoding.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setErrorBarsColor(Color.BLACK);
        List<String> names = rows.stream().map(r -> r.chartLabel(key)).toList();
        ChartEncoding.categoryLabels(c, names, 600);
        List<Double> gen = new ArrayList<>();
        List<Double> genErr = new ArrayList<>();
        List<Double> fl = new ArrayList<>();
        List<Double> flErr = new ArrayList<>();
        for (ComparisonView.Row r : rows) {
            ComparisonView.Cell cell = r.cell(key);
            gen.add(cell.entry().value());
            genErr.add(halfWidth(cell.entry()));
            MetricResult f = cell.floorEntry();
            fl.add(f != null && f.hasValue() ? f.value() : null);
            flErr.add(f != null && f.hasValue() ? halfWidth(f) : 0.0);
        }
        boolean hasFloor = fl.stream().anyMatch(java.util.Objects::nonNull);
        boolean anyCi = genErr.stream().anyMatch(e -> e > 0) || hasFloor && flErr.stream().anyMatch(e -> e > 0);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < gen.size(); i++) {
            min = Math.min(min, gen.get(i) - (anyCi ? genErr.get(i) : 0));
            max = Math.max(max, gen.get(i));
            if (fl.get(i) != null) {
                min = Math.min(min, fl.get(i) - (anyCi ? flErr.get(i) : 0));
            }
        }
        if (min > 0 && max / min >= 100) {
            // bars start at the axis minimum: a decade below the lowest value
            c.getStyler().setYAxisLogarithmic(true).setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        CategorySeries s = anyCi ? c.addSeries(name, names, gen, genErr) : c.addSeries(name, names, gen);
        s.setFillColor(ChartEncoding.PALETTE[0]);
        if (hasFloor) {
            CategorySeries f = anyCi ? c.addSeries(FLOOR_SERIES, names, fl, flErr) : c.addSeries(FLOOR_SERIES, names, fl);
            f.setFillColor(new Color(0x9ecae1));
        }
        c.getStyler().setLegendVisible(hasFloor);
        return c;
    }

    /** Half the width drawn as an error bar: the larger side of the 95% CI, 0 without one. */
    private static double halfWidth(MetricResult e) {
        return e.ci95() == null ? 0 : Math.max(e.value() - e.ci95()[0], e.ci95()[1] - e.value());
    }

    private static boolean symmetricCis(ComparisonView v, String key) {
        for (ComparisonView.Row r : generators(v)) {
            ComparisonView.Cell cell = r.cell(key);
            for (MetricResult e : cell == null ? List.<MetricResult>of() : java.util.Arrays.asList(cell.entry(), cell.floorEntry())) {
                if (e != null && e.ci95() != null) {
                    double lo = e.value() - e.ci95()[0];
                    double hi = e.ci95()[1] - e.value();
                    if (Math.abs(lo - hi) > 0.05 * Math.max(lo, hi)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Scatter of two metrics, one point per generator (and the floor); null when fewer than one generator has both. */
    public static Figure scatter(ComparisonView v, String xKey, String yKey) {
        XYChart c = scatterChart(v, xKey, yKey);
        if (c == null) {
            return null;
        }
        MetricResult xe = anyEntry(v, xKey);
        MetricResult ye = anyEntry(v, yKey);
        String xn = MetricInfo.displayName(xKey);
        String yn = MetricInfo.displayName(yKey);
        boolean diamond = c.getSeriesCollection().stream().map(x -> x.getName()).anyMatch(n -> n.startsWith(FLOOR_POINT));
        boolean line = c.getSeriesCollection().stream().map(x -> x.getName()).anyMatch(n -> n.startsWith(FLOOR_LINE));
        String floor = diamond ? "; black diamond: the real-vs-real noise floor (at each N the run drew one)"
                : line ? "; dashed line: the real-vs-real noise floor's " + yn + " at the run's N (the floor has no "
                + xn + "; the table gives the floors drawn at a filtered generator's N)" : "";
        return new Figure(yn + " vs " + xn, String.format(Locale.ROOT, "One point per generator (cross: a "
                + "generator with memorised copies%s; \"(unfiltered)\": values before the quality filter, which "
                + "removed every image of that generator). %s: %s is better; %s: %s is better.", floor, xn, dirWord(xe),
                yn, dirWord(ye)), ChartEncoding.svgDataUrl(c));
    }

    /** Legend prefixes of the floor drawn as a point (it has both metrics) or as a line (it has only the y one). */
    static final String FLOOR_POINT = "real vs real (noise floor)";
    static final String FLOOR_LINE = "real vs real, ";

    private static MetricResult anyEntry(ComparisonView v, String key) {
        return v.rows().stream().filter(r -> r.cell(key) != null).findFirst().map(r -> r.cell(key).entry()).orElse(null);
    }

    /** The chart behind {@link #scatter}; null when no generator has both metrics. */
    static XYChart scatterChart(ComparisonView v, String xKey, String yKey) {
        List<ComparisonView.Row> rows = new ArrayList<>(generators(v));
        rows.removeIf(r -> r.cell(xKey) == null || r.cell(yKey) == null);
        if (rows.isEmpty()) {
            return null;
        }
        List<ComparisonView.Row> floors = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.FLOOR
                && r.cell(yKey) != null).toList();
        String xn = MetricInfo.displayName(xKey);
        String yn = MetricInfo.displayName(yKey);
        XYChart c = new XYChartBuilder().width(680).height(440).title(yn + " vs " + xn)
                .xAxisTitle(xn + " " + Format.arrow(MetricInfo.direction(xKey)))
                .yAxisTitle(yn + " " + Format.arrow(MetricInfo.direction(yKey))).build();
        ChartEncoding.style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(10);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int i = 0;
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        for (ComparisonView.Row r : rows) {
            boolean before = r.cell(xKey).unfiltered() || r.cell(yKey).unfiltered();
            double x = r.cell(xKey).entry().value();
            xmin = Math.min(xmin, x);
            xmax = Math.max(xmax, x);
            XYSeries s = c.addSeries(r.name() + (before ? " (unfiltered)" : "") + (r.privacyWarning() != null ? " (copies!)" : ""),
                    new double[] {x}, new double[] {r.cell(yKey).entry().value()});
            s.setMarker(r.privacyWarning() != null ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
            s.setMarkerColor(ChartEncoding.PALETTE[i++ % ChartEncoding.PALETTE.length]);
        }
        ComparisonView.Row runFloor = floorRow(v, yKey);
        for (ComparisonView.Row f : floors) {
            if (f.cell(xKey) == null && f != runFloor) {
                continue; // one line, the run's own floor: lines at other N's would stack on it
            }
            MetricResult y = f.cell(yKey).entry();
            String n = y.nSynthetic() == null ? "" : "N=" + y.nSynthetic();
            if (f.cell(xKey) != null) {
                XYSeries s = c.addSeries(FLOOR_POINT + (n.isEmpty() ? "" : ", " + n) + floorSuffix(floors, f),
                        new double[] {f.cell(xKey).entry().value()}, new double[] {y.value()});
                s.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(Color.BLACK);
            } else {
                double pad = xmax > xmin ? 0 : 0.5;
                XYSeries s = c.addSeries(FLOOR_LINE + yn + (n.isEmpty() ? "" : " at " + n) + floorSuffix(floors, f),
                        new double[] {xmin - pad, xmax + pad}, new double[] {y.value(), y.value()});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                        .setLineColor(Color.BLACK).setLineStyle(DASHED);
            }
        }
        return c;
    }

    /** A floor's legend suffix when another floor has the same N (XChart needs distinct series names). */
    private static String floorSuffix(List<ComparisonView.Row> floors, ComparisonView.Row f) {
        long same = floors.stream().filter(o -> java.util.Objects.equals(o.cells().values().iterator().next().entry()
                .nSynthetic(), f.cells().values().iterator().next().entry().nSynthetic())).count();
        return same > 1 ? " (" + (floors.indexOf(f) + 1) + ")" : "";
    }

    static final java.awt.BasicStroke DASHED = new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

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
     * Distances to the closest training image, one line per generator (density: the share of its images per unit
     * of distance, at the bin centres, so that generators binned at different widths compare), with the real
     * holdout's median distance to the training set (the noise floor's DCR median) as a dashed line. A generator's
     * leading bins that hold only its memorised copies (their count is at most the run's {@code memorized} count,
     * the images under the data-calibrated memorisation threshold) are not drawn: a copier's spike near 0 would
     * stretch the axis over the empty range down to it and squeeze every other curve; its legend entry gives the
     * share left out. Null when no generator carries a histogram.
     */
    public static Figure dcrHistograms(ComparisonView v) {
        XYChart c = dcrChart(v);
        if (c == null) {
            return null;
        }
        boolean floor = c.getSeries(DCR_FLOOR) != null;
        boolean cut = c.getSeriesCollection().stream().map(x -> x.getName()).anyMatch(n -> n.contains(COPIES_LEFT_OUT));
        return new Figure("Distance to the closest training image", "Density of each generator's distances to its "
                + "closest training image (share of its images per unit of distance, at the bin centres of the run's "
                + "histogram, joined by lines); mass near 0 means copies of training images."
                + (cut ? " A generator marked \"copies " + COPIES_LEFT_OUT + "\" has leading bins holding only images under "
                        + "the run's memorisation threshold: they are left off the axis (their share is in the legend), "
                        + "so that the other curves keep their scale." : "")
                + (floor ? " Dashed line: the median distance of real holdout images (never trained on) to the "
                        + "training set." : ""), ChartEncoding.svgDataUrl(c));
    }

    static final String DCR_FLOOR = "real holdout: median DCR";
    static final String COPIES_LEFT_OUT = "off axis";

    /** The chart behind {@link #dcrHistograms}. */
    static XYChart dcrChart(ComparisonView v) {
        List<ComparisonView.Row> rows = generators(v).stream()
                .filter(r -> r.generator() != null && r.generator().dcrHistogram() != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        XYChart c = new XYChartBuilder().width(680).height(440).title("Distance to the closest training image")
                .xAxisTitle("DCR (feature distance)").yAxisTitle("density (share of images per unit DCR)").build();
        ChartEncoding.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Vertical);
        double ymax = 0;
        int i = 0;
        for (ComparisonView.Row r : rows) {
            Histogram h = r.generator().dcrHistogram();
            long total = java.util.Arrays.stream(h.counts()).sum();
            MetricResult memorized = r.generator().metric("memorized");
            int first = copyBins(h, memorized == null || !memorized.hasValue() ? 0 : Math.round(memorized.value()));
            long cut = 0;
            for (int b = 0; b < first; b++) {
                cut += h.counts()[b];
            }
            int n = h.counts().length - first;
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int b = first; b < h.counts().length; b++) {
                xs[b - first] = h.min() + (b + 0.5) * h.binWidth();
                ys[b - first] = total == 0 || h.binWidth() <= 0 ? 0 : h.counts()[b] / (total * h.binWidth());
                ymax = Math.max(ymax, ys[b - first]);
            }
            String name = r.name() + (r.privacyWarning() != null ? " (copies!)" : "")
                    + (cut > 0 ? String.format(Locale.ROOT, " (%s copies %s)",
                            Format.percent((double) cut / total), COPIES_LEFT_OUT) : "");
            XYSeries s = c.addSeries(name, xs, ys);
            s.setMarker(r.privacyWarning() != null ? SeriesMarkers.CROSS : SeriesMarkers.NONE);
            s.setMarkerColor(ChartEncoding.PALETTE[i % ChartEncoding.PALETTE.length]);
            s.setLineColor(ChartEncoding.PALETTE[i % ChartEncoding.PALETTE.length]);
            i++;
        }
        ComparisonView.Row floor = floorRow(v, "dcr_median");
        if (floor != null) {
            double m = floor.cell("dcr_median").entry().value();
            XYSeries f = c.addSeries(DCR_FLOOR, new double[] {m, m}, new double[] {0, ymax});
            f.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setLineStyle(DASHED);
        }
        return c;
    }

    /**
     * How many leading bins hold only memorised copies: the longest run of first bins, followed by an empty bin,
     * whose total count is at most the generator's memorised count (0 without copies, or when no bin is empty after
     * them: then copies and other images share bins and everything is drawn).
     */
    static int copyBins(Histogram h, long allowed) {
        if (allowed <= 0) {
            return 0;
        }
        long sum = 0;
        int best = 0;
        for (int b = 0; b < h.counts().length - 1; b++) {
            sum += h.counts()[b];
            if (sum > allowed) {
                break;
            }
            if (h.counts()[b + 1] == 0 && sum > 0) {
                best = b + 1;
            }
        }
        if (best == 0) {
            return 0;
        }
        int next = best;
        while (next < h.counts().length && h.counts()[next] == 0) {
            next++;
        }
        return next == h.counts().length ? 0 : next;
    }
}
