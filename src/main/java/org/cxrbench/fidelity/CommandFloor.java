package org.cxrbench.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.Labels;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.linalg.Features;
import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.stats.Sampling;

/**
 * The noise floor of {@code ./cxrbench fidelity}: the holdout (at the synthetic set's N, or the synthetic set at the
 * holdout's), else two patient-disjoint halves of the real set (the synthetic set then measured against one half at
 * the other's N); a config run's floor is {@code FloorStages}'.
 */
final class CommandFloor {
    private CommandFloor() {}

    /**
     * Real-vs-real reference, measured exactly like the synthetic set (the same metrics, bootstrap CIs and KID
     * subsets, FID-inf and the per-label metrics when labels allow; {@link FidelityStages#measure}, as in a config
     * run): the holdout against the real set, or two patient-disjoint halves of the real set.
     */
    static Evaluation.NoiseFloor of(FidelityJob.Request req, Inputs.Loaded real, SetStats realStats, byte[][] realLabels,
                                            Features synthetic, byte[][] syntheticLabels, FidelityMetrics.Options o,
                                            Provenance.Builder prov, RunContext ctx) {
        if (o.metrics().isEmpty()) {
            return null;
        }
        if (req.holdout() != null) {
            Inputs.Loaded h = Inputs.load(ctx, req.holdout(), null, "holdout", req.encoder());
            h.record(prov, "holdout");
            if (real.manifest() != null && h.manifest() != null) {
                PatientSplits.checkDisjoint(real.manifest(), "real", h.manifest(), "holdout");
            }
            return holdoutFloor(real, realStats, realLabels, h.features(), FidelityJob.labels(h, null, "holdout"), synthetic,
                    syntheticLabels, o, ctx);
        }
        if (real.manifest() == null || !hasPatients(real.manifest())) {
            ctx.log().println("note: no noise floor (give --holdout, or a real manifest with patient ids)");
            return null;
        }
        return halvesFloor(real, synthetic, o, ctx);
    }

    /**
     * Two patient-disjoint halves a and b of the real set, with the synthetic set compared at the same two sizes: it is
     * measured against half a ({@code generator_at_n}), at b's N (a larger synthetic set drawn down to it; a smaller
     * one used whole, with b drawn down to its N for the floor). Draws are seeded, without replacement.
     */
    private static Evaluation.NoiseFloor halvesFloor(Inputs.Loaded real, Features synthetic, FidelityMetrics.Options o,
                                                     RunContext ctx) {
        Manifest halves = PatientSplits.split(real.manifest(), halvesSpec(), o.seed());
        List<Integer> ia = new ArrayList<>();
        List<Integer> ib = new ArrayList<>();
        for (int i = 0; i < halves.size(); i++) {
            (halves.get(i).split().equals("a") ? ia : ib).add(i);
        }
        Features a = real.features().rows(ia.stream().mapToInt(Integer::intValue).toArray());
        Features b = real.features().rows(ib.stream().mapToInt(Integer::intValue).toArray());
        int nb = b.n();
        int ns = synthetic.n();
        int[] draw = equalNDraw(nb, ns, o.seed());
        boolean drawHalf = draw != null && nb > ns;
        Features bAtN = drawHalf ? b.rows(draw) : b;
        Features sAtN = draw != null && !drawHalf ? synthetic.rows(draw) : synthetic;
        Set<String> noLabels = new LinkedHashSet<>(o.metrics());
        noLabels.removeAll(FidelityMetrics.PER_LABEL);
        FidelityMetrics.Options sized = FidelityStages.forSizes(o.withMetrics(noLabels), a.n(), bAtN.n());
        SetStats aStats = SetStats.of(a);
        Map<String, MetricResult> m = measureFloor(aStats, a, null, bAtN, null, sized, ctx);
        if (m == null) {
            return null;
        }
        Map<String, MetricResult> atN = measureFloor(aStats, a, null, sAtN, null, sized, ctx);
        String drawn = draw == null ? "" : (drawHalf ? "; half b drawn down to the synthetic set's N, " + ns
                + " of its " + nb + " images" : "; " + nb + " of the synthetic set's " + ns + " images")
                + ", drawn without replacement (seed " + o.seed() + ")";
        return new Evaluation.NoiseFloor("two patient-disjoint halves of the real set (" + a.n() + " vs " + bAtN.n()
                + " images: FID is biased upward at smaller N); the synthetic set is compared with it at those sizes, "
                + "measured against half a" + drawn + ": generator_at_n", m, atN == null ? Map.of() : atN);
    }

