package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Features;
import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.stats.Sampling;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cxrbench fidelity} without {@code --holdout} (issue 20.2): the floor is two patient-disjoint halves a and
 * b of the real set, and the synthetic set is measured against half a at b's N ({@code generator_at_n}), so its
 * cell is compared at equal sizes on both sides: a synthetic set larger than b is drawn down to b's N, a smaller one
 * is used whole with b drawn down to its N. Without the pairing (before) the generator was measured against the whole
 * real set and every cell read "N≠".
 */
class HalvesFloorTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(ints = {100, 40})
    void theSyntheticSetIsComparedAtTheHalvesSizes(int syntheticN) {
        Features real = MomentsFidTest.gaussian(120, 6, 0, 1, 1);
        Features synthetic = MomentsFidTest.gaussian(syntheticN, 6, 0.3, 1, 2);
        List<ManifestRecord> records = new ArrayList<>();
        for (int i = 0; i < real.n(); i++) { // 30 patients, 4 images each
            records.add(new ManifestRecord("r" + i, "r" + i + ".png", "p" + (i / 4), null, null, null, null, null, null,
                    null, null, null, null, null, null));
        }
        Inputs.Loaded in = new Inputs.Loaded(real, "h", null, new Manifest(records, dir), null);
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        RunContext ctx = new RunContext(new FeatureCache(dir.resolve("cache")), 1, none, none);
        FidelityMetrics.Options o = new FidelityMetrics.Options(new LinkedHashSet<>(List.of("fid", "kid", "precision",
                "coverage")), 5, 10, 30, 0, 7, Fid.Route.SYMMETRIC, false);
        FidelityJob.Request req = new FidelityJob.Request(null, null, null, Set.of(), o, null, null, null, null, 0,
                null, null, "fidelity");
        Evaluation.NoiseFloor f = CommandFloor.of(req, in, SetStats.of(real), null, synthetic, null, o,
                Provenance.builder("fidelity"), ctx);

        MetricResult floor = f.metrics().get("fid");
        long na = floor.nReal();
        long nb = floor.nSynthetic();
        assertThat(na).as("half a: about half of the 120 rows, by patient").isBetween(40L, 80L);
        assertThat(nb).isEqualTo(Math.min(syntheticN, 120 - na));
        for (String k : o.metrics()) {
            MetricResult at = f.generatorAtN().get(k);
            assertThat(at.nReal()).as(k).isEqualTo(na);
            assertThat(at.nSynthetic()).as(k).isEqualTo(nb);
            assertThat(f.metrics().get(k).nReal()).as(k).isEqualTo(na);
            assertThat(f.metrics().get(k).nSynthetic()).as(k).isEqualTo(nb);
        }
        // generator_at_n is FID of half a against the seeded draw of the synthetic set, computed directly
        java.util.Map<String, Double> spec = new java.util.LinkedHashMap<>();
        spec.put("a", 0.5);
        spec.put("b", 0.5);
        Manifest halves = PatientSplits.split(in.manifest(), spec, 7);
        int[] ia = java.util.stream.IntStream.range(0, halves.size()).filter(i -> halves.get(i).split().equals("a"))
                .toArray();
        Features s = syntheticN > nb ? synthetic.rows(Sampling.sortedDraw(7, syntheticN, (int) nb)) : synthetic;
        double direct = FidelityMetrics.compute(real.rows(ia), s, o.withMetrics(Set.of("fid"))).get("fid").value();
        assertThat(f.generatorAtN().get("fid").value()).isEqualTo(direct);
        assertThat(f.method()).contains("generator_at_n").contains(syntheticN > nb ? nb + " of the synthetic set's "
                + syntheticN : "half b drawn down to the synthetic set's N, " + syntheticN);
    }
}
