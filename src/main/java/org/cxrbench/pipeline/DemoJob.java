package org.cxrbench.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.cxrbench.fidelity.MetricValue;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.cxrbench.privacy.PrivacyMetrics;
import org.cxrbench.report.DemoReport;

/**
 * The whole job on the embedded phantom world: a real training set and a patient-disjoint holdout, several
 * simulated generators prompted with the training labels, all written as PNG + manifest and read back like real
 * data, encoded, and scored for fidelity and privacy against the training set beside the real-vs-real noise floor.
 */
public final class DemoJob {
    private DemoJob() {}

    static byte[][] labels(Manifest m) {
        byte[][] out = new byte[m.size()][];
        for (int i = 0; i < m.size(); i++) {
            out[i] = m.get(i).labels().toArray();
        }
        return out;
    }

    public record Request(Path out, int patients, int size, long seed, String encoder, String command, int threads,
                          org.cxrbench.encode.FeatureCache cache) {}

    public static final List<String> GENERATORS = List.of("faithful", "blurry(1.5)", "noisy(0.12)", "low-contrast(0.4)",
            "mode-collapse(3)", "memorizer(0.3)", "label-ignorant", "off-topic(0.2)");

    public static Map<String, Object> run(Request req, PrintStream log) {
        long t0 = System.nanoTime();
        Blas.setThreads(req.threads());
        Path data = req.out().resolve("data");
        List<Study> train = World.cohort("train-", req.seed(), req.patients(), 2, req.size());
        List<Study> holdout = World.cohort("holdout-", req.seed() + 1, req.patients(), 2, req.size());
        log.printf("demo: phantom world, %d training and %d holdout images of %d px (%d patients each, 2 studies per patient)%n",
                train.size(), holdout.size(), req.size(), req.patients());
        // images are hashed once here: the provenance and the feature cache's keys both use the hashes
        Manifest mTrain = PhantomDatasets.writeStudies(train, req.size(), data.resolve("train"), "train")
                .withImageHashes();
        Manifest mHold = PhantomDatasets.writeStudies(holdout, req.size(), data.resolve("holdout"), "holdout")
                .withImageHashes();
        Map<String, Manifest> synth = new LinkedHashMap<>();
        Map<String, GreyImage> samples = new LinkedHashMap<>();
        for (String g : GENERATORS) {
            List<Generators.Output> outs = Generators.generate(g, train, req.size(), req.seed());
            String dirName = g.replaceAll("[()]", "").replace('.', '_');
            synth.put(g, PhantomDatasets.writeOutputs(outs, data.resolve(dirName), dirName).withImageHashes());
            samples.put(g, outs.get(0).image());
        }
        log.printf("demo: wrote %d data sets as PNG + manifest.csv under %s%n", 2 + synth.size(), data);

        Encoder enc = Encoders.get(req.encoder() == null ? Encoders.DEFAULT : req.encoder());
        Features fTrain = ImageEncoding.encode(mTrain, enc, req.threads(), log, "train", req.cache());
        Features fHold = ImageEncoding.encode(mHold, enc, req.threads(), log, "holdout", req.cache());
        int n = fTrain.n();
        FidelityMetrics.Options o = new FidelityMetrics.Options(new LinkedHashSet<>(List.of("fid", "kid", "precision",
                "recall", "density", "coverage", "fid_per_label")), 5, 50, Math.min(200, n), 0, req.seed(),
                Fid.Route.SYMMETRIC, false);
        java.util.Set<String> global = new LinkedHashSet<>(List.of("fid", "kid", "precision", "recall", "density", "coverage"));
        List<String> labelKeys = java.util.Arrays.stream(org.cxrbench.data.ChexpertLabel.values())
                .map(org.cxrbench.data.ChexpertLabel::key).toList();
        byte[][] trainLabels = labels(mTrain);
        String[] patients = mTrain.records().stream().map(r -> r.patientId()).toArray(String[]::new);
        Map<String, Map<String, MetricValue>> results = new LinkedHashMap<>();
        Map<String, Map<String, Object>> privacy = new LinkedHashMap<>();
        Map<String, Features> feats = new LinkedHashMap<>();
        feats.put("real holdout (noise floor)", fHold);
        for (Map.Entry<String, Manifest> e : synth.entrySet()) {
            feats.put(e.getKey(), ImageEncoding.encode(e.getValue(), enc, req.threads(), log, e.getKey(), req.cache()));
        }
        // Re-ID needs features that keep patient identity: a CNN trained on findings discards much of it (its
        // verifier separates unseen phantom patients at AUC ~0.6), downscaled pixels keep it (AUC ~0.97)
        Encoder reidEnc = Encoders.get("pixels16");
        Features reidTrain = ImageEncoding.encode(mTrain, reidEnc, req.threads(), log, "train (re-id)", req.cache());
        Map<String, Features> reidFeats = new LinkedHashMap<>();
        reidFeats.put("real holdout (noise floor)",
                ImageEncoding.encode(mHold, reidEnc, req.threads(), log, "holdout (re-id)", req.cache()));
        for (Map.Entry<String, Manifest> e : synth.entrySet()) {
            reidFeats.put(e.getKey(), ImageEncoding.encode(e.getValue(), reidEnc, req.threads(), log, e.getKey() + " (re-id)",
                    req.cache()));
        }
        for (Map.Entry<String, Features> e : feats.entrySet()) {
            Manifest m = e.getKey().startsWith("real") ? mHold : synth.get(e.getKey());
            Map<String, MetricValue> fm = new LinkedHashMap<>(FidelityMetrics.compute(fTrain, e.getValue(), o.withMetrics(global)));
            fm.putAll(FidelityMetrics.perLabel(fTrain, trainLabels, e.getValue(), labels(m), o, labelKeys));
            results.put(e.getKey(), fm);
            PrivacyMetrics.Result pr = PrivacyMetrics.compute(fTrain, e.getValue(), e.getKey().startsWith("real") ? null : fHold,
                    PrivacyMetrics.Options.defaults());
            Map<String, Object> ps = new LinkedHashMap<>(pr.summary());
            PrivacyJob.Reid reid = PrivacyJob.reid(reidTrain, patients, reidFeats.get(e.getKey()), pr, 0.9, req.seed());
            ps.put("reid_score", reid.score());
            ps.put("reid_verifier_auc", reid.description().get("validation_auc"));
            privacy.put(e.getKey(), ps);
        }
        Provenance p = Provenance.builder(req.command()).threads(req.threads())
                .input("real_train", mTrain.imagesHash())
                .seed("seed", req.seed()).setting("encoder", enc.fingerprint()).setting("reid_encoder", reidEnc.fingerprint())
                .setting("size", req.size())
                .setting("patients", req.patients()).build();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        results.get("faithful").forEach((k, v) -> metrics.put(k, v.toJson()));
        for (String k : PrivacyJob.KEYS) {
            Object v = privacy.get("faithful").get(k);
            if (v != null) {
                metrics.put(k, Map.of("value", v));
            }
        }
        json.put("metrics", metrics);
        json.put("metrics_of", "faithful");
        List<Map<String, Object>> runs = new ArrayList<>();
        results.forEach((g, m) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("generator", g);
            Map<String, Object> mj = new LinkedHashMap<>();
            m.forEach((k, v) -> mj.put(k, v.toJson()));
            r.put("metrics", mj);
            r.put("privacy", privacy.get(g));
            runs.add(r);
        });
        json.put("runs", runs);
        json.put("stages", List.of("data: phantom world written as PNG + manifest", "encode: " + enc.name(),
                "fidelity: fid, kid, precision, recall, density, coverage, fid_per_label vs the real training set",
                "privacy: dcr, memorised copies (threshold calibrated on the real holdout), identifiability, re-id"));
        json.put("stages_not_yet_available", List.of("utility", "quality filter"));
        json.put("provenance", p.toMap());
        Json.write(req.out().resolve("results.json"), json);
        Path sheet = req.out().resolve("samples.png");
        ImageWriter.png8(DemoReport.contactSheet(samples, req.size()), sheet);
        Json.writeSidecar(sheet, p);
        // every data set the demo wrote carries the run's provenance too
        Json.writeSidecar(data.resolve("train").resolve("manifest.csv"), p);
        Json.writeSidecar(data.resolve("holdout").resolve("manifest.csv"), p);
        for (String g : GENERATORS) {
            Json.writeSidecar(data.resolve(g.replaceAll("[()]", "").replace('.', '_')).resolve("manifest.csv"), p);
        }
        DemoReport.writeHtml(req.out().resolve("report.html"), results, privacy, p, "samples.png");
        log.printf(Locale.ROOT, "%n%-28s %9s %9s %9s %9s %9s %9s%n", "generator (vs real train)", "FID", "KID", "precision",
                "recall", "density", "coverage");
        results.forEach((g, m) -> log.printf(Locale.ROOT, "%-28s %9.3f %9.4f %9.3f %9.3f %9.3f %9.3f%n", g,
                m.get("fid").value(), m.get("kid").value(), m.get("precision").value(), m.get("recall").value(),
                m.get("density").value(), m.get("coverage").value()));
        log.printf(Locale.ROOT, "%n%-28s %10s %10s %10s %10s%n", "generator (vs real train)", "DCR median", "memorised",
                "re-id", "identif.");
        privacy.forEach((g, ps) -> log.printf(Locale.ROOT, "%-28s %10.4f %10s %10s %10.3f%n", g, (Double) ps.get("dcr_median"),
                ps.get("memorized_fraction") == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) ps.get("memorized_fraction")),
                ps.get("reid_score") == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) ps.get("reid_score")),
                (Double) ps.get("identifiability")));
        log.printf(Locale.ROOT, "%ndemo: wrote %s and %s (%.1f s). Stages run: data, encode (%s), fidelity, privacy. "
                + "Utility and the quality filter are not implemented yet.%n",
                req.out().resolve("report.html"), req.out().resolve("results.json"), (System.nanoTime() - t0) / 1e9, enc.name());
        return json;
    }
}
