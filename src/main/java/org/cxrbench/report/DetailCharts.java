package org.cxrbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/** Bar charts of the utility comparisons (with significance marks) and of what the quality filter removed. */
public final class DetailCharts {
    private DetailCharts() {}

    /**
     * Mean difference against the baseline per condition and metric, error bars the comparison's 95% CI (a t
     * interval, symmetric about the mean difference); "*" marks a comparison significant after the correction.
     */
    public static Figure utility(GeneratorResult g) {
        UtilityBlock u = g.utility();
        if (u == null || u.comparisons().isEmpty()) {
            return null;
        }
        List<String> cats = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        boolean symmetric = true;
        for (UtilityBlock.Comparison c : u.comparisons()) {
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

    /** Images per verdict and generator, stacked; null when no generator has a filter block with verdict counts. */
    public static Figure filter(List<GeneratorResult> gens) {
        List<GeneratorResult> with = gens.stream().filter(g -> g.filter() != null && !g.filter().perVerdict().isEmpty())
                .toList();
        if (with.isEmpty()) {
            return null;
        }
        Set<String> verdicts = new LinkedHashSet<>(BlockParser.VERDICTS);
        with.forEach(g -> verdicts.addAll(g.filter().perVerdict().keySet()));
        CategoryChart c = new CategoryChartBuilder().width(720).height(420).title("Quality filter verdicts")
                .xAxisTitle("generator").yAxisTitle("images").build();
        ChartEncoding.style(c);
        c.getStyler().setStacked(true).setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> names = with.stream().map(GeneratorResult::name).toList();
        ChartEncoding.categoryLabels(c, names, 600);
        for (String v : verdicts) {
            List<Double> ys = with.stream().map(g -> g.filter().perVerdict().getOrDefault(v, 0L).doubleValue()).toList();
            if (ys.stream().anyMatch(y -> y > 0)) {
                c.addSeries(v, names, ys);
            }
        }
        return new Figure("Quality filter verdicts", "Images per verdict of the quality judge, per generator, as "
                + "the filter stage counted them; the table above gives the kept and removed counts.",
                ChartEncoding.svgDataUrl(c));
    }
}
