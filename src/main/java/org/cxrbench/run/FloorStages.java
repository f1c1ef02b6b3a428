package org.cxrbench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.data.Labels;
import org.cxrbench.fidelity.FidelityJob;
import org.cxrbench.fidelity.FidelityStages;
import org.cxrbench.linalg.Features;
import org.cxrbench.pipeline.ConfigData;
import org.cxrbench.pipeline.Stage;
import org.cxrbench.pipeline.StageCache;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.privacy.PrivacyStages;
import org.cxrbench.stats.Sampling;

/**
 * The real-vs-real noise floor of a config run: the real holdout scored against the real training set exactly like a
 * generator's set (the fidelity family's measurement with the same bootstrap, and the privacy family's), one cached
 * stage. Besides the floor at the holdout's N, each generator whose kept N is below it gets its own floor at that N
 * (N holdout rows drawn without replacement, seeded); a generator with more images than the holdout is compared at
 * the holdout's N instead (the holdout's N of its rows drawn without replacement, seeded, measured like the whole
 * set: {@link Evaluation.NoiseFloor#generatorAtN}). Either way every fidelity value is read against a floor at equal
 * N ({@link #forGenerator}).
 */
final class FloorStages {
    private final RunConfig cfg;
    private final ConfigData.Encoded train;
    private final ConfigData.Encoded holdout;
    private final StageCache stages;
    private final FidelityStages fidelity;
    private final PrivacyStages privacy;
    private final java.util.function.Supplier<ConfigData.Encoded> reidHoldout;
    private final java.util.function.Supplier<Evaluation> full;

    FloorStages(RunConfig cfg, ConfigData.Encoded train, ConfigData.Encoded holdout, StageCache stages,
                FidelityStages fidelity, PrivacyStages privacy) {
        this.cfg = cfg;
        this.train = train;
        this.holdout = holdout;
        this.stages = stages;
        this.fidelity = fidelity;
        this.privacy = privacy;
        this.reidHoldout = org.cxrbench.pipeline.Memo.of(() -> privacy.reidFeatures(holdout));
        this.full = org.cxrbench.pipeline.Memo.of(() -> holdout == null ? null : floor(null));
    }

    /** The floor at the holdout's N (null without a holdout); its stage runs once however many generators ask. */
    Evaluation full() {
        return full.get();
    }

    /**
     * The floor a generator's fidelity values are compared with, at equal N: below the holdout's N, a floor drawn at
     * the generator's N; above it, the run's floor with the generator measured on the holdout's N of its images;
     * null when the run's floor already has the generator's N, or there is no holdout (or fewer than 2 rows).
     */
    Evaluation.NoiseFloor forGenerator(String name, ConfigData.Encoded generator) {
        int n = generator.features().n();
        int m = holdout == null ? 0 : holdout.features().n();
        if (holdout == null || n == m || n < 2 || m < 2) {
            return null;
        }
        if (n > m) {
            Evaluation atM = fidelity.fidelityOfRows(name, generator, rows(n, m));
            return new Evaluation.NoiseFloor(String.format(Locale.ROOT, "the run's floor (all %d real holdout images);"
                    + " the generator is compared with it at that N: %d of its %d images, drawn without replacement"
                    + " (seed %d), scored against the real training set exactly like the whole set (the same metrics,"
                    + " bootstrap and KID subsets): generator_at_n", m, m, n, cfg.seed()), full().metrics(),
                    atM.metrics());
        }
        Evaluation e = floor(rows(m, n));
        return new Evaluation.NoiseFloor(String.format(Locale.ROOT, "at this generator's N: %d of the %d real holdout"
                + " images, drawn without replacement (seed %d), scored against the real training set exactly like the"
                + " generator's set (the same metrics, bootstrap and KID subsets)", n, m, cfg.seed()), e.metrics());
    }

    /** n of {@code of} rows: a seeded draw without replacement, in ascending order. */
    int[] rows(int of, int n) {
        return Sampling.sortedDraw(cfg.seed(), of, n);
    }

