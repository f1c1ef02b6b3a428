package org.cxrbench.privacy;

import org.cxrbench.pipeline.Inputs;
import org.cxrbench.common.Outputs;
import org.cxrbench.pipeline.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Family;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.common.Histogram;
import org.cxrbench.common.PixelSpace;
import org.cxrbench.common.ResultBlocks;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.linalg.Features;

/** ./cxrbench privacy: nearest-neighbour privacy checks, per-sample CSV, contact sheet, contract JSON. */
public final class PrivacyJob {
    private PrivacyJob() {}

    /** The privacy ids of the registry, in its order. */
    public static final List<String> KEYS = Metrics.ids(Family.PRIVACY);

    /**
     * @param reidEncoder encoder whose embeddings the same-patient verifier uses (e.g. the embedding branch of a
     *                    Siamese network as ONNX/TorchScript with a preset); null: the same features as the DCR
     */
    public record Request(Path train, Path synthetic, Path holdout, String encoder, Set<String> metrics,
                          PrivacyMetrics.Options options, double reidThreshold, long seed, Path json, Path perSample,
                          Path contactSheet, String reidEncoder, String command) {
        public Request {
            if (metrics != null) {
                for (String m : metrics) {
                    if (!KEYS.contains(m)) {
                        throw new BadInputException("unknown privacy metric '" + m + "'; use " + String.join(",", KEYS));
                    }
                }
            }
        }

        boolean wants(String key) {
            return metrics == null || metrics.contains(key);
        }
    }

    /**
     * What the command measured: the results (written to --json here), and what its renderings need (the per-sample
     * CSV and the contact sheet of the closest pairs, drawn by the caller: rendering is not this family's job).
     *
     * @param reid null when reid_score was not asked for
     * @param train the training set's manifest, null for a feature file
     * @param synthetic the synthetic set's manifest, null for a feature file
     */
    public record Outcome(Evaluation evaluation, PrivacyMetrics.Result result, ReidScore.Result reid, Manifest train,
                          Manifest synthetic) {}

    public static Outcome run(Request req, RunContext ctx) {
        PrintStream log = ctx.log();
        Outputs.requireWritable("json", req.json(), "per-sample", req.perSample(), "contact-sheet", req.contactSheet());
        Inputs.requireExisting("train", req.train(), "synthetic", req.synthetic(), "holdout", req.holdout());
        Inputs.Loaded train = Inputs.load(ctx, req.train(), null, "train", req.encoder());
        Inputs.Loaded syn = Inputs.load(ctx, req.synthetic(), null, "synthetic", req.encoder());
        Inputs.Loaded hold = req.holdout() == null ? null : Inputs.load(ctx, req.holdout(), null, "holdout", req.encoder());
        Inputs.checkSameEncoder(train, req.train(), syn, req.synthetic());
        if (hold != null) {
            Inputs.checkSameEncoder(train, req.train(), hold, req.holdout());
        }
        if (hold != null && train.manifest() != null && hold.manifest() != null) {
            PatientSplits.checkDisjoint(train.manifest(), "train", hold.manifest(), "holdout");
        }
        long t0 = System.nanoTime();
        PrivacyMetrics.Result r;
        try {
            r = PrivacyMetrics.compute(new PrivacyMetrics.Reference(train.features(),
                    hold == null ? null : hold.features(), ctx.engine()), syn.features(), req.options(), req.metrics());
        } catch (BadInputException e) {
            throw new BadInputException(req.train() + " vs " + req.synthetic() + ": " + e.getMessage(), e);
        }
        log.printf(Locale.ROOT, "privacy: %d synthetic x %d training rows, d=%d, %.1f s%n", syn.features().n(),
                train.features().n(), train.features().d(), (System.nanoTime() - t0) / 1e9);
        Provenance.Builder prov = Provenance.builder(req.command()).threads(ctx.threads())
                .seed("seed", req.seed())
                .setting("encoder", train.encoder())
                .setting("memorization_quantile", req.options().memorizationQuantile())
                .setting("reid_threshold", req.reidThreshold());
        train.record(prov, "train");
        syn.record(prov, "synthetic");
        if (hold != null) {
            hold.record(prov, "holdout");
        }
        List<String> warnings = new ArrayList<>();

        ReidScore.Result re = req.wants("reid_score") ? reid(req, train, syn, r, prov, ctx) : null;

        // pixel space: downscaled images, distances divided by sqrt(pixels), and pixel-identical copies
        PixelSpace pixel = null;
        if (train.manifest() != null && syn.manifest() != null && (req.wants("exact_copies") || req.wants("dcr_min"))) {
            pixel = PixelCopies.pixelSpace(train.manifest(), syn.manifest(), hold == null ? null : hold.manifest(),
                    req.options(), ctx);
        }

        Map<String, MetricResult> metrics = results(r, re == null ? null : re.score(), req, train.features().n(),
                syn.features().n(), warnings);
        Evaluation e = Evaluation.single(metrics, null, warnings, blocks(re, pixel, r), prov.build());
        if (req.json() != null) {
            ResultsJson.write(req.json(), e);
            log.println("wrote " + req.json());
        }
        return new Outcome(e, r, re, train.manifest(), syn.manifest());
    }

