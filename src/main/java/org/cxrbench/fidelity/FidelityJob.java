package org.cxrbench.fidelity;

import org.cxrbench.pipeline.Inputs;
import org.cxrbench.common.Outputs;
import org.cxrbench.pipeline.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.KidDifference;
import org.cxrbench.common.ResultBlocks;
import org.cxrbench.common.MetricDetails;
import org.cxrbench.common.MetricParams;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.linalg.Features;
import org.cxrbench.stats.Sampling;

/**
 * ./cxrbench fidelity: load both sets, compute the requested metrics (default: all that the inputs allow), the
 * real-vs-real noise floor when it can, an optional permutation test against a second generator, and write the
 * contract's JSON.
 */
public final class FidelityJob {
    private FidelityJob() {}

    /**
     * @param metrics      requested keys, or null for the default set the inputs allow
     * @param holdout      real images not used for the reference, for the noise floor (optional)
     * @param compareWith  a second synthetic set for the KID permutation test (optional)
     */
    public record Request(Path real, Path synthetic, String encoder, Set<String> metrics, FidelityMetrics.Options options,
                          Path realLabels, Path syntheticLabels, Path holdout, Path compareWith, int permutations,
                          Path json, Path saveRealStats, String command) {}

    /** The radiomics features FRD is computed on, and the encoder that made them. */
    record FrdInputs(Features real, Features synthetic, String encoder) {}

    public static final List<String> LABEL_KEYS = java.util.Arrays.stream(ChexpertLabel.values()).map(ChexpertLabel::key).toList();

    /** Checks that need no data: outputs writable, inputs present. Run before any encoding. */
    static void check(Request req) {
        Outputs.requireWritable("json", req.json(), "save-real-stats", req.saveRealStats());
        Inputs.requireExisting("holdout", req.holdout(), "compare-with", req.compareWith(),
                "real-labels", req.realLabels(), "synthetic-labels", req.syntheticLabels());
    }

    public static Evaluation run(Request req, RunContext ctx) {
        check(req);
        PrintStream log = ctx.log();
        Provenance.Builder prov = Provenance.builder(req.command()).threads(ctx.threads());
        if (req.real() != null && req.real().getFileName().toString().endsWith(".npz")) {
            return fromStats(req, prov, ctx);
        }
        Inputs.Loaded real = Inputs.load(ctx, req.real(), null, "real", req.encoder());
        Inputs.Loaded syn = Inputs.load(ctx, req.synthetic(), null, "synthetic", req.encoder());
        Inputs.checkSameEncoder(real, req.real(), syn, req.synthetic());
        SetStats realStats = metrics(req).contains("fid") ? StatsCache.of(real, ctx)
                : SetStats.of(real.features(), ctx.clusterKernels());
        if (req.saveRealStats() != null) {
            saveStats(req, real, realStats.gaussian(), log);
        }
        real.record(prov, "real");
        syn.record(prov, "synthetic");
        byte[][] realLab = labels(real, req.realLabels(), "real");
        byte[][] synLab = labels(syn, req.syntheticLabels(), "synthetic");
        Set<String> metrics = resolveMetrics(req, realLab != null && synLab != null, log);
        List<String> warnings = new ArrayList<>();
        FidelityMetrics.Options o = FidelityStages.forSizes(req.options().withMetrics(metrics), real.features().n(),
                syn.features().n());
        FrdInputs frd = metrics.contains("frd") ? frdFeatures(req, real, syn, ctx) : null;
        long t0 = System.nanoTime();
        Map<String, MetricResult> out;
        try {
            out = new LinkedHashMap<>(FidelityStages.measure(realStats, real.features(), realLab, syn.features(), synLab,
                    o.withMetrics(withoutFrd(metrics)), ctx.threads(), ctx.clusterKernels(), null));
            if (frd != null) {
                out.putAll(FidelityMetrics.compute(SetStats.of(frd.real()), SetStats.of(frd.synthetic()),
                        o.withMetrics(Set.of("frd")), ctx.threads()));
            }
        } catch (BadInputException e) {
            throw new BadInputException(req.real() + " vs " + req.synthetic() + ": " + e.getMessage(), e);
        }
        log.printf(Locale.ROOT, "fidelity: %d real x %d synthetic, d=%d, %.1f s%n", real.features().n(),
                syn.features().n(), real.features().d(), (System.nanoTime() - t0) / 1e9);

        Evaluation.NoiseFloor floor = CommandFloor.of(req, real, realStats, realLab, syn.features(), synLab,
                req.options().withMetrics(withoutFrd(metrics)), prov, ctx);
        KidDifference kidDifference = null;
        if (req.compareWith() != null) {
            Inputs.Loaded other = Inputs.load(ctx, req.compareWith(), null, "compare-with", req.encoder());
            other.record(prov, "compare_with");
            kidDifference = permutation(real.features(), syn.features(), other.features(), req, o.seed());
        }
        prov.seed("seed", o.seed()).setting("encoder", real.encoder());
        o.record(prov);
        if (frd != null) {
            prov.setting("frd_encoder", frd.encoder());
        }
        return finish(req, Evaluation.single(out, floor, warnings,
                ResultBlocks.builder().kidDifference(kidDifference).build(), prov.build()), ctx);
    }

