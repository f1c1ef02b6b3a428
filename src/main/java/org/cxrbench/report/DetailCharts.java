package org.cxrbench.report;

import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.Histogram;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.UtilitySummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

/**
 * Bar charts of the utility comparisons (with significance marks) and of what the quality filter removed; each
 * generator's distances to the training set beside its distances to the real holdout.
 */
public final class DetailCharts {
    private DetailCharts() {}

    /**
     * Mean difference against the baseline per condition and metric, error bars the comparison's 95% CI (a t
     * interval, symmetric about the mean difference); "*" marks a comparison significant after the correction.
     */
    public static Figure utility(NamedResult g) {
        UtilitySummary u = g.utility();
        if (u == null || u.comparisons().isEmpty()) {
            return null;
        }
        List<String> cats = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        boolean symmetric = true;
        for (org.cxrbench.common.ComparisonRow c : u.comparisons()) {
            if (c.meanDiff() == null) {
                continue;
            }
            cats.add(c.condition() + " · " + c.metric() + (Boolean.TRUE.equals(c.significant()) ? " *" : ""));
            ys.add(c.meanDiff());
            double e = 0;
            if (c.ci95() != null) {
                double lo = c.meanDiff() - c.ci95()[0];
                double hi = c.ci95()[1] - c.meanDiff();
                symmetric &= Math.abs(lo - hi) <= 1e-9 * Math.max(1, Math.abs(c.meanDiff()));
                e = Math.max(lo, hi);
            }
            err.add(e);
        }
        if (cats.isEmpty()) {
            return null;
        }
        CategoryChart c = new CategoryChartBuilder().width(720).height(440)
                .title("Utility of " + g.name() + ": difference from the baseline").xAxisTitle("condition · metric")
                .yAxisTitle("mean difference").build();
        ChartEncoding.style(c);
        c.getStyler().setLegendVisible(false);
        ChartEncoding.categoryLabels(c, cats, 720);
        CategorySeries s = c.addSeries("mean difference", cats, ys, err);
        s.setFillColor(ChartEncoding.PALETTE[0]);
        String corr = u.correction() == null ? "the run's correction" : u.correction();
        return new Figure("Utility of " + g.name(), String.format(Locale.ROOT, "Bars: mean difference of each "
                + "condition from the baseline over seeds; error bars: %s; *: significant after %s correction "
                + "(adjusted p below alpha%s), one-tailed.",
                symmetric ? "the comparison's 95% CI" : "the larger side of the comparison's 95% CI (the CI is not "
                        + "symmetric)", corr, u.alpha() == null ? "" : " = " + Format.number(u.alpha())),
                ChartEncoding.svgDataUrl(c));
    }

    /**
     * Verdict colours from good to bad: green, light green, orange, grey (an image about something else), and purple
     * for an image the judge could not answer for (unjudged).
     */
    static final java.util.Map<String, java.awt.Color> VERDICT_COLOURS = java.util.Map.of(
            "high", new java.awt.Color(0x2ca02c), "medium", new java.awt.Color(0xa1d99b),
            "low", new java.awt.Color(0xff7f0e), "not-relevant", new java.awt.Color(0x7f7f7f),
            "unjudged", new java.awt.Color(0x9467bd));

    /** Images per verdict and generator, stacked; null when no generator has a filter block with verdict counts. */
    public static Figure filter(List<NamedResult> gens) {
        List<NamedResult> with = gens.stream().filter(g -> g.filter() != null && !g.filter().perVerdict().isEmpty())
                .toList();
        if (with.isEmpty()) {
            return null;
        }
        Set<String> verdicts = new LinkedHashSet<>(MetricInfo.VERDICTS);
        with.forEach(g -> verdicts.addAll(g.filter().perVerdict().keySet()));
        CategoryChart c = new CategoryChartBuilder().width(720).height(420).title("Quality filter verdicts")
                .xAxisTitle("generator").yAxisTitle("images").build();
        ChartEncoding.style(c);
        c.getStyler().setStacked(true).setLegendPosition(Styler.LegendPosition.OutsideE);
        // XChart draws the first row at the bottom: reversed, the generators read top-down in the tables' order
        List<NamedResult> rows = new ArrayList<>(with);
        java.util.Collections.reverse(rows);
        List<String> names = rows.stream().map(NamedResult::name).toList();
        ChartEncoding.categoryLabels(c, names, 600);
        for (String v : verdicts) {
            List<Double> ys = with.stream().map(g -> g.filter().perVerdict().getOrDefault(v, 0L).doubleValue()).toList();
            if (ys.stream().anyMatch(y -> y > 0)) {
                java.awt.Color col = VERDICT_COLOURS.get(v);
                CategorySeries s = c.addSeries(v, names, ys);
                if (col != null) {
                    s.setFillColor(col);
                }
            }
        }
        Set<String> removed = new LinkedHashSet<>();
        with.forEach(g -> {
            if (g.filter().removedOrInferred() != null) {
                removed.addAll(g.filter().removedOrInferred());
            }
        });
        return new Figure("Quality filter verdicts", "Images per verdict of the quality judge, per generator, as "
                + "the filter stage counted them" + (removed.isEmpty() ? "" : "; removed: the "
                + String.join(" and ", removed) + " parts of each bar") + "; the table above gives the kept and removed "
                + "counts.", ChartEncoding.svgDataUrl(c));
    }