    /** Patient re-identification: the verifier fitted on the training patients, scored on the synthetic set. */
    private static ReidScore.Result reid(Request req, Inputs.Loaded train, Inputs.Loaded syn, PrivacyMetrics.Result r,
                                         Provenance.Builder prov, RunContext ctx) {
        String[] patients = train.manifest() == null ? null
                : train.manifest().records().stream().map(x -> x.patientId()).toArray(String[]::new);
        Features reidTrain = train.features();
        Features reidSyn = syn.features();
        if (req.reidEncoder() != null) {
            if (train.manifest() == null || syn.manifest() == null) {
                throw new BadInputException("--reid-encoder needs image inputs (folders or manifests) for --train and --synthetic");
            }
            reidTrain = Inputs.load(ctx, req.train(), null, "train (re-id)", req.reidEncoder()).features();
            reidSyn = Inputs.load(ctx, req.synthetic(), null, "synthetic (re-id)", req.reidEncoder()).features();
            prov.setting("reid_encoder", org.cxrbench.encode.Encoders.get(req.reidEncoder()).fingerprint());
        }
        return ReidScore.fitAndScore(reidTrain, patients, reidSyn, r, req.reidThreshold(), req.seed());
    }

    /**
     * The command's blocks: the summary (with the re-id score and pixel-identical copies), the re-id description,
     * pixel-space copies, the DCR histograms (to the training set and to the holdout).
     */
    private static ResultBlocks blocks(ReidScore.Result re, PixelSpace pixel, PrivacyMetrics.Result r) {
        return ResultBlocks.builder()
                .summary(r.stats().withCommandAdditions(re == null ? null : re.score(),
                        pixel == null ? null : pixel.identicalPixelCopies()))
                .reid(re == null ? null : re.description())
                .pixelSpace(pixel)
                .dcr(Histogram.of(r.dcr(), 20))
                .dcrHoldout(r.dcrHoldout() == null ? null : Histogram.of(r.dcrHoldout(), 20))
                .build();
    }

    /** The registry's privacy keys that were asked for and could be computed; the others are named in a warning. */
    static Map<String, MetricResult> results(PrivacyMetrics.Result r, Double reid, Request req, long nTrain, long nSyn,
                                             List<String> warnings) {
        List<String> missing = new ArrayList<>();
        Map<String, MetricResult> out = PrivacyMetrics.results(r, reid, nTrain, nSyn,
                KEYS.stream().filter(req::wants).toList(), missing);
        if (!missing.isEmpty() && req.metrics() != null) {
            warnings.add("not computed: " + String.join(", ", missing) + " (memorisation and holdout keys need --holdout; "
                    + "reid_score needs a training manifest with patient ids; nndr_median needs distinct second neighbours)");
        }
        return out;
    }

    /** ./cxrbench privacy as a stage. */
    public record AsStage(Request request) implements org.cxrbench.pipeline.Stage.OnFiles<Outcome> {
        @Override public String name() {
            return "privacy";
        }

        @Override public Map<String, Path> files() {
            return org.cxrbench.pipeline.Stage.files("train", request.train(), "synthetic", request.synthetic(), "holdout", request.holdout());
        }

        @Override public Map<String, Path> writes() {
            return org.cxrbench.pipeline.Stage.files("json", request.json(), "per-sample", request.perSample(), "contact-sheet", request.contactSheet());
        }

        @Override public PrivacySettings settings() {
            return new PrivacySettings(request.metrics() == null ? "default" : String.join(",", request.metrics()),
                    request.options().memorizationQuantile(), request.options().carliniN(),
                    String.valueOf(request.reidEncoder()), request.reidThreshold(), request.seed(),
                    String.valueOf(request.encoder()));
        }

        @Override public Outcome compute(RunContext ctx) {
            return PrivacyJob.run(request, ctx);
        }
    }
}