    /** The metrics asked for, or the default set the inputs allow (per-label ones only with labels for both sets). */
    private static Set<String> resolveMetrics(Request req, boolean haveLabels, PrintStream log) {
        Set<String> metrics = req.metrics();
        if (metrics == null) {
            metrics = new LinkedHashSet<>(FidelityMetrics.DEFAULT);
            if (!haveLabels) {
                metrics.removeAll(FidelityMetrics.PER_LABEL);
                log.println("note: no per-label metrics (they need labels for both sets: manifests, or --real-labels and --synthetic-labels)");
            }
        } else if (!haveLabels && metrics.stream().anyMatch(FidelityMetrics.PER_LABEL::contains)) {
            throw new BadInputException("per-label metrics need labels for both sets: give manifests/folders with labels, "
                    + "or --real-labels and --synthetic-labels (manifest CSVs in the same row order)");
        }
        return metrics;
    }

    private static Set<String> metrics(Request req) {
        return req.metrics() == null ? Set.copyOf(FidelityMetrics.DEFAULT) : req.metrics();
    }

    /** The metrics measured on the main features: all but FRD (measured on radiomics features). */
    private static Set<String> withoutFrd(Set<String> metrics) {
        Set<String> g = new LinkedHashSet<>(metrics);
        g.remove("frd");
        return g;
    }

    /**
     * FRD is defined on radiomics features: image inputs are encoded with the radiomics encoder (through the cache);
     * feature files must have been made by it (their provenance sidecar says so), else a one-line error.
     */
    static FrdInputs frdFeatures(Request req, Inputs.Loaded real, Inputs.Loaded syn, RunContext ctx) {
        if (real.encoder().startsWith("radiomics") && syn.encoder().startsWith("radiomics")) {
            return new FrdInputs(real.features(), syn.features(), real.encoder());
        }
        if (real.manifest() == null || syn.manifest() == null) {
            throw new BadInputException("frd is defined on radiomics features, but " + (real.manifest() == null ? req.real()
                    : req.synthetic()) + " holds features of '" + (real.manifest() == null ? real.encoder() : syn.encoder())
                    + "'; give images (folders/manifests) or files made by ./cxrbench encode --encoder radiomics");
        }
        ctx.log().println("frd: encoding both sets with the radiomics encoder (FRD is defined on radiomics features)");
        Inputs.Loaded rr = Inputs.load(ctx, req.real(), null, "real (radiomics)", "radiomics");
        Inputs.Loaded rs = Inputs.load(ctx, req.synthetic(), null, "synthetic (radiomics)", "radiomics");
        return new FrdInputs(rr.features(), rs.features(), rr.encoder());
    }

