package org.cxrbench.pipeline;

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
import org.cxrbench.data.PatientSplits;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.fidelity.MetricValue;
import org.cxrbench.fidelity.MmdPermutationTest;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;

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
                          Path json, Path saveRealStats, String command, int threads) {}

    public record Outcome(Map<String, MetricValue> metrics, Map<String, Object> json) {}

    static final List<String> LABEL_KEYS = java.util.Arrays.stream(ChexpertLabel.values()).map(ChexpertLabel::key).toList();

    public static Outcome run(Request req, PrintStream log) {
        Blas.setThreads(req.threads());
        Inputs.requireExisting("real", req.real(), "synthetic", req.synthetic(), "holdout", req.holdout(),
                "compare-with", req.compareWith(), "real-labels", req.realLabels(), "synthetic-labels", req.syntheticLabels());
        Provenance.Builder prov = Provenance.builder(req.command()).threads(req.threads());
        Map<String, Object> extra = new LinkedHashMap<>();
        if (req.real() != null && req.real().getFileName().toString().endsWith(".npz")) {
            return fromStats(req, prov, log);
        }
        Inputs.Loaded real = Inputs.load(req.real(), "real", req.encoder(), req.threads(), log);
        Inputs.Loaded syn = Inputs.load(req.synthetic(), "synthetic", req.encoder(), req.threads(), log);
        Inputs.checkSameEncoder(real, req.real(), syn, req.synthetic());
        if (req.saveRealStats() != null) {
            GaussianStats st = GaussianStats.of(real.features());
            Map<String, FeatureFiles.NpyArray> arrays = new LinkedHashMap<>();
            arrays.put("mu", new FeatureFiles.NpyArray(new long[] {st.d()}, st.mean()));
            arrays.put("sigma", new FeatureFiles.NpyArray(new long[] {st.d(), st.d()}, st.cov()));
            arrays.put("n", new FeatureFiles.NpyArray(new long[] {1}, new double[] {st.n()}));
            FeatureFiles.writeNpz(req.saveRealStats(), arrays);
            Json.writeSidecar(req.saveRealStats(), Provenance.builder(req.command()).input("real", real.hash())
                    .setting("encoder", real.encoder()).build());
            log.println("wrote " + req.saveRealStats() + " (mu, sigma, n of the real features; reuse with --real FILE.npz)");
        }
        real.record(prov, "real");
        syn.record(prov, "synthetic");
        byte[][] realLab = labels(real, req.realLabels(), "real");
        byte[][] synLab = labels(syn, req.syntheticLabels(), "synthetic");
        Set<String> metrics = req.metrics();
        boolean haveLabels = realLab != null && synLab != null;
        if (metrics == null) {
            metrics = new LinkedHashSet<>(FidelityMetrics.DEFAULT);
            if (!haveLabels) {
                metrics.removeAll(List.of("fid_per_label", "kid_per_label"));
            }
        } else if (!haveLabels && (metrics.contains("fid_per_label") || metrics.contains("kid_per_label"))) {
            throw new BadInputException("per-label metrics need labels for both sets: give manifests/folders with labels, "
                    + "or --real-labels and --synthetic-labels (manifest CSVs in the same row order)");
        }
        FidelityMetrics.Options o = req.options().withMetrics(metrics);
        long t0 = System.nanoTime();
        Map<String, MetricValue> out;
        try {
            Set<String> global = new LinkedHashSet<>(metrics);
            global.removeAll(List.of("fid_per_label", "kid_per_label"));
            out = new LinkedHashMap<>(FidelityMetrics.compute(real.features(), syn.features(), o.withMetrics(global),
                    Engines.isLocal() ? null : Engines.current()));
            if (haveLabels) {
                out.putAll(FidelityMetrics.perLabel(real.features(), realLab, syn.features(), synLab, o, LABEL_KEYS));
            }
        } catch (BadInputException e) {
            throw new BadInputException(req.real() + " vs " + req.synthetic() + ": " + e.getMessage(), e);
        }
        log.printf(Locale.ROOT, "fidelity: %d real x %d synthetic, d=%d, %.1f s%n", real.features().n(),
                syn.features().n(), real.features().d(), (System.nanoTime() - t0) / 1e9);

        Map<String, Object> floor = noiseFloor(req, real, o, global(metrics), prov, log);
        if (floor != null) {
            extra.put("noise_floor", floor);
        }
        if (req.compareWith() != null) {
            Inputs.Loaded other = Inputs.load(req.compareWith(), "compare-with", req.encoder(), req.threads(), log);
            other.record(prov, "compare_with");
            extra.put("kid_difference", permutation(real.features(), syn.features(), other.features(), req, o.seed()));
        }
        prov.seed("seed", o.seed()).setting("encoder", real.encoder());
        settings(prov, o);
        return write(req, out, extra, prov.build(), log);
    }

    private static Set<String> global(Set<String> metrics) {
        Set<String> g = new LinkedHashSet<>(metrics);
        g.removeAll(List.of("fid_per_label", "kid_per_label", "fid_inf"));
        return g;
    }

    private static void settings(Provenance.Builder p, FidelityMetrics.Options o) {
        p.setting("k", o.k()).setting("kid_subsets", o.kidSubsets()).setting("kid_subset_size", o.kidSubsetSize())
                .setting("kid_subset_rule", o.kidRule()).setting("bootstrap", o.bootstrap())
                .setting("fid_route", o.fidRoute().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .setting("prdc_convention", o.prdcInclusive() ? "<=" : "<")
                .setting("min_label_count", o.minLabelCount());
    }

    /** Real-vs-real reference: the holdout against the real set, or two patient-disjoint halves of the real set. */
    static Map<String, Object> noiseFloor(Request req, Inputs.Loaded real, FidelityMetrics.Options o, Set<String> metrics,
                                          Provenance.Builder prov, PrintStream log) {
        Features a;
        Features b;
        String method;
        if (req.holdout() != null) {
            Inputs.Loaded h = Inputs.load(req.holdout(), "holdout", req.encoder(), req.threads(), log);
            h.record(prov, "holdout");
            if (real.manifest() != null && h.manifest() != null) {
                PatientSplits.checkDisjoint(real.manifest(), "real", h.manifest(), "holdout");
            }
            a = real.features();
            b = h.features();
            method = "real vs holdout";
        } else if (real.manifest() != null && hasPatients(real.manifest())) {
            Manifest halves = PatientSplits.split(real.manifest(), halvesSpec(), o.seed());
            List<Integer> ia = new ArrayList<>();
            List<Integer> ib = new ArrayList<>();
            for (int i = 0; i < halves.size(); i++) {
                (halves.get(i).split().equals("a") ? ia : ib).add(i);
            }
            a = real.features().rows(ia.stream().mapToInt(Integer::intValue).toArray());
            b = real.features().rows(ib.stream().mapToInt(Integer::intValue).toArray());
            method = "two patient-disjoint halves of the real set (each about N/2: FID is biased upward at smaller N)";
        } else {
            log.println("note: no noise floor (give --holdout, or a real manifest with patient ids)");
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        try {
            Map<String, Object> mj = new LinkedHashMap<>();
            FidelityMetrics.compute(a, b, o.withoutBootstrap().withMetrics(metrics)).forEach((k, v) -> mj.put(k, v.toJson()));
            m.put("metrics", mj);
        } catch (BadInputException e) {
            log.println("note: no noise floor: " + e.getMessage());
            return null;
        }
        return m;
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

    static Map<String, Object> permutation(Features real, Features a, Features b, Request req, long seed) {
        int cap = 1000;
        Features sa = cap(a, cap, seed);
        Features sb = cap(b, cap, seed + 1);
        Features sr = cap(real, 2 * cap, seed + 2);
        MmdPermutationTest.Result r = MmdPermutationTest.test(sr, sa, sb, req.permutations(), seed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", r.difference());
        m.put("p_value", r.pValue());
        m.put("permutations", r.permutations());
        m.put("statistic", "MMD²(real, synthetic) - MMD²(real, compare-with), unbiased, cubic kernel; negative: "
                + "synthetic is closer to real");
        m.put("n_real", sr.n());
        m.put("n_synthetic", r.nA());
        m.put("n_compare_with", r.nB());
        if (sa.n() < a.n() || sb.n() < b.n() || sr.n() < real.n()) {
            m.put("note", "seeded random subsets of at most " + cap + " synthetic and " + 2 * cap + " real rows");
        }
        return m;
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
        if (m == null) {
            return null;
        }
        byte[][] out = new byte[m.size()][];
        boolean any = false;
        for (int i = 0; i < m.size(); i++) {
            out[i] = m.get(i).labels().toArray();
            for (byte v : out[i]) {
                any |= v == 1;
            }
        }
        return any ? out : null;
    }

    /** FID from saved statistics: --real (and --synthetic) as .npz with mu and sigma, as pytorch-fid writes them. */
    static Outcome fromStats(Request req, Provenance.Builder prov, PrintStream log) {
        GaussianStats r = stats(req.real());
        GaussianStats s;
        prov.input("real", Hashing.ofFile(req.real()));
        if (req.synthetic().getFileName().toString().endsWith(".npz")) {
            s = stats(req.synthetic());
            prov.input("synthetic", Hashing.ofFile(req.synthetic()));
        } else {
            Inputs.Loaded syn = Inputs.load(req.synthetic(), "synthetic", req.encoder(), req.threads(), log);
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
        Fid.Result f = Fid.compute(r, s, req.options().fidRoute());
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("n_real", r.n() > 0 ? r.n() : null);
        det.put("n_synthetic", s.n() > 0 ? s.n() : null);
        det.put("d", r.d());
        det.put("route", f.route().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        det.put("from_statistics", true);
        det.put("warnings", f.warnings());
        Map<String, MetricValue> out = new LinkedHashMap<>();
        out.put("fid", new MetricValue(f.value(), null, det));
        settings(prov, req.options());
        return write(req, out, Map.of(), prov.build(), log);
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

    static Outcome write(Request req, Map<String, MetricValue> metrics, Map<String, Object> extra, Provenance p,
                         PrintStream log) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> mj = new LinkedHashMap<>();
        metrics.forEach((k, v) -> mj.put(k, v.toJson()));
        json.put("metrics", mj);
        json.putAll(extra);
        json.put("provenance", p.toMap());
        if (req.json() != null) {
            Json.write(req.json(), json);
            log.println("wrote " + req.json());
        }
        for (Map.Entry<String, MetricValue> e : metrics.entrySet()) {
            MetricValue v = e.getValue();
            if (Double.isNaN(v.value())) {
                log.printf(Locale.ROOT, "  %-14s %s%n", e.getKey(), v.details().get("value"));
                continue;
            }
            log.printf(Locale.ROOT, "  %-14s %.6g%s%n", e.getKey(), v.value(),
                    v.ci95() == null ? "" : String.format(Locale.ROOT, "  (95%% CI %.6g .. %.6g)", v.ci95()[0], v.ci95()[1]));
            Object w = v.details().get("warnings");
            if (w instanceof List<?> l) {
                for (Object x : l) {
                    log.println("  warning: " + x);
                }
            }
        }
        if (extra.get("kid_difference") instanceof Map<?, ?> kd) {
            log.printf(Locale.ROOT, "  kid difference vs --compare-with: %.6g (permutation p = %.4g)%n", kd.get("value"), kd.get("p_value"));
        }
        return new Outcome(metrics, json);
    }
}
