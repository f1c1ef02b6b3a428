package org.cxrbench.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.GreyImage;
import org.cxrbench.encode.PixelEncoder;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.SetStats;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.cxrbench.privacy.PrivacyMetrics;

/**
 * A simulated nightly job on the phantom world: a fixed real training set and holdout, and each night a generator's
 * images drawn with a fresh seed, encoded (16 x 16 pixels), scored for fidelity (with bootstrap CIs), per-label
 * fidelity and privacy, and written as a results file the way a run writes one.
 */
final class NightlySimulation {
    static final int SIZE = 64;
    static final List<String> LABEL_KEYS = Arrays.stream(ChexpertLabel.values()).map(ChexpertLabel::key).toList();

    final List<Study> train;
    final Features trainF;
    final byte[][] trainLabels;
    final Features holdF;
    final SetStats trainStats;
    final PixelEncoder enc;
    final int bootstrap;
    final Map<String, MetricResult> floor;

    NightlySimulation(int patients, int bootstrap, int pixels) {
        this.bootstrap = bootstrap;
        this.enc = new PixelEncoder(pixels);
        train = World.cohort("t", 11, patients, 2, SIZE);
        List<Study> hold = World.cohort("h", 12, patients, 2, SIZE);
        trainF = encode(train.stream().map(s -> Renderer.render(s, SIZE).image()).toList());
        holdF = encode(hold.stream().map(s -> Renderer.render(s, SIZE).image()).toList());
        trainLabels = labels(train);
        trainStats = SetStats.of(trainF);
        FidelityMetrics.Options o = options(0);
        floor = new LinkedHashMap<>(FidelityMetrics.compute(trainStats, SetStats.of(holdF), o, 1));
        floor.putAll(FidelityMetrics.perLabel(trainF, trainLabels, holdF, labels(hold), o, LABEL_KEYS));
    }

    FidelityMetrics.Options options(long seed) {
        return new FidelityMetrics.Options(new LinkedHashSet<>(FidelityMetrics.DEFAULT), 5, 20, 200, bootstrap, seed,
                Fid.Route.SYMMETRIC, false, "lcg", 20);
    }

    Features encode(List<GreyImage> images) {
        int d = enc.dimension();
        double[] x = new double[images.size() * d];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(enc.encode(images.get(i)), 0, x, i * d, d);
        }
        return new Features(images.size(), d, x);
    }

    static byte[][] labels(List<Study> studies) {
        byte[][] out = new byte[studies.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = PhantomDatasets.labels(studies.get(i).findings()).toArray();
        }
        return out;
    }

    /** One night: the generator {@code spec} drawn with {@code seed}, scored and written to {@code file} as "g". */
    Path night(String spec, long seed, Path file) {
        List<Generators.Output> outs = Generators.generate(spec, train, SIZE, seed);
        Features syn = encode(outs.stream().map(Generators.Output::image).toList());
        byte[][] synLabels = labels(outs.stream().map(Generators.Output::requested).toList());
        FidelityMetrics.Options o = options(seed);
        Map<String, MetricResult> m = new LinkedHashMap<>(FidelityMetrics.compute(trainStats, SetStats.of(syn), o, 1));
        m.putAll(FidelityMetrics.perLabel(trainF, trainLabels, syn, synLabels, o, LABEL_KEYS));
        PrivacyMetrics.Result pr = PrivacyMetrics.compute(trainF, syn, holdF, PrivacyMetrics.Options.defaults());
        m.putAll(PrivacyMetrics.results(pr, null, trainF.n(), syn.n(),
                org.cxrbench.common.Metrics.ids(org.cxrbench.common.Family.PRIVACY), null));
        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        gens.put("g", new Evaluation.GeneratorResult(m, null, Map.of(), List.of(), org.cxrbench.common.ResultBlocks.NONE));
        ResultsJson.write(file, new Evaluation(Map.of(), new Evaluation.NoiseFloor("holdout vs train", floor), gens,
                List.of(), org.cxrbench.common.ResultBlocks.NONE,
                Provenance.builder("nightly-simulation").build()));
        return file;
    }
}