    static void saveStats(Request req, Inputs.Loaded real, GaussianStats st, PrintStream log) {
        Map<String, FeatureFiles.NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("mu", new FeatureFiles.NpyArray(new long[] {st.d()}, st.mean()));
        arrays.put("sigma", new FeatureFiles.NpyArray(new long[] {st.d(), st.d()}, st.cov()));
        arrays.put("n", new FeatureFiles.NpyArray(new long[] {1}, new double[] {st.n()}));
        FeatureFiles.writeNpz(req.saveRealStats(), arrays);
        Json.writeSidecar(req.saveRealStats(), Provenance.builder(req.command()).input("real", real.hash())
                .setting("encoder", real.encoder()).build());
        log.println("wrote " + req.saveRealStats() + " (mu, sigma, n of the real features; reuse with --real FILE.npz)");
    }

    static KidDifference permutation(Features real, Features a, Features b, Request req, long seed) {
        int cap = 1000;
        Features sa = cap(a, cap, seed);
        Features sb = cap(b, cap, seed + 1);
        Features sr = cap(real, 2 * cap, seed + 2);
        MmdPermutation.Result r = MmdPermutation.test(sr, sa, sb, req.permutations(), seed);
        String note = sa.n() < a.n() || sb.n() < b.n() || sr.n() < real.n()
                ? "seeded random subsets of at most " + cap + " synthetic and " + 2 * cap + " real rows" : null;
        return new KidDifference(r.difference(), r.pValue(), r.permutations(), "MMD²(real, synthetic) - MMD²(real, "
                + "compare-with), unbiased, cubic kernel; negative: synthetic is closer to real", sr.n(), r.nA(), r.nB(),
                note);
    }

    private static Features cap(Features f, int cap, long seed) {
        if (f.n() <= cap) {
            return f;
        }
        return f.rows(org.cxrbench.stats.Sampling.withoutReplacement(new java.util.SplittableRandom(seed), f.n(), cap));
    }

    static byte[][] labels(Inputs.Loaded in, Path labelsManifest, String role) {
        Manifest m = in.manifest();
        if (labelsManifest != null) {
            m = Manifest.read(labelsManifest);
            if (m.size() != in.features().n()) {
                throw BadInputException.of(labelsManifest, "lists " + m.size() + " images but --" + role + " has "
                        + in.features().n() + " rows", "give a manifest in the same row order as the features");
            }
        }
        return org.cxrbench.pipeline.ConfigData.labels(m, in.features().n());
    }

    /** FID from saved statistics: --real (and --synthetic) as .npz with mu and sigma, as pytorch-fid writes them. */
    static Evaluation fromStats(Request req, Provenance.Builder prov, RunContext ctx) {
        GaussianStats r = stats(req.real());
        GaussianStats s;
        prov.input("real", Hashing.ofFile(req.real()));
        if (req.synthetic().getFileName().toString().endsWith(".npz")) {
            s = stats(req.synthetic());
            prov.input("synthetic", Hashing.ofFile(req.synthetic()));
        } else {
            Inputs.Loaded syn = Inputs.load(ctx, req.synthetic(), null, "synthetic", req.encoder());
            syn.record(prov, "synthetic");
            s = GaussianStats.of(syn.features());
        }
        if (r.d() != s.d()) {
            throw new BadInputException(req.real() + " has dimension " + r.d() + " but " + req.synthetic() + " has "
                    + s.d() + "; use statistics of the same encoder");
        }
        if (req.metrics() != null && !Set.of("fid").containsAll(req.metrics())) {
            throw new BadInputException("--real " + req.real() + " holds statistics (mu, sigma), which allow only fid; "
                    + "give a feature file for " + req.metrics());
        }
        List<String> warnings = new ArrayList<>();
        if (req.metrics() == null) {
            List<String> skipped = new ArrayList<>(FidelityMetrics.DEFAULT);
            skipped.remove("fid");
            warnings.add("computed fid only: --real " + req.real().getFileName() + " holds statistics (mu, sigma); "
                    + String.join(", ", skipped) + " need feature rows (give a feature file or images)");
            ctx.log().println("warning: " + warnings.get(0));
        }
        Fid.Result f = Fid.compute(r, s, req.options().fidRoute());
        MetricDetails det = MetricDetails.builder().d(r.d()).fromStatistics(true).build();
        Map<String, Long> counts = new LinkedHashMap<>();
        if (r.n() > 0) {
            counts.put("n_real", r.n());
        }
        if (s.n() > 0) {
            counts.put("n_synthetic", s.n());
        }
        MetricParams params = MetricParams.fid(req.options().fidRouteName(), null); // no interval from statistics
        Map<String, MetricResult> out = new LinkedHashMap<>();
        out.put("fid", new MetricResult("fid", f.value(), null, null, counts, Map.of(), f.warnings(), params, det));
        req.options().record(prov);
        return finish(req, Evaluation.single(out, null, warnings, ResultBlocks.NONE, prov.build()), ctx);
    }