    /**
     * The holdout floor at the synthetic set's N: a larger holdout is drawn down to it; a smaller one is used whole and
     * the synthetic set is measured again on the holdout's N of its rows ({@code generator_at_n}). Draws are seeded,
     * without replacement ({@link Sampling#sortedDraw}).
     */
    private static Evaluation.NoiseFloor holdoutFloor(Inputs.Loaded real, SetStats realStats, byte[][] realLabels,
                                                      Features holdout, byte[][] holdoutLabels, Features synthetic,
                                                      byte[][] syntheticLabels, FidelityMetrics.Options o, RunContext ctx) {
        int nReal = real.features().n();
        int nh = holdout.n();
        int ns = synthetic.n();
        int[] draw = equalNDraw(nh, ns, o.seed());
        boolean drawHoldout = draw != null && nh > ns;
        Features h = drawHoldout ? holdout.rows(draw) : holdout;
        Map<String, MetricResult> m = measureFloor(realStats, real.features(), realLabels, h,
                drawHoldout ? Labels.rows(holdoutLabels, draw) : holdoutLabels, FidelityStages.forSizes(o, nReal, h.n()),
                ctx);
        if (m == null) {
            return null;
        }
        if (draw == null || drawHoldout) {
            return new Evaluation.NoiseFloor("real vs holdout (" + nReal + " vs " + h.n() + " images"
                    + (drawHoldout ? ": " + ns + " of the " + nh + " holdout images, drawn without replacement (seed "
                    + o.seed() + "), the synthetic set's N" : "") + "), measured like the synthetic set", m);
        }
        Map<String, MetricResult> atN = measureFloor(realStats, real.features(), realLabels, synthetic.rows(draw),
                Labels.rows(syntheticLabels, draw), FidelityStages.forSizes(o, nReal, nh), ctx);
        return new Evaluation.NoiseFloor("real vs holdout (" + nReal + " vs " + nh + " images), measured like the"
                + " synthetic set; the synthetic set is compared with it at that N: " + nh + " of its " + ns + " images,"
                + " drawn without replacement (seed " + o.seed() + "), measured like the whole set: generator_at_n", m,
                atN == null ? Map.of() : atN);
    }

    /**
     * The rows of the larger of a reference set (n rows) and the synthetic set (ns rows) kept to bring it to the
     * smaller one's N: a seeded draw without replacement ({@link Sampling#sortedDraw}); null when the two are equal or
     * the smaller has fewer than 2 rows.
     */
    private static int[] equalNDraw(int n, int ns, long seed) {
        return n == ns || Math.min(n, ns) < 2 ? null : Sampling.sortedDraw(seed, Math.max(n, ns), Math.min(n, ns));
    }

    private static Map<String, MetricResult> measureFloor(SetStats real, Features realFeatures, byte[][] realLabels,
                                                          Features other, byte[][] otherLabels, FidelityMetrics.Options o,
                                                          RunContext ctx) {
        try {
            return FidelityStages.measure(real, realFeatures, realLabels, other, otherLabels, o, ctx.threads(), null, null);
        } catch (BadInputException e) {
            ctx.log().println("note: no noise floor: " + e.getMessage());
            return null;
        }
    }

    private static Map<String, Double> halvesSpec() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("a", 0.5);
        f.put("b", 0.5);
        return f;
    }

    private static boolean hasPatients(Manifest m) {
        return m.records().stream().map(r -> r.patientId()).filter(p -> !p.isEmpty()).distinct().count() >= 4;
    }
}
