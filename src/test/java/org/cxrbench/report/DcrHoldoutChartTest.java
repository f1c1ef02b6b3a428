package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holdout's DCR histogram ({@code histogram_dcr_holdout}) is drawn beside the training-set DCR density: two lines
 * per generator, read back from the XChart object, and the figure on the comparison page.
 */
class DcrHoldoutChartTest {

    /** filtered.json with both histograms on faithful (no copies) and memorizer(0.3) (60 of 200 copies at 0). */
    static ComparisonView withHoldoutHistograms(Path dir, boolean holdout) throws Exception {
        ObjectNode root = (ObjectNode) org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture("filtered.json").toFile());
        ObjectNode gens = (ObjectNode) root.path("generators");
        for (String name : List.of("faithful", "memorizer(0.3)")) {
            ObjectNode g = (ObjectNode) gens.path(name);
            boolean copier = name.startsWith("memorizer");
            histogram(g.putObject("histogram_dcr"), copier ? 0.0 : 20.0, copier ? 1.5 : 0.5,
                    b -> copier ? (b == 0 ? 60 : b >= 13 ? 20 : 0) : 10);
            if (holdout) {
                // to the holdout nobody is a copy: 200 images over 20 bins of 0.5 from 21
                histogram(g.putObject("histogram_dcr_holdout"), 21.0, 0.5, b -> 10);
            }
            if (copier) {
                ObjectNode mem = ((ObjectNode) g.path("metrics")).putObject("memorized");
                mem.put("value", 60).put("direction", "lower").put("family", "privacy").put("n_synthetic", 200);
            }
        }
        Path p = dir.resolve("dcr.json");
        org.cxrbench.common.Json.MAPPER.writeValue(p.toFile(), root);
        return ComparisonView.of(List.of(ResultsSet.read(p)));
    }

    static void histogram(ObjectNode h, double min, double width, java.util.function.IntUnaryOperator count) {
        h.put("min", min).put("bin_width", width);
        ArrayNode counts = h.putArray("counts");
        for (int b = 0; b < 20; b++) {
            counts.add(count.applyAsInt(b));
        }
    }

    @Test
    void eachGeneratorHasItsTrainingLineAndADashedHoldoutLineInTheSameColour(@TempDir Path dir) throws Exception {
        XYChart c = DetailCharts.dcrTrainVsHoldoutChart(withHoldoutHistograms(dir, true));
        assertThat(c.getSeriesCollection().stream().map(s -> s.getName()).toList()).containsExactly("faithful: to training",
                "faithful: " + DetailCharts.TO_HOLDOUT,
                "memorizer(0.3): to training (30% copies " + ComparisonCharts.COPIES_LEFT_OUT + ")",
                "memorizer(0.3): " + DetailCharts.TO_HOLDOUT);
        XYSeries hold = c.getSeries("memorizer(0.3): " + DetailCharts.TO_HOLDOUT);
        XYSeries train = c.getSeriesCollection().stream().filter(s -> s.getName().startsWith("memorizer(0.3): to training"))
                .findFirst().orElseThrow();
        assertThat(hold.getLineStyle()).isSameAs(ComparisonCharts.DASHED);
        assertThat(train.getLineStyle()).isNotSameAs(ComparisonCharts.DASHED);
        assertThat(hold.getLineColor()).isEqualTo(train.getLineColor());
        // the holdout line: every bin, at its centre, a density of 10 of 200 images in 0.5 (integrates to 1)
        assertThat(hold.getXData()).hasSize(20);
        assertThat(hold.getXData()[0]).isEqualTo(21.25);
        double area = 0;
        for (double y : hold.getYData()) {
            area += y * 0.5;
        }
        assertThat(area).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        // the training line leaves the copier's copies off the axis, as the DCR chart does
        assertThat(train.getXData()[0]).isEqualTo(20.25);
    }

    @Test
    void theFigureIsOnTheComparisonPageOnlyWhenTheRunHadAHoldout(@TempDir Path dir) throws Exception {
        Figure f = DetailCharts.dcrTrainVsHoldout(withHoldoutHistograms(dir, true));
        assertThat(f).isNotNull();
        assertThat(f.caption()).contains("holdout").contains("dashed");
        assertThat(CompareHtml.render(withHoldoutHistograms(dir, true))).contains(f.title());
        assertThat(DetailCharts.dcrTrainVsHoldout(withHoldoutHistograms(dir, false))).isNull();
        assertThat(CompareHtml.render(withHoldoutHistograms(dir, false))).doesNotContain(f.title());
    }
}