    /** The share of a pathology's images whose verdict the filter removed (0 when it has none). */
    static double removedShare(FilterCounts f, String label) {
        long all = 0;
        long gone = 0;
        for (var e : f.perVerdictAndLabel().entrySet()) {
            long n = e.getValue().getOrDefault(label, 0L);
            all += n;
            gone += f.removedOrInferred().contains(e.getKey()) ? n : 0;
        }
        return all == 0 ? 0.0 : (double) gone / all;
    }

    /**
     * Share of each pathology's images the filter removed, as a heat map: one row per generator, one column per
     * pathology, the share written in each cell (an image counts for every label it carries); a grid reads where a
     * generator x pathology bar chart (8 x 14 thin bars) does not. Cells of a pathology a generator has no image
     * with stay empty. Null when no generator has per-label counts and known removed verdicts.
     */
    public static Figure filterByLabel(List<NamedResult> gens) {
        org.knowm.xchart.HeatMapChart c = filterByLabelChart(gens);
        if (c == null) {
            return null;
        }
        return new Figure("Removed by the filter, per pathology", "Per generator (row) and pathology (column), the "
                + "share of the generator's images with that label whose verdict the filter removed, from the filter's "
                + "per-label counts (an image with several labels counts for each); white 0%, dark red 100%, an empty "
                + "cell: no image with that label. A generator whose removals pile up on one pathology renders that "
                + "pathology badly.", ChartEncoding.svgDataUrl(c));
    }

    /** The heat map behind {@link #filterByLabel}; null when nothing to draw. */
    static org.knowm.xchart.HeatMapChart filterByLabelChart(List<NamedResult> gens) {
        List<NamedResult> with = gens.stream().filter(g -> g.filter() != null
                && !g.filter().perVerdictAndLabel().isEmpty() && g.filter().removedOrInferred() != null).toList();
        if (with.isEmpty()) {
            return null;
        }
        Set<String> labels = new java.util.TreeSet<>();
        with.forEach(g -> g.filter().perVerdictAndLabel().values().forEach(m -> labels.addAll(m.keySet())));
        List<String> cats = List.copyOf(labels);
        // XChart draws the first row at the bottom: reversed, the generators read top-down in the tables' order
        List<NamedResult> rows = new ArrayList<>(with);
        java.util.Collections.reverse(rows);
        List<String> names = rows.stream().map(NamedResult::name).toList();
        org.knowm.xchart.HeatMapChart c = new org.knowm.xchart.HeatMapChartBuilder().width(Math.max(720, 140 + 62 * cats.size()))
                .height(Math.max(360, 300 + 36 * names.size())).title("Removed by the filter, per pathology")
                .xAxisTitle("pathology").yAxisTitle("generator").build();
        ChartEncoding.style(c);
        c.getStyler().setShowValue(true).setMin(0).setMax(1).setDrawBorder(true)
                .setRangeColors(new java.awt.Color[] {java.awt.Color.WHITE, new java.awt.Color(0xfdae6b),
                    new java.awt.Color(0xa50f15)})
                .setHeatMapValueDecimalPattern("0%")
                .setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        c.getStyler().setXAxisLabelRotation(ChartEncoding.labelRotation(cats, c.getWidth() - 200));
        c.getStyler().setLegendVisible(true);
        // name every row and column: XChart skips ticks closer than its spacing hint
        c.getStyler().setXAxisTickMarkSpacingHint(1).setYAxisTickMarkSpacingHint(1);
        List<Number[]> cells = new ArrayList<>();
        for (int y = 0; y < rows.size(); y++) {
            for (int x = 0; x < cats.size(); x++) {
                Double share = removedShareOrNull(rows.get(y).filter(), cats.get(x));
                if (share != null) {
                    cells.add(new Number[] {x, y, share});
                }
            }
        }
        c.addSeries("share removed", cats, names, cells);
        return c;
    }

