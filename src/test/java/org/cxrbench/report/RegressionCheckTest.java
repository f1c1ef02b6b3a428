package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nightly verdicts on multi.json against copies of it with chosen values changed. Expected limits by hand, z the
 * one-sided normal quantile at 0.001 / (lines judged): FID, baseline CI [2.31, 2.90] in both files: sd 0.59 / 3.92
 * each side, limit 2.55 + z sqrt(2) 0.59 / 3.92; precision 0.79 of 300 synthetic images: binomial, p = (237 + 1) /
 * 302, limit 0.79 - z sqrt(2 p (1 - p) / 300); memorized 0: Poisson, limit floor(z sqrt(2)); recall, density,
 * coverage and dcr_median record no uncertainty: not judged.
 */
class RegressionCheckTest {
    static Path nightly(Path dir, String name, Map<String, Double> faithful) throws IOException {
        JsonNode root = org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture("multi.json").toFile());
        ObjectNode m = (ObjectNode) root.path("generators").path("faithful").path("metrics");
        faithful.forEach((k, v) -> {
            if (v == null) {
                m.remove(k);
            } else {
                ((ObjectNode) m.get(k)).put("value", v);
            }
        });
        Path p = dir.resolve(name);
        org.cxrbench.common.Json.MAPPER.writeValue(p.toFile(), root);
        return p;
    }

    static RegressionCheck.Line line(RegressionCheck.Outcome o, String gen, String metric) {
        return o.lines().stream().filter(l -> l.generator().equals(gen) && l.metric().equals(metric)).findFirst()
                .orElseThrow();
    }

    @Test
    void toleranceRulesAndLimits() {
        MetricResult fid = ResultsSet.read(ResultsSetTest.fixture("multi.json")).generators().get(0).metric("fid");
        assertThat(Tolerance.parse("ci").limit(fid, true)).isEqualTo(2.90);
        assertThat(Tolerance.parse("abs:0.5").limit(fid, true)).isEqualTo(2.55 + 0.5);
        assertThat(Tolerance.parse("rel:0.1").limit(fid, false)).isCloseTo(2.55 * 0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> Tolerance.parse("pct:3")).hasMessageContaining("is not abs:X, rel:X or ci");
        assertThatThrownBy(() -> Tolerance.parse("abs:-1")).hasMessageContaining(">= 0");
    }

    @Test
    void worseBeyondTheToleranceRegressesAndTheRestPasses(@TempDir Path dir) throws IOException {
        ResultsSet base = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        ResultsSet same = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        RegressionCheck.Outcome o0 = RegressionCheck.judge(base, same, Map.of(), null, Set.of());
        assertThat(o0.regressed()).isFalse();
        assertThat(o0.lines()).allMatch(l -> l.verdict() == RegressionCheck.Verdict.OK
                || l.verdict() == RegressionCheck.Verdict.NOT_JUDGED);
        assertThat(o0.lines()).filteredOn(l -> l.verdict() == RegressionCheck.Verdict.NOT_JUDGED
                && l.generator().equals("faithful")).extracting(RegressionCheck.Line::metric).containsOnly("recall", "density", "coverage", "dcr_median");
        // the default judged set: the registry's headline metrics (fid_per_label is in the file, not judged)
        assertThat(o0.lines()).extracting(RegressionCheck.Line::metric).doesNotContain("fid_per_label");
        double z = UncertaintyTolerance.z(o0.lines().size());
        double fidLimit = 2.55 + z * Math.sqrt(2) * 0.59 / (2 * 1.959963984540054);
        assertThat(line(o0, "faithful", "fid").limit()).isCloseTo(fidLimit, org.assertj.core.data.Offset.offset(1e-9));
        double p = 238.0 / 302;
        assertThat(line(o0, "faithful", "precision").limit())
                .isCloseTo(0.79 - z * Math.sqrt(2 * p * (1 - p) / 300), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(line(o0, "faithful", "memorized").limit()).isEqualTo(Math.floor(z * Math.sqrt(2)));

        ResultsSet worse = ResultsSet.read(nightly(dir, "n.json", Map.of("fid", fidLimit + 0.01, "precision", 0.60,
                "recall", 0.50, "kid", 0.0009)));
        RegressionCheck.Outcome o = RegressionCheck.judge(base, worse, Map.of(), null, Set.of());
        assertThat(line(o, "faithful", "fid").verdict()).isEqualTo(RegressionCheck.Verdict.REGRESSED);
        assertThat(line(o, "faithful", "precision").verdict()).isEqualTo(RegressionCheck.Verdict.REGRESSED);
        assertThat(line(o, "faithful", "recall").verdict()).isEqualTo(RegressionCheck.Verdict.NOT_JUDGED);
        assertThat(line(o, "faithful", "kid").verdict()).isEqualTo(RegressionCheck.Verdict.IMPROVED);
        assertThat(o.problems()).hasSize(2);
        String table = RegressionCheck.table(o.problems());
        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table).contains("faithful   fid        lower").contains("regressed");

        // a per-metric tolerance wide enough lets the FID change pass
        RegressionCheck.Outcome loose = RegressionCheck.judge(base, worse, Map.of("fid", Tolerance.parse("abs:1.0")),
                null, Set.of("fid"));
        assertThat(loose.regressed()).isFalse();
        assertThat(loose.lines()).extracting(RegressionCheck.Line::metric).containsOnly("fid");
    }

    @Test
    void aMissingMetricIsARegression(@TempDir Path dir) throws IOException {
        ResultsSet base = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        java.util.HashMap<String, Double> drop = new java.util.HashMap<>();
        drop.put("dcr_median", null);
        RegressionCheck.Outcome o = RegressionCheck.judge(base, ResultsSet.read(nightly(dir, "m.json", drop)),
                Map.of(), null, Set.of());
        assertThat(line(o, "faithful", "dcr_median").verdict()).isEqualTo(RegressionCheck.Verdict.MISSING);
        assertThat(o.regressed()).isTrue();
    }

    @Test
    void aMetricTheFilterRemovedSaysSo(@TempDir Path dir) throws IOException {
        ResultsSet base = ResultsSet.read(ResultsSetTest.fixture("multi.json"));
        ObjectNode root = (ObjectNode) org.cxrbench.common.Json.MAPPER.readTree(ResultsSetTest.fixture("multi.json").toFile());
        ObjectNode g = (ObjectNode) root.path("generators").path("faithful");
        ObjectNode unfiltered = g.putObject("metrics_unfiltered");
        unfiltered.set("fid", g.path("metrics").path("fid").deepCopy());
        ((ObjectNode) unfiltered.get("fid")).put("value", 232.0);
        g.putObject("metrics");
        g.putObject("filter").put("total", 300).put("kept", 0).put("removed", 300);
        Path p = dir.resolve("filtered.json");
        org.cxrbench.common.Json.MAPPER.writeValue(p.toFile(), root);
        RegressionCheck.Outcome o = RegressionCheck.judge(base, ResultsSet.read(p), Map.of(), null, Set.of());
        RegressionCheck.Line fid = line(o, "faithful", "fid");
        assertThat(fid.verdict()).isEqualTo(RegressionCheck.Verdict.MISSING);
        assertThat(fid.rule()).isEqualTo("the quality filter removed all 300 images; unfiltered 232");
        assertThat(line(o, "faithful", "kid").rule()).startsWith("the quality filter removed all 300 images");
    }

    @Test
    void commandExitCodesHistoryTrendAndAccept(@TempDir Path dir) throws IOException {
        Path baseline = dir.resolve("nightly/accepted.json");
        Files.createDirectories(baseline.getParent());
        Files.copy(ResultsSetTest.fixture("multi.json"), baseline);
        Path good = nightly(dir, "good.json", Map.of("fid", 2.50));
        Path bad = nightly(dir, "bad.json", Map.of("fid", 3.50));
        Path html = dir.resolve("trend.html");
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", good.toString(), "-q"))
                .isEqualTo(Main.OK);
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", bad.toString(), "-q",
                "--report", html.toString())).isEqualTo(Main.REGRESSION);
        List<JsonNode> hist = RunHistory.read(baseline.resolveSibling("regress-history.jsonl"));
        assertThat(hist).extracting(h -> h.get("verdict").asText()).containsExactly("pass", "regression");
        assertThat(hist.get(1).get("regressed").get(0).asText()).isEqualTo("faithful/fid");
        assertThat(hist.get(1).path("metrics").path("faithful").path("fid").asDouble()).isEqualTo(3.50);
        assertThat(Files.readString(html)).contains("REGRESSION").contains("FID by run").contains("data:image/svg+xml");
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", bad.toString(),
                "--tolerance", "fid=bogus", "-q")).isEqualTo(Main.BAD_INPUT);

        byte[] old = Files.readAllBytes(baseline);
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", bad.toString(), "--accept",
                "-q")).isEqualTo(Main.OK);
        assertThat(Files.readAllBytes(baseline)).isEqualTo(Files.readAllBytes(bad));
        try (var kept = Files.list(baseline.resolveSibling("history"))) {
            List<Path> k = kept.toList();
            assertThat(k).hasSize(1);
            assertThat(Files.readAllBytes(k.get(0))).isEqualTo(old);
        }
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", bad.toString(), "-q"))
                .isEqualTo(Main.OK);
        assertThat(Main.execute("regress", "--baseline", dir.resolve("none.json").toString(), "--results",
                bad.toString(), "-q")).isEqualTo(Main.BAD_INPUT);
        // --accept with no baseline yet creates the first one
        Path fresh = dir.resolve("fresh/accepted.json");
        assertThat(Main.execute("regress", "--baseline", fresh.toString(), "--results", good.toString(), "--accept",
                "-q")).isEqualTo(Main.OK);
        assertThat(Files.readAllBytes(fresh)).isEqualTo(Files.readAllBytes(good));
    }
}