    /** The floor stage over {@code rows} of the holdout (null: all of them). */
    private Evaluation floor(int[] rows) {
        Features h = rows == null ? holdout.features() : holdout.features().rows(rows);
        byte[][] hl = rows == null ? holdout.labels() : Labels.rows(holdout.labels(), rows);
        boolean reid = privacy.reid(holdout);
        ConfigData.Encoded reidHold = reid ? reidHoldout.get() : null;
        FloorSettings s = new FloorSettings(fidelity.settings(fidelity.options(h.n())), privacy.keySettings());
        Map<String, String> in = new LinkedHashMap<>();
        in.put("train", train.key());
        in.put("holdout", holdout.key());
        in.put("real_labels", ConfigData.labelsHash(train.labels()));
        in.put("holdout_labels", ConfigData.labelsHash(holdout.labels()));
        in.put("reid_holdout", reid ? reidHold.key() : "none");
        if (rows != null) {
            in.put("holdout_rows", "seeded draw without replacement: " + rows.length + " rows");
        }
        String label = rows == null ? "holdout" : "holdout@" + rows.length;
        return stages.run(Stage.of("noise-floor", label, s, in, StageCache.EVALUATION, (c, key) -> {
            Map<String, MetricResult> m = new LinkedHashMap<>(fidelity.floor(h, hl));
            Features reidRows = !reid ? null : rows == null ? reidHold.features() : reidHold.features().rows(rows);
            Evaluation p = privacy.floor(h, reidRows);
            m.putAll(p.metrics());
            return Evaluation.single(m, null, List.of(), p.blocks(), StageCache.stageProvenance("noise-floor", key));
        }));
    }

    /**
     * How the floor was drawn, from the data themselves: N and patient structure of both sets, whether they share
     * patients, whether the holdout has the training set's label mix, and the CI settings.
     */
    String method() {
        int boot = cfg.fidelity().bootstrap();
        return String.format(Locale.ROOT, "real holdout vs real train, scored exactly like each generator's set against"
                + " the same training set: %s, against %s; %s; %s; %s", structure(holdout), structure(train),
                disjoint(), labelMix(), boot == 0 ? "no CIs (bootstrap: 0)"
                : "95% intervals as for the generators (FID, KID, FID-inf: delete-a-group jackknife of both "
                        + "sets; PRDC: two-part delete-d jackknife)");
    }

    private static String structure(ConfigData.Encoded e) {
        String[] p = e.patients();
        if (p == null) {
            return e.features().n() + " images (no patient ids)";
        }
        long np = Arrays.stream(p).distinct().count();
        return String.format(Locale.ROOT, "%d images of %d patients (%.2f studies per patient)", e.features().n(), np,
                e.features().n() / (double) np);
    }

    private String disjoint() {
        String[] t = train.patients();
        String[] h = holdout.patients();
        if (t == null || h == null) {
            return "patient overlap unknown (no patient ids)";
        }
        Set<String> ts = Set.of(Arrays.stream(t).distinct().toArray(String[]::new));
        long shared = Arrays.stream(h).distinct().filter(ts::contains).count();
        return shared == 0 ? "patient-disjoint" : shared + " patients in both sets";
    }

    /** "the training set's label mix exactly", or the largest prevalence gap of an independently drawn mix. */
    private String labelMix() {
        byte[][] t = train.labels();
        byte[][] h = holdout.labels();
        if (t == null || h == null) {
            return "label mix not compared (labels missing)";
        }
        java.util.Comparator<byte[]> cmp = Arrays::compare;
        List<byte[]> ts = new ArrayList<>(List.of(t));
        List<byte[]> hs = new ArrayList<>(List.of(h));
        ts.sort(cmp);
        hs.sort(cmp);
        if (ts.size() == hs.size() && java.util.stream.IntStream.range(0, ts.size())
                .allMatch(i -> Arrays.equals(ts.get(i), hs.get(i)))) {
            return "with exactly the training set's label mix (the one the generators are prompted with)";
        }
        double worst = -1;
        String which = "";
        for (int c = 0; c < FidelityJob.LABEL_KEYS.size(); c++) {
            double gap = Math.abs(prevalence(t, c) - prevalence(h, c));
            if (gap > worst) {
                worst = gap;
                which = FidelityJob.LABEL_KEYS.get(c);
            }
        }
        return String.format(Locale.ROOT, "its label mix is its own, not the training set's the generators are prompted"
                + " with (largest prevalence gap %.1f points, %s), which raises the floor's FID", 100 * worst, which);
    }

    private static double prevalence(byte[][] l, int c) {
        long pos = Arrays.stream(l).filter(r -> c < r.length && r[c] == Labels.POSITIVE).count();
        return pos / (double) l.length;
    }

    /**
     * A floor stage's settings: the fidelity and the privacy settings side by side at the top level (both carry the
     * run's seed, written once), as a generator's two stages have them.
     */
    record FloorSettings(@com.fasterxml.jackson.annotation.JsonUnwrapped org.cxrbench.fidelity.FidelitySettings fidelity,
                         @com.fasterxml.jackson.annotation.JsonUnwrapped org.cxrbench.privacy.PrivacySettings privacy) {}
}
