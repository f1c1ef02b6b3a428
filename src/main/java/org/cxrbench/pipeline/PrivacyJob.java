package org.cxrbench.pipeline;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Family;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;
import org.cxrbench.common.ResultsJson;
import org.cxrbench.report.ConsoleReport;
import org.cxrbench.stats.Histogram;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.data.Resize;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.encode.PixelEncoder;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.cxrbench.privacy.ReidVerifier;
import org.cxrbench.stats.Percentiles;

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

    public static Evaluation run(Request req, RunContext ctx) {
        PrintStream log = ctx.log();
        Blas.setThreads(ctx.threads());
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
        Map<String, Object> s = new LinkedHashMap<>(r.summary());
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

        // patient re-identification
        String[] patients = train.manifest() == null ? null
                : train.manifest().records().stream().map(x -> x.patientId()).toArray(String[]::new);
        Reid re = null;
        if (req.wants("reid_score")) {
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
            re = reid(reidTrain, patients, reidSyn, r, req.reidThreshold(), req.seed());
            if (re.score() != null) {
                s.put("reid_score", re.score());
            }
        }

        // pixel space: downscaled images, distances divided by sqrt(pixels), and pixel-identical copies
        Map<String, Object> pixel = null;
        if (train.manifest() != null && syn.manifest() != null && (req.wants("exact_copies") || req.wants("dcr_min"))) {
            pixel = pixelSpace(train.manifest(), syn.manifest(), hold == null ? null : hold.manifest(), req, ctx);
            s.put("exact_copies_pixels", pixel.get("identical_pixel_copies"));
        }

        Map<String, MetricResult> metrics = results(s, req, train.features().n(), syn.features().n(), warnings);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("summary", s);
        if (re != null) {
            extra.put("reid", re.description());
        }
        if (pixel != null) {
            extra.put("pixel_space", pixel);
        }
        extra.put("histogram_dcr", Histogram.of(r.dcr(), 20));
        if (r.dcrHoldout() != null) {
            extra.put("histogram_dcr_holdout", Histogram.of(r.dcrHoldout(), 20));
        }
        Provenance provenance = prov.build();
        Evaluation e = Evaluation.single(metrics, null, warnings, extra, provenance);
        if (req.json() != null) {
            ResultsJson.write(req.json(), e);
            log.println("wrote " + req.json());
        }
        if (req.perSample() != null) {
            writePerSample(req.perSample(), r, re == null ? null : re.probabilities(), train.manifest(), syn.manifest());
            Json.writeSidecar(req.perSample(), provenance);
            log.println("wrote " + req.perSample());
        }
        if (req.contactSheet() != null) {
            if (train.manifest() == null || syn.manifest() == null) {
                log.println("note: no contact sheet (it needs image inputs, not feature files)");
            } else {
                contactSheet(req.contactSheet(), r, train.manifest(), syn.manifest(), 8);
                Json.writeSidecar(req.contactSheet(), provenance);
                log.println("wrote " + req.contactSheet() + " (pairs listed in " + req.contactSheet().getFileName() + ".csv)");
            }
        }
        ConsoleReport.print(e, ctx.out());
        if (re != null && re.description().containsKey("validation_auc")) {
            ctx.out().printf(Locale.ROOT, "  re-id verifier AUC on unseen patients: %.3f%n", (double) re.description().get("validation_auc"));
        }
        return e;
    }

    /** The registry's privacy keys that were asked for and could be computed; the others are named in a warning. */
    static Map<String, MetricResult> results(Map<String, Object> s, Request req, long nTrain, long nSyn, List<String> warnings) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("n_train", nTrain);
        counts.put("n_synthetic", nSyn);
        Map<String, MetricResult> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String k : KEYS) {
            if (!req.wants(k)) {
                continue;
            }
            if (s.get(k) instanceof Number v) {
                out.put(k, MetricResult.of(k, v.doubleValue(), counts));
            } else {
                missing.add(k);
            }
        }
        if (!missing.isEmpty() && req.metrics() != null) {
            warnings.add("not computed: " + String.join(", ", missing) + " (memorisation and holdout keys need --holdout; "
                    + "reid_score needs a training manifest with patient ids; nndr_median needs distinct second neighbours)");
        }
        return out;
    }

    /** Re-ID outcome: per-synthetic probabilities (or null), the score (or null) and a description for the JSON. */
    public record Reid(double[] probabilities, Double score, Map<String, Object> description) {}

    /**
     * Fits the same-patient verifier on the training set's patients and applies it to every synthetic image and its
     * nearest training image.
     */
    public static Reid reid(Features train, String[] patients, Features syn, PrivacyMetrics.Result r, double threshold,
                            long seed) {
        Map<String, Object> reid = new LinkedHashMap<>();
        if (patients == null) {
            reid.put("unavailable", "needs a training manifest (or folder) with patient ids");
            return new Reid(null, null, reid);
        }
        ReidVerifier v = ReidVerifier.fit(train, patients, seed);
        if (v == null) {
            reid.put("unavailable", "needs at least " + ReidVerifier.MIN_PATIENTS + " training patients with 2+ images");
            return new Reid(null, null, reid);
        }
        return reid(v, train, syn, r, threshold);
    }

    /** Applies a fitted verifier (fitted once per training set, shared by every synthetic set). */
    public static Reid reid(ReidVerifier v, Features train, Features syn, PrivacyMetrics.Result r, double threshold) {
        Map<String, Object> reid = new LinkedHashMap<>();
        if (v == null) {
            reid.put("unavailable", "needs at least " + ReidVerifier.MIN_PATIENTS + " training patients with 2+ images");
            return new Reid(null, null, reid);
        }
        double[] p = new double[r.dcr().length];
        int above = 0;
        int judged = 0;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = v.probability(syn, i, train, r.nnTrainIndex()[i]);
            judged += p[i] > 0.5 ? 1 : 0;
            above += p[i] > threshold ? 1 : 0;
            sum += p[i];
            max = Math.max(max, p[i]);
        }
        reid.putAll(v.describe());
        reid.put("mean_probability", sum / p.length);
        reid.put("max_probability", max);
        reid.put("threshold", threshold);
        reid.put("count_above_threshold", above);
        if (v.validationAuc() < 0.7) {
            reid.put("warning", "the verifier separates unseen patients poorly (AUC "
                    + String.format(Locale.ROOT, "%.3f", v.validationAuc())
                    + "): these features carry little patient identity; use an encoder that does");
        }
        return new Reid(p, (double) judged / p.length, reid);
    }

    static Map<String, Object> pixelSpace(Manifest train, Manifest syn, Manifest hold, Request req, RunContext ctx) {
        PixelEncoder enc = new PixelEncoder(32);
        Features ft = ImageEncoding.encode(train, enc, ctx.threads(), ctx.log(), "train (pixels)", ctx.cache());
        Features fs = ImageEncoding.encode(syn, enc, ctx.threads(), ctx.log(), "synthetic (pixels)", ctx.cache());
        Features fh = hold == null ? null
                : ImageEncoding.encode(hold, enc, ctx.threads(), ctx.log(), "holdout (pixels)", ctx.cache());
        PrivacyMetrics.Result p = PrivacyMetrics.compute(ft, fs, fh, req.options());
        double norm = Math.sqrt(enc.dimension());
        double[] d = Arrays.stream(p.dcr()).map(x -> x / norm).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("space", "images centre-cropped and area-resized to 32 x 32, grey values in [0,1]; distances divided by "
                + "sqrt(1024) (per-pixel RMS difference, CheXGenBench's normalisation)");
        m.put("dcr_min", Arrays.stream(d).min().getAsDouble());
        m.put("dcr_p5", Percentiles.linear(d, 0.05));
        m.put("dcr_median", Percentiles.linear(d, 0.5));
        m.put("memorized", p.summary().get("memorized"));
        m.put("identical_pixel_copies", identicalCopies(train, ft, syn, fs));
        return m;
    }

    /**
     * Synthetic images whose decoded pixels equal some training image's exactly. Identical pixels give identical
     * pixel features ({@code ft}, {@code fs}: the same deterministic encoder), so only synthetic images whose feature
     * row equals a training row are decoded again and compared in full; the rest cannot be copies.
     */
    static long identicalCopies(Manifest train, Features ft, Manifest syn, Features fs) {
        Map<Integer, List<Integer>> trainByRow = new HashMap<>();
        for (int t = 0; t < ft.n(); t++) {
            trainByRow.computeIfAbsent(rowHash(ft, t), k -> new ArrayList<>()).add(t);
        }
        Map<Integer, String> trainPixels = new HashMap<>();
        long c = 0;
        for (int i = 0; i < fs.n(); i++) {
            List<Integer> candidates = trainByRow.getOrDefault(rowHash(fs, i), List.of());
            String h = null;
            for (int t : candidates) {
                if (!sameRow(ft, t, fs, i)) {
                    continue;
                }
                if (h == null) {
                    h = pixelHash(ImageDecoder.decode(syn.imagePath(i)));
                }
                if (h.equals(trainPixels.computeIfAbsent(t, k -> pixelHash(ImageDecoder.decode(train.imagePath(k)))))) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }

    private static int rowHash(Features f, int i) {
        int h = 1;
        for (int j = 0; j < f.d(); j++) {
            h = 31 * h + Double.hashCode(f.get(i, j));
        }
        return h;
    }

    private static boolean sameRow(Features a, int i, Features b, int j) {
        for (int k = 0; k < a.d(); k++) {
            if (Double.doubleToLongBits(a.get(i, k)) != Double.doubleToLongBits(b.get(j, k))) {
                return false;
            }
        }
        return true;
    }

    static String pixelHash(GreyImage g) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 4 * g.pixels().length);
        b.putInt(g.width()).putInt(g.height());
        for (float f : g.pixels()) {
            b.putFloat(f);
        }
        return Hashing.ofBytes(b.array());
    }

    static void writePerSample(Path file, PrivacyMetrics.Result r, double[] reidP, Manifest train, Manifest syn) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("synthetic_index,nn_train_index,dcr,nndr,memorized,synthetic_id,nn_train_id,second_nn_distance,"
                    + "carlini_ratio,dcr_holdout,reid_probability\n");
            for (int i = 0; i < r.dcr().length; i++) {
                int t = r.nnTrainIndex()[i];
                List<String> f = new ArrayList<>();
                f.add(Integer.toString(i));
                f.add(Integer.toString(t));
                f.add(Double.toString(r.dcr()[i]));
                f.add(Double.isNaN(r.nndr()[i]) ? "" : Double.toString(r.nndr()[i]));
                f.add(r.memorizationThreshold() == null ? "" : (r.memorized()[i] ? "1" : "0"));
                f.add(syn == null ? "" : syn.get(i).id());
                f.add(train == null ? "" : train.get(t).id());
                f.add(Double.toString(r.secondDistance()[i]));
                f.add(Double.toString(r.carliniRatio()[i]));
                f.add(r.dcrHoldout() == null ? "" : Double.toString(r.dcrHoldout()[i]));
                f.add(reidP == null ? "" : Double.toString(reidP[i]));
                w.write(org.cxrbench.data.Csv.line(f));
                w.write('\n');
            }
            w.flush();
        });
    }

    /** The closest synthetic/training pairs, synthetic left, training right, one pair per row, closest first. */
    static void contactSheet(Path file, PrivacyMetrics.Result r, Manifest train, Manifest syn, int pairs) {
        Integer[] order = new Integer[r.dcr().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(r.dcr()[a], r.dcr()[b]));
        int n = Math.min(pairs, order.length);
        int size = 96;
        int gap = 4;
        int w = 2 * size + 3 * gap;
        int h = n * (size + gap) + gap;
        float[] p = new float[w * h];
        Arrays.fill(p, 1f);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            GreyImage a = Resize.toSquare(ImageDecoder.decode(syn.imagePath(i)), size, Resize.Square.CROP, Resize.Filter.AREA);
            GreyImage b = Resize.toSquare(ImageDecoder.decode(train.imagePath(r.nnTrainIndex()[i])), size,
                    Resize.Square.CROP, Resize.Filter.AREA);
            int y0 = gap + k * (size + gap);
            for (int y = 0; y < size; y++) {
                System.arraycopy(a.pixels(), y * size, p, (y0 + y) * w + gap, size);
                System.arraycopy(b.pixels(), y * size, p, (y0 + y) * w + 2 * gap + size, size);
            }
        }
        ImageWriter.png8(new GreyImage(w, h, p, 8), file);
        StringBuilder b = new StringBuilder("rank,synthetic_index,synthetic_id,nn_train_index,nn_train_id,dcr,memorized\n");
        for (int k = 0; k < n; k++) {
            int i = order[k];
            b.append(k).append(',').append(i).append(',').append(syn.get(i).id()).append(',')
                    .append(r.nnTrainIndex()[i]).append(',').append(train.get(r.nnTrainIndex()[i]).id()).append(',')
                    .append(r.dcr()[i]).append(',').append(r.memorizationThreshold() == null ? "" : r.memorized()[i] ? "1" : "0")
                    .append('\n');
        }
        AtomicFiles.writeString(file.resolveSibling(file.getFileName() + ".csv"), b.toString());
    }
}
