package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the comparison charts draw, read back from the XChart objects (series, values, legend place) built from the
 * hand-written filtered.json, edited as a filtered run writes it: a generator the filter left with fewer images
 * carries its own noise floor at that N, and a copier's DCR histogram has a spike of memorised copies near 0.
 */
class ComparisonChartsTest {

    /**
     * filtered.json with off-topic(0.2) given its own floor at N = 160 (FID 3.1), as a filtered run writes it, and
     * faithful's KID negative.
     */
    static ResultsSet withOwnFloor(Path dir) throws Exception {
        ObjectNode root = (ObjectNode) org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture("filtered.json").toFile());
        ObjectNode g = (ObjectNode) root.path("generators").path("off-topic(0.2)");
        ObjectNode nf = g.putObject("noise_floor");
        nf.put("method", "at this generator's N: 160 of the 300 real holdout images");
        ObjectNode m = nf.putObject("metrics");
        for (String k : List.of("fid", "precision", "recall")) {
            ObjectNode e = ((ObjectNode) root.path("noise_floor").path("metrics").path(k)).deepCopy();
            e.put("n_synthetic", 160);
            m.set(k, e);
        }
        ((ObjectNode) m.path("fid")).put("value", 3.1).remove("ci95");
        // the unbiased KID estimate can fall below 0
        ((ObjectNode) root.path("generators").path("faithful").path("metrics").path("kid")).put("value", -0.0002);
        Path p = dir.resolve("own-floor.json");
        org.cxrbench.common.Json.MAPPER.writeValue(p.toFile(), root);
        return ResultsSet.read(p);
    }

    @Test
    void everyGeneratorsBarStandsBesideItsOwnFloorAndTheLegendIsBelowThePlot(@TempDir Path dir) throws Exception {
        ComparisonView v = ComparisonView.of(List.of(withOwnFloor(dir)));
        // two floors in the view (the run's at 300, off-topic's at 160): the floor used to be drawn only when there
        // was exactly one, while the caption promised it
        assertThat(v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.FLOOR)).hasSize(2);
        CategoryChart c = ComparisonCharts.intervalsChart(v, "fid");
        CategorySeries floor = c.getSeries(ComparisonCharts.FLOOR_SERIES);
        assertThat(floor).isNotNull();
        List<String> names = floor.getXData().stream().map(Object::toString).toList();
        double[] ys = floor.getYData();
        assertThat(ys[names.indexOf("faithful")]).isEqualTo(2.7);
        assertThat(ys[names.indexOf("off-topic(0.2)")]).isEqualTo(3.1);
        assertThat(c.getStyler().getLegendPosition().name()).startsWith("Outside");
        assertThat(ComparisonCharts.intervals(v, "fid").caption()).contains("light bar beside each");
    }

    @Test
    void aValueRangeOfTwoDecadesGetsALogarithmicAxisAndANegativeValueNever(@TempDir Path dir) throws Exception {
        ComparisonView v = ComparisonView.of(List.of(withOwnFloor(dir)));
        // the fixture's FIDs run from 2.7 (floor) to over 100 (low-contrast)
        assertThat(ComparisonCharts.intervalsChart(v, "fid").getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(ComparisonCharts.intervalsChart(v, "kid").getStyler().isYAxisLogarithmic()).isFalse();
    }

    @Test
    void theScattersDrawEveryFloorAsADiamondAndAFloorWithoutTheXMetricAsALine(@TempDir Path dir) throws Exception {
        ComparisonView v = ComparisonView.of(List.of(withOwnFloor(dir)));
        XYChart pr = ComparisonCharts.scatterChart(v, "recall", "precision");
        List<String> diamonds = pr.getSeriesCollection().stream().map(XYSeries::getName)
                .filter(n -> n.startsWith(ComparisonCharts.FLOOR_POINT)).toList();
        assertThat(diamonds).containsExactlyInAnyOrder("real vs real (noise floor), N=300",
                "real vs real (noise floor), N=160");
        // the floor has no memorised fraction: its FID is the dashed line the caption promises
        XYChart fp = ComparisonCharts.scatterChart(v, "memorized_fraction", "fid");
        XYSeries line = fp.getSeriesCollection().stream().filter(s -> s.getName().startsWith(ComparisonCharts.FLOOR_LINE))
                .findFirst().orElseThrow();
        assertThat(line.getYData()).containsExactly(2.7, 2.7);
        assertThat(ComparisonCharts.fidelityPrivacy(v).caption()).contains("dashed line");
    }

    static org.cxrbench.common.Histogram hist(long... counts) {
        return new org.cxrbench.common.Histogram(0.0, 1.0, counts);
    }

    @Test
    void aCopiersSpikeIsCutOnlyWhenItsBinsHoldNothingButItsMemorisedCopies() {
        // 30 copies in bin 0, an empty gap, then the rest from bin 12: the copies are left off the axis
        long[] copier = new long[20];
        copier[0] = 30;
        for (int b = 12; b < 20; b++) {
            copier[b] = 10;
        }
        assertThat(ComparisonCharts.copyBins(hist(copier), 30)).isEqualTo(12);
        // more in the first bin than the run counted as memorised: not only copies, drawn
        assertThat(ComparisonCharts.copyBins(hist(copier), 20)).isZero();
        // no empty bin after the copies: they share the range with the rest, drawn
        assertThat(ComparisonCharts.copyBins(hist(30, 5, 5, 5), 30)).isZero();
        assertThat(ComparisonCharts.copyBins(hist(copier), 0)).isZero();
    }

    @Test
    void theDcrChartLeavesTheCopiesOffTheAxisAndSaysSo(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture("filtered.json").toFile());
        ObjectNode gens = (ObjectNode) root.path("generators");
        for (String name : List.of("faithful", "memorizer(0.3)")) {
            ObjectNode h = ((ObjectNode) gens.path(name)).putObject("histogram_dcr");
            boolean copier = name.startsWith("memorizer");
            h.put("min", copier ? 0.0 : 20.0).put("bin_width", copier ? 1.5 : 0.5);
            ArrayNode counts = h.putArray("counts");
            for (int b = 0; b < 20; b++) {
                counts.add(copier ? (b == 0 ? 60 : b >= 13 ? 20 : 0) : 10);
            }
            if (copier) {
                ObjectNode mem = ((ObjectNode) gens.path(name).path("metrics")).putObject("memorized");
                mem.put("value", 60).put("direction", "lower").put("family", "privacy").put("n_synthetic", 200);
            }
        }
        Path p = dir.resolve("dcr.json");
        org.cxrbench.common.Json.MAPPER.writeValue(p.toFile(), root);
        XYChart c = ComparisonCharts.dcrChart(ComparisonView.of(List.of(ResultsSet.read(p))));
        XYSeries mem = c.getSeriesCollection().stream().filter(s -> s.getName().startsWith("memorizer")).findFirst()
                .orElseThrow();
        // 60 of 200 images cut, and the curve starts at the first bin after the gap (centre 0 + 13.5 x 1.5)
        assertThat(mem.getName()).contains("30% copies " + ComparisonCharts.COPIES_LEFT_OUT);
        assertThat(mem.getXData()[0]).isEqualTo(20.25);
        // densities: 10 of 200 images in a bin 0.5 wide
        XYSeries faithful = c.getSeries("faithful");
        assertThat(faithful.getYData()[0]).isEqualTo(10.0 / (200 * 0.5));
        assertThat(c.getStyler().getLegendPosition()).isEqualTo(Styler.LegendPosition.OutsideS);
    }

    @Test
    void theRemovalChartIsAHeatMapOfGeneratorsByPathology() {
        List<NamedResult> gens = FilterViewTest.read().generators();
        org.knowm.xchart.HeatMapChart c = DetailCharts.filterByLabelChart(gens);
        var s = c.getHeatMapSeries();
        List<?> rows = new java.util.ArrayList<>(s.getYData());
        List<?> cols = new java.util.ArrayList<>(s.getXData());
        // first generator on the top row (XChart draws row 0 at the bottom)
        assertThat(rows.get(rows.size() - 1)).isEqualTo(gens.get(0).name());
        int x = cols.indexOf("cardiomegaly");
        int y = rows.indexOf("blurry(1.5)");
        Number share = null;
        for (Number[] n : s.getHeatData()) {
            if (n[0].intValue() == x && n[1].intValue() == y) {
                share = n[2];
            }
        }
        // blurry(1.5): cardiomegaly high 12, medium 24, low 36, not-relevant 8 -> (36 + 8) / 80 removed
        assertThat(share.doubleValue()).isEqualTo(44.0 / 80);
    }

    @Test
    void aChangeNearZeroIsWrittenAbsoluteOnly() {
        assertThat(FilterTable.relativeChange(43.6, 12.1)).isEqualTo(" (−72%)");
        // KID -0.0001778 -> -0.01381 read "−7667%" before
        assertThat(FilterTable.relativeChange(-0.0001778, -0.01381)).isEmpty();
        assertThat(FilterTable.relativeChange(0.984, -0.0297)).isEmpty();
        assertThat(FilterTable.relativeChange(0.0, 1.0)).isEmpty();
    }
}
