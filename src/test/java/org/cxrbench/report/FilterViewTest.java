package org.cxrbench.report;

import org.cxrbench.common.FilterCounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter view against a hand-written results file (filtered.json: 8 generators with "filter" blocks and
 * "metrics_unfiltered"); expected values are the fixture's own numbers.
 */
class FilterViewTest {
    static ResultsSet read() {
        return ResultsSet.read(ResultsSetTest.fixture("filtered.json"));
    }

    static NamedResult gen(ResultsSet s, String name) {
        return s.generators().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsCountsRemovedVerdictsAndTheUnfilteredMetrics() {
        FilterCounts f = gen(read(), "blurry(1.5)").filter();
        assertThat(f.total()).isEqualTo(200L);
        assertThat(f.kept()).isEqualTo(90L);
        assertThat(f.removed()).isEqualTo(110L);
        assertThat(f.perVerdict()).containsEntry("low", 90L).containsEntry("not-relevant", 20L);
        // "judge": {"keep": [high, medium]}: the others were removed
        assertThat(f.removedOrInferred()).containsExactly("low", "not-relevant");
        assertThat(f.perVerdictAndLabel().get("low")).containsEntry("cardiomegaly", 36L);
        assertThat(gen(read(), "blurry(1.5)").unfiltered().get("fid").value()).isEqualTo(61.0);
        assertThat(gen(read(), "blurry(1.5)").unfiltered().get("fid").nSynthetic()).isEqualTo(200L);
        // cardiomegaly: high 12, medium 24, low 36, not-relevant 8 -> (36 + 8) / 80 removed
        assertThat(DetailCharts.removedShare(f, "cardiomegaly")).isEqualTo(44.0 / 80);
        // without a judge list, the default policy is inferred only when its counts add up to "removed"
        FilterCounts noJudge = new FilterCounts(200L, 90L, 110L, f.perVerdict(), f.perLabel(), null);
        assertThat(noJudge.removedOrInferred()).containsExactly("low", "not-relevant");
        assertThat(new FilterCounts(200L, 90L, 100L, f.perVerdict(), f.perLabel(), null).removedOrInferred()).isNull();
    }

    @Test
    void thePageShowsTheBeforeAfterTableAndBothFilterCharts() {
        String html = CompareHtml.render(ComparisonView.of(List.of(read())));
        assertThat(html).contains("What the quality filter removed", "Fidelity before and after filtering",
                "Quality filter verdicts", "Removed by the filter, per pathology");
        int t = html.indexOf("Fidelity before and after filtering");
        String table = html.substring(t, html.indexOf("</table>", t));
        // off-topic(0.2): FID 43.6 on all 200 images -> 12.1 on the 160 kept, lower is better
        assertThat(table).contains("200 → 160", "43.6 → <b>12.1</b><br><span class=\"ci\">-31.5 (−72%) better");
        // precision rises for blurry(1.5): higher is better
        assertThat(table).contains("0.09 → <b>0.12</b>");
        assertThat(table.split("class=\"up\"", -1).length - 1).isGreaterThan(8);
    }

    /** filtered.json with low-contrast(0.4) emptied by the filter: kept 0 of 200, FID 232 before it. */
    static ResultsSet emptied(Path dir) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture("filtered.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode g = (com.fasterxml.jackson.databind.node.ObjectNode)
                root.path("generators").path("low-contrast(0.4)");
        g.putObject("metrics");
        ((com.fasterxml.jackson.databind.node.ObjectNode) g.path("filter")).put("kept", 0).put("removed", 200);
        ((com.fasterxml.jackson.databind.node.ObjectNode) g.path("metrics_unfiltered").path("fid")).put("value", 232.0);
        Path p = dir.resolve("emptied.json");
        org.cxrbench.common.Json.MAPPER.writeValue(p.toFile(), root);
        return ResultsSet.read(p);
    }

    @Test
    void aGeneratorTheFilterEmptiedKeepsItsUnfilteredValuesMarked(@TempDir Path dir) throws Exception {
        ComparisonView v = ComparisonView.of(List.of(emptied(dir)));
        ComparisonView.Row r = v.rows().stream().filter(x -> x.name().equals("low-contrast(0.4)")).findFirst().orElseThrow();
        assertThat(r.filteredOut()).isTrue();
        assertThat(r.cell("fid").unfiltered()).isTrue();
        assertThat(r.cell("fid").entry().value()).isEqualTo(232.0);
        assertThat(r.cell("fid").best()).isFalse();
        assertThat(r.chartLabel("fid")).isEqualTo("low-contrast(0.4) (unfiltered)");
        assertThat(CompareHtml.nText(r)).startsWith("all 200 removed by the quality filter; values before it: ");
        String html = CompareHtml.render(v);
        int t = html.indexOf("<table>");
        String main = html.substring(t, html.indexOf("</table>", t));
        assertThat(main).contains("low-contrast(0.4)", "232 <span class=\"mark\">(unfiltered)</span>",
                "all 200 removed by the quality filter");
        assertThat(ComparisonTables.markdown(v)).contains("| _232 [213.4, 252.9]_ (unfiltered)");
        assertThat(ComparisonTables.csv(ComparisonTables.table(v))).contains("fid_unfiltered").contains("before_filter");
        // the interval chart has a bar for it (the charts draw every row with a cell)
        assertThat(ComparisonCharts.intervals(v, "fid")).isNotNull();
    }

    @Test
    void theFilteredPageLoadsInChromium(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(HeadlessBrowserTest.chromium() != null, "chromium is not installed");
        String html = CompareHtml.render(ComparisonView.of(List.of(read())));
        int images = html.split("<img ", -1).length - 1;
        assertThat(images).isGreaterThanOrEqualTo(5);
        HeadlessBrowserTest.assertClean(HeadlessBrowserTest.open(dir, html), images);
    }
}
