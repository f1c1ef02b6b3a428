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
import org.cxrbench.fidelity.SetStats;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.privacy.ReidVerifier;
import org.cxrbench.report.ConsoleReport;
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

    /** The registry's privacy results from a summary and a re-id outcome. */
    static Map<String, MetricResult> privacyResults(Map<String, Object> summary, PrivacyJob.Reid reid, long nTrain, long nSyn) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("n_train", nTrain);
        counts.put("n_synthetic", nSyn);
        Map<String, MetricResult> out = new LinkedHashMap<>();
        for (String k : PrivacyJob.KEYS) {
            Object v = k.equals("reid_score") ? reid.score() : summary.get(k);
            if (v instanceof Number x) {
                out.put(k, MetricResult.of(k, x.doubleValue(), counts));
            }
        }
        return out;
    }

    public static final List<String> GENERATORS = List.of("faithful", "blurry(1.5)", "noisy(0.12)", "low-contrast(0.4)",
            "mode-collapse(3)", "memorizer(0.3)", "label-ignorant", "off-topic(0.2)");

    public static Evaluation run(Request req, PrintStream log, PrintStream out) {
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
        Map<String, Features> feats = new LinkedHashMap<>();
        for (Map.Entry<String, Manifest> e : synth.entrySet()) {
            feats.put(e.getKey(), ImageEncoding.encode(e.getValue(), enc, req.threads(), log, e.getKey(), req.cache()));
        }
        // Re-ID needs features that keep patient identity: a CNN trained on findings discards much of it (its
        // verifier separates unseen phantom patients at AUC ~0.6), downscaled pixels keep it (AUC ~0.97)
        Encoder reidEnc = Encoders.get("pixels16");
        Features reidTrain = ImageEncoding.encode(mTrain, reidEnc, req.threads(), log, "train (re-id)", req.cache());
        Features reidHold = ImageEncoding.encode(mHold, reidEnc, req.threads(), log, "holdout (re-id)", req.cache());
        Map<String, Features> reidFeats = new LinkedHashMap<>();
        for (Map.Entry<String, Manifest> e : synth.entrySet()) {
            reidFeats.put(e.getKey(), ImageEncoding.encode(e.getValue(), reidEnc, req.threads(), log, e.getKey() + " (re-id)",
                    req.cache()));
        }
        long tm = System.nanoTime();
        // the real side's statistics (covariance, k-NN radii, its own nearest neighbours, the holdout's distances to
        // it) are computed once and shared by every generator
        SetStats realStats = SetStats.of(fTrain);
        PrivacyMetrics.Reference reference = new PrivacyMetrics.Reference(fTrain, fHold);
        PrivacyMetrics.Reference referenceNoHoldout = new PrivacyMetrics.Reference(fTrain, null);
        ReidVerifier verifier = ReidVerifier.fit(reidTrain, patients, req.seed());

        // noise floor: the patient-disjoint real holdout against the training set, drawn like the generators' sets
        // (same N, same patients-per-study structure, the same label mix in expectation)
        Map<String, MetricResult> floor = new LinkedHashMap<>(FidelityMetrics.compute(realStats, SetStats.of(fHold),
                o.withMetrics(global), req.threads()));
        floor.putAll(FidelityMetrics.perLabel(fTrain, trainLabels, fHold, labels(mHold), o, labelKeys));
        PrivacyMetrics.Result floorPrivacy = PrivacyMetrics.compute(referenceNoHoldout, fHold, PrivacyMetrics.Options.defaults(), null);
        PrivacyJob.Reid floorReid = PrivacyJob.reid(verifier, reidTrain, reidHold, floorPrivacy, 0.9);
        floor.putAll(privacyResults(floorPrivacy.summary(), floorReid, fTrain.n(), fHold.n()));

        Map<String, Evaluation.GeneratorResult> gens = new LinkedHashMap<>();
        for (Map.Entry<String, Features> e : feats.entrySet()) {
            String g = e.getKey();
            Map<String, MetricResult> fm = new LinkedHashMap<>(FidelityMetrics.compute(realStats, SetStats.of(e.getValue()),
                    o.withMetrics(global), req.threads()));
            fm.putAll(FidelityMetrics.perLabel(fTrain, trainLabels, e.getValue(), labels(synth.get(g)), o, labelKeys));
            PrivacyMetrics.Result pr = PrivacyMetrics.compute(reference, e.getValue(), PrivacyMetrics.Options.defaults(), null);
            PrivacyJob.Reid reid = PrivacyJob.reid(verifier, reidTrain, reidFeats.get(g), pr, 0.9);
            fm.putAll(privacyResults(pr.summary(), reid, fTrain.n(), e.getValue().n()));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("reid_verifier_auc", reid.description().get("validation_auc"));
            extra.put("privacy_summary", pr.summary());
            extra.put("histogram_dcr", org.cxrbench.stats.Histogram.of(pr.dcr(), 20));
            gens.put(g, new Evaluation.GeneratorResult(fm, null, Map.of("synthetic", synth.get(g).imagesHash()), List.of(), extra));
        }
        log.printf(Locale.ROOT, "demo: metrics of %d generators and the noise floor in %.1f s%n", gens.size(),
                (System.nanoTime() - tm) / 1e9);
        Provenance p = Provenance.builder(req.command()).threads(req.threads())
                .input("real_train", mTrain.imagesHash()).input("real_holdout", mHold.imagesHash())
                .seed("seed", req.seed()).setting("encoder", enc.fingerprint()).setting("reid_encoder", reidEnc.fingerprint())
                .setting("size", req.size())
                .setting("patients", req.patients()).build();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("noise_floor_reid_verifier_auc", floorReid.description().get("validation_auc"));
        extra.put("stages", List.of("data: phantom world written as PNG + manifest", "encode: " + enc.name(),
                "fidelity: fid, kid, precision, recall, density, coverage, fid_per_label vs the real training set",
                "privacy: dcr, memorised copies (threshold calibrated on the real holdout), identifiability, re-id"));
        Evaluation ev = new Evaluation(Map.of(), new Evaluation.NoiseFloor("real holdout vs real train: "
                + fHold.n() + " images of " + req.patients() + " patients not in the training set, 2 studies each, "
                + "drawn like the training set (the generators' sets have the same N and label mix)", floor),
                gens, List.of(), extra, p);
        ResultsJson.write(req.out().resolve("results.json"), ev);
        Path sheet = req.out().resolve("samples.png");
        ImageWriter.png8(DemoReport.contactSheet(samples, req.size()), sheet);
        Json.writeSidecar(sheet, p);
        // every data set the demo wrote carries the run's provenance too
        Json.writeSidecar(data.resolve("train").resolve("manifest.csv"), p);
        Json.writeSidecar(data.resolve("holdout").resolve("manifest.csv"), p);
        for (String g : GENERATORS) {
            Json.writeSidecar(data.resolve(g.replaceAll("[()]", "").replace('.', '_')).resolve("manifest.csv"), p);
        }
        DemoReport.writeHtml(req.out().resolve("report.html"), ev, "samples.png");
        ConsoleReport.demoTables(ev, out);
        log.printf(Locale.ROOT, "%ndemo: wrote %s and %s (%.1f s). Stages run: data, encode (%s), fidelity, privacy.%n",
                req.out().resolve("report.html"), req.out().resolve("results.json"), (System.nanoTime() - t0) / 1e9, enc.name());
        return ev;
    }
}