    static GaussianStats stats(Path npz) {
        Map<String, FeatureFiles.NpyArray> a = FeatureFiles.readNpz(npz);
        FeatureFiles.NpyArray mu = a.get("mu");
        FeatureFiles.NpyArray sigma = a.get("sigma");
        if (mu == null || sigma == null) {
            throw BadInputException.of(npz, "needs arrays 'mu' and 'sigma' (found " + a.keySet() + ")",
                    "save them with numpy.savez(path, mu=mu, sigma=sigma)");
        }
        int d = (int) mu.shape()[mu.shape().length - 1];
        if (mu.data().length != d || sigma.shape().length != 2 || sigma.shape()[0] != d || sigma.shape()[1] != d) {
            throw BadInputException.of(npz, "mu has shape " + java.util.Arrays.toString(mu.shape()) + " and sigma "
                    + java.util.Arrays.toString(sigma.shape()) + "; expected (d,) and (d, d)", "save matching statistics");
        }
        for (double v : sigma.data()) {
            if (!Double.isFinite(v)) {
                throw BadInputException.of(npz, "sigma holds NaN/Inf", "recompute the statistics");
            }
        }
        long n = a.containsKey("n") ? (long) a.get("n").data()[0] : 0;
        return new GaussianStats(n, d, mu.data(), sigma.data());
    }

    /** Writes the JSON (atomically); the caller renders the results table. */
    static Evaluation finish(Request req, Evaluation e, RunContext ctx) {
        if (req.json() != null) {
            ResultsJson.write(req.json(), e);
            ctx.log().println("wrote " + req.json());
        }
        return e;
    }

    /** ./cxrbench fidelity as a stage. */
    public record AsStage(Request request) implements org.cxrbench.pipeline.Stage.OnFiles<Evaluation> {
        @Override public String name() {
            return "fidelity";
        }

        @Override public Map<String, Path> files() {
            return org.cxrbench.pipeline.Stage.files("real", request.real(), "synthetic", request.synthetic(), "holdout", request.holdout(),
                    "compare-with", request.compareWith(), "real-labels", request.realLabels(),
                    "synthetic-labels", request.syntheticLabels());
        }

        @Override public Map<String, Path> writes() {
            return org.cxrbench.pipeline.Stage.files("json", request.json(), "save-real-stats", request.saveRealStats());
        }

        @Override public FidelitySettings settings() {
            return new FidelitySettings(request.options().params(),
                    request.metrics() == null ? "default" : String.join(",", request.metrics()), request.options().seed(),
                    String.valueOf(request.encoder()), request.permutations());
        }

        @Override public Evaluation compute(RunContext ctx) {
            return FidelityJob.run(request, ctx);
        }
    }
}