    /** {@link #removedShare}, null when the generator has no image with the label. */
    static Double removedShareOrNull(FilterCounts f, String label) {
        long all = f.perVerdictAndLabel().values().stream().mapToLong(m -> m.getOrDefault(label, 0L)).sum();
        return all == 0 ? null : removedShare(f, label);
    }

    static final String TO_HOLDOUT = "to the holdout";

    /**
     * Each generator's distances to its closest training image (solid) beside its distances to the closest real
     * holdout image (dashed, the same colour), as densities at the bin centres of the run's two histograms
     * ({@code histogram_dcr}, {@code histogram_dcr_holdout}). The holdout was never trained on: a generator that
     * reproduces its training images sits left of its own dashed line; one that does not has both lines on top of
     * each other. Leading bins that hold only memorised copies are left off the solid line, as in
     * {@link ComparisonCharts#dcrHistograms} (the copier's spike near 0 would squeeze every other curve). Null when no
     * generator carries both histograms.
     */
    public static Figure dcrTrainVsHoldout(ComparisonView v) {
        XYChart c = dcrTrainVsHoldoutChart(v);
        if (c == null) {
            return null;
        }
        boolean cut = c.getSeriesCollection().stream().anyMatch(x -> x.getName().contains(ComparisonCharts.COPIES_LEFT_OUT));
        return new Figure("Distance to the training set and to the holdout", "Per generator, the density of its images' "
                + "distances to the closest training image (solid) and to the closest real holdout image (dashed, same "
                + "colour): share of its images per unit of distance at the bin centres of the run's histograms. The "
                + "holdout images were never trained on, so a generator that reproduces its training images has its "
                + "solid line left of its dashed one; one that does not has the two on top of each other."
                + (cut ? " A generator marked \"copies " + ComparisonCharts.COPIES_LEFT_OUT + "\" has leading bins "
                        + "holding only images under the memorisation threshold left off its solid line (their share "
                        + "is in the legend)." : ""), ChartEncoding.svgDataUrl(c));
    }

    /** The chart behind {@link #dcrTrainVsHoldout}. */
    static XYChart dcrTrainVsHoldoutChart(ComparisonView v) {
        List<ComparisonView.Row> rows = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.GENERATOR
                && r.generator() != null && r.generator().dcrHistogram() != null
                && r.generator().dcrHoldoutHistogram() != null).toList();
        if (rows.isEmpty()) {
            return null;
        }
        // the legend below takes two lines per generator: the plot keeps its 360 px above it
        XYChart c = new XYChartBuilder().width(680).height(360 + 2 * 22 * rows.size())
                .title("Distance to the training set and to the holdout")
                .xAxisTitle("distance to the closest image (feature distance)")
                .yAxisTitle("density (share of images per unit distance)").build();
        ChartEncoding.style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Vertical);
        int i = 0;
        for (ComparisonView.Row r : rows) {
            java.awt.Color colour = ChartEncoding.PALETTE[i++ % ChartEncoding.PALETTE.length];
            Histogram train = r.generator().dcrHistogram();
            MetricResult memorized = r.generator().metric("memorized");
            int first = ComparisonCharts.copyBins(train,
                    memorized == null || !memorized.hasValue() ? 0 : Math.round(memorized.value()));
            long total = Arrays.stream(train.counts()).sum();
            long cut = 0;
            for (int b = 0; b < first; b++) {
                cut += train.counts()[b];
            }
            String name = r.name() + ": to training" + (cut > 0 ? String.format(Locale.ROOT, " (%s copies %s)",
                    Format.percent((double) cut / total), ComparisonCharts.COPIES_LEFT_OUT) : "");
            line(c, name, train, first, colour, null);
            line(c, r.name() + ": " + TO_HOLDOUT, r.generator().dcrHoldoutHistogram(), 0, colour, ComparisonCharts.DASHED);
        }
        return c;
    }

    /** One histogram from bin {@code first} on as a density line (share of all its images per unit distance). */
    private static void line(XYChart c, String name, Histogram h, int first, java.awt.Color colour,
                             java.awt.BasicStroke stroke) {
        long[] counts = h.counts();
        long total = Arrays.stream(counts).sum();
        int n = counts.length - first;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int b = first; b < counts.length; b++) {
            xs[b - first] = h.min() + (b + 0.5) * h.binWidth();
            ys[b - first] = total == 0 || h.binWidth() <= 0 ? 0 : counts[b] / (total * h.binWidth());
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE).setLineColor(colour);
        if (stroke != null) {
            s.setLineStyle(stroke);
        }
    }
}
