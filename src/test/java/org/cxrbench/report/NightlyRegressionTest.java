package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.cli.Main;
import org.cxrbench.common.Metrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated nightly job (issue: regression tolerances from the uncertainty): a generator compared with itself on
 * a fresh seed every night passes 20 nights of 20 under the default tolerances, and a real regression (blur,
 * memorisation, label ignorance; the phantom generators) fails on the first night it appears. The judged set is the
 * registry's headline metrics plus, on request, the per-label FID cells (label ignorance shows only there).
 */
class NightlyRegressionTest {
    @TempDir static Path dir;
    static NightlySimulation sim;
    static Path baseline;
    static Set<String> judged;

    @BeforeAll
    static void firstBaseline() {
        sim = new NightlySimulation(100, 20, 12);
        baseline = dir.resolve("nightly/accepted.json");
        Path first = sim.night("faithful", 1000, dir.resolve("night0.json"));
        // no baseline yet: --accept creates the first one from these results
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", first.toString(),
                "--accept", "-q")).isEqualTo(Main.OK);
        assertThat(baseline).exists();
        judged = new LinkedHashSet<>(Metrics.headline());
        judged.add("fid_per_label");
    }

    static RegressionCheck.Outcome night(String spec, long seed) {
        Path p = sim.night(spec, seed, dir.resolve("night-" + seed + ".json"));
        return RegressionCheck.judge(ResultsSet.read(baseline), ResultsSet.read(p), Map.of(), null, judged);
    }

    @Test
    void theSameGeneratorOnAFreshSeedPassesTwentyNightsOfTwenty() {
        List<String> alarms = new ArrayList<>();
        int nights = 0;
        int judgedLines = 0;
        for (long seed = 1001; seed <= 1020; seed++) {
            RegressionCheck.Outcome o = night("faithful", seed);
            nights++;
            judgedLines = o.lines().size();
            o.problems().forEach(l -> alarms.add(l.metric() + " " + l.baseline() + " -> " + l.result() + " limit "
                    + l.limit() + " (" + l.rule() + ")"));
            // counts with a baseline of 0 or 1 get an absolute tolerance, not 5% of nothing
            assertThat(o.lines()).filteredOn(l -> l.metric().equals("exact_copies")).allMatch(l -> l.limit() >= 3);
        }
        assertThat(nights).isEqualTo(20);
        // what the simulated results record no uncertainty for is said, not guessed
        RegressionCheck.Outcome last = night("faithful", 1021);
        assertThat(last.lines()).filteredOn(l -> l.verdict() == RegressionCheck.Verdict.NOT_JUDGED)
                .extracting(RegressionCheck.Line::metric).containsExactlyInAnyOrder("identifiability");
        assertThat(last.lines()).filteredOn(l -> l.verdict() != RegressionCheck.Verdict.NOT_JUDGED)
                .extracting(RegressionCheck.Line::metric).contains("fid", "kid", "precision", "recall", "density", "coverage",
                        "exact_copies", "dcr_median",
                        "memorized", "memorized_fraction", "fid_per_label[cardiomegaly]");
        assertThat(judgedLines).isGreaterThan(15); // headline metrics and the per-label cells
        assertThat(alarms).as("false alarms over 20 nights").isEmpty();
    }

    static List<String> regressed(RegressionCheck.Outcome o) {
        return o.problems().stream().map(RegressionCheck.Line::metric).toList();
    }

    @Test
    void blurMemorisationAndLabelIgnoranceFail() {
        assertThat(regressed(night("blurry(1.5)", 2001))).contains("fid", "kid");
        assertThat(regressed(night("memorizer(0.3)", 2002))).contains("memorized", "memorized_fraction");
        List<String> ignorant = regressed(night("label-ignorant", 2003));
        assertThat(ignorant).contains("fid_per_label[cardiomegaly]");
        assertThat(ignorant).allMatch(m -> m.startsWith("fid_per_label[")); // only the per-label cells see it
    }

    @Test
    void perLabelCellsAreJudgedOnlyOnRequest() {
        Path p = sim.night("label-ignorant", 2004, dir.resolve("li.json"));
        RegressionCheck.Outcome byDefault = RegressionCheck.judge(ResultsSet.read(baseline), ResultsSet.read(p),
                Map.of(), null, Set.of());
        assertThat(byDefault.lines()).extracting(RegressionCheck.Line::metric)
                .allMatch(m -> Metrics.get(m).headline()).noneMatch(m -> m.contains("["));
    }

    @Test
    void runAndRegressKeepSeparateHistories() throws Exception {
        Path p = sim.night("faithful", 3001, dir.resolve("h.json"));
        assertThat(Main.execute("regress", "--baseline", baseline.toString(), "--results", p.toString(), "-q"))
                .isEqualTo(Main.OK);
        assertThat(baseline.resolveSibling("regress-history.jsonl")).exists();
        assertThat(Files.exists(baseline.resolveSibling("history.jsonl"))).isFalse();
    }
}
