package org.cxrbench.validate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.filter.BuiltinJudge;
import org.cxrbench.common.Progress;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Workers;

/**
 * {@code validate}: splits the user's real images into patient-disjoint halves (the reference "training" half and
 * the holdout), makes every flaw at every strength from the holdout in memory ({@link FlawedSets}), encodes each
 * image once per encoder through the feature cache, measures every set against the reference half
 * ({@link SetMeasures}), judges every image with the builtin filter calibrated on the reference half, and writes
 * validate.json, validate.csv and report.html.
 */
public final class ValidateJob {
    private ValidateJob() {}

    public record Request(Path real, List<String> encoders, String metrics, String judge, String flaws, long seed,
                          int resamples, double falseRejection, Path out, FeatureCache cache, String commandLine,
                          int threads) {}

    /** The filter's share flagged (low or not relevant) per flaw and strength. */
    record Flagged(Flaw flaw, int strength, int flagged, int low, int notRelevant, int n) {}

    record Outcome(List<Analysis.Row> rows, List<Analysis.Verdict> verdicts, List<Flagged> flagged, int falseRejected,
                   int holdoutN, int trainN, double falseRejectionTarget, List<String> encoders, List<String> metrics,
                   List<Flaw> flaws, Provenance provenance, double seconds, String judge) {}

    public static Path run(Request q, PrintStream log) {
        List<String> metrics = SetMeasures.parse(q.metrics());
        List<Flaw> flaws = Flaw.parse(q.flaws());
        if (!List.of("builtin", "none").contains(q.judge())) {
            throw new BadInputException("--judge " + q.judge() + ": validate judges images made in memory; give builtin or none");
        }
        if (q.resamples() < 20) {
            throw new BadInputException("--resamples " + q.resamples() + ": give at least 20 (100 or more for stable intervals)");
        }
        // on the command's workers (a library or test call gets workers of its own, closed at the end)
        Workers here = Workers.current();
        Workers w = Workers.forThreads(Math.max(1, q.threads()), Progress.to(log));
        try {
            return w.get(() -> runOnWorkers(q, metrics, flaws, log));
        } finally {
            if (w != here) {
                w.close();
            }
        }
    }

    private static Path runOnWorkers(Request q, List<String> metrics, List<Flaw> flaws, PrintStream log) {
        long t0 = System.nanoTime();
        List<SetEncoding> encoders = new ArrayList<>();
        for (String e : q.encoders()) {
            encoders.add(new SetEncoding(Encoders.get(e), q.cache()));
        }
        Manifest all = read(q.real());
        Manifest halves = PatientSplits.split(all, PatientSplits.halves("train", "holdout"), q.seed());
        Manifest train = only(halves, "train");
        Manifest holdout = only(halves, "holdout");
        if (train.size() < 20 || holdout.size() < 20) {
            throw new BadInputException(q.real() + ": " + all.size() + " images make halves of " + train.size() + " and "
                    + holdout.size() + "; give at least 40 real images of 20+ patients (a few hundred for useful intervals)");
        }
        log.printf(Locale.ROOT, "validate: %d real images -> reference half %d, holdout %d (patient-disjoint, seed %d)%n",
                all.size(), train.size(), holdout.size(), q.seed());
        Timings time = new Timings();
        FlawedSets.RealHalf a = decode(train);
        FlawedSets.RealHalf b = decode(holdout);
        BuiltinJudge judge = q.judge().equals("builtin") ? BuiltinJudge.calibrate(train, q.falseRejection(), q.threads(), log) : null;
        time.add("decoding and calibration", t0);
        FlawSetsEncoded sets = FlawSetsEncoded.make(new FlawedSets(a, b, q.seed()), flaws, encoders,
                judge == null ? null : new MemoJudge(judge), time, log);
        List<Analysis.Row> rows = new ArrayList<>();
        List<Analysis.Verdict> verdicts = new ArrayList<>();
        for (int e = 0; e < encoders.size(); e++) {
            long tm = System.nanoTime();
            measure(encoders.get(e).encoder().name(), metrics, flaws, sets.train()[e], sets.holdout()[e], sets.features()[e],
                    q, rows, verdicts);
            time.add("measuring " + encoders.get(e).encoder().name(), tm);
            log.printf(Locale.ROOT, "validate: %s measured (%d sets x %d half-samples) in %.1f s%n",
                    encoders.get(e).encoder().name(), flaws.size() * Flaw.STRENGTHS + 1, q.resamples(), (System.nanoTime() - tm) / 1e9);
        }
        Provenance prov = Provenance.builder(q.commandLine()).input("real", all.withImageHashes().imagesHash())
                .seed("seed", q.seed()).threads(q.threads()).setting("encoders", String.join(",", q.encoders()))
                .setting("metrics", String.join(",", metrics)).setting("judge", q.judge())
                .setting("half_samples", q.resamples()).setting("false_rejection", q.falseRejection()).build();
        Flagged floor = sets.floorJudged();
        Outcome o = new Outcome(rows, verdicts, sets.flagged(), floor == null ? -1 : floor.flagged(), b.size(), a.size(),
                q.falseRejection(), encoders.stream().map(x -> x.encoder().name()).toList(), metrics, flaws, prov,
                (System.nanoTime() - t0) / 1e9, q.judge());
        ValidateOutput.write(o, q.out());
        ValidateReport.write(o, q.out().resolve("report.html"));
        log.printf(Locale.ROOT, "validate: done in %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, time);
        return q.out();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static void measure(String encoder, List<String> metrics, List<Flaw> flaws, Features train, Features holdout,
                                Features[][] sets, Request q, List<Analysis.Row> rows, List<Analysis.Verdict> verdicts) {
        int n = holdout.n();
        SetMeasures sm = new SetMeasures(metrics, train, holdout, n, q.seed());
        List<int[]> halves = SetMeasures.halfSamples(n, q.resamples(), q.seed());
        // distinct sets: the holdout once, then every (flaw, strength > 0)
        List<Features> distinct = new ArrayList<>();
        distinct.add(holdout);
        int[][] at = new int[flaws.size()][Flaw.STRENGTHS + 1];
        for (int fi = 0; fi < flaws.size(); fi++) {
            for (int s = 1; s <= Flaw.STRENGTHS; s++) {
                int found = distinct.indexOf(sets[fi][s]);
                if (found < 0) {
                    distinct.add(sets[fi][s]);
                    found = distinct.size() - 1;
                }
                at[fi][s] = found;
            }
        }
        int nd = distinct.size();
        double[][] whole = new double[nd][];
        double[][][] half = new double[nd][q.resamples()][];
        SetMeasures.PerImage[] per = new SetMeasures.PerImage[nd];
        Workers w = Workers.current();
        w.forEach(nd, 1, d -> {
            per[d] = sm.perImage(distinct.get(d));
            whole[d] = sm.values(distinct.get(d), per[d], null);
        });
        w.forEach(nd * q.resamples(), 1, j -> {
            int d = j / q.resamples();
            int r = j % q.resamples();
            half[d][r] = sm.values(distinct.get(d), per[d], halves.get(r));
        });
        for (int fi = 0; fi < flaws.size(); fi++) {
            double[][] v = new double[Flaw.STRENGTHS + 1][];
            double[][][] h = new double[Flaw.STRENGTHS + 1][][];
            for (int s = 0; s <= Flaw.STRENGTHS; s++) {
                v[s] = whole[at[fi][s]];
                h[s] = half[at[fi][s]];
            }
            List<Analysis.Row> rs = Analysis.rows(flaws.get(fi), encoder, metrics, v, h, n);
            rows.addAll(rs);
            for (String m : metrics) {
                verdicts.add(Analysis.verdict(flaws.get(fi), encoder, m, rs.stream().filter(r -> r.metric().equals(m)).toList()));
            }
        }
    }

    static Manifest read(Path real) {
        String name = real.getFileName() == null ? real.toString() : real.getFileName().toString();
        String split = null;
        Path file = real;
        if (!Files.exists(real) && name.contains("#")) {
            split = name.substring(name.indexOf('#') + 1);
            file = real.resolveSibling(name.substring(0, name.indexOf('#')));
        }
        if (!Files.exists(file)) {
            throw new BadInputException(real + ": not found; give a manifest CSV (optionally M.csv#split) or an image folder");
        }
        Manifest m = Files.isDirectory(file) ? FolderReader.read(file, null) : Manifest.read(file);
        if (split != null) {
            Manifest s = only(m, split);
            if (s.size() == 0) {
                throw new BadInputException(file + ": no row has split '" + split + "'; give a split the manifest has");
            }
            m = s;
        }
        return m;
    }

    static Manifest only(Manifest m, String split) {
        List<ManifestRecord> rs = m.records().stream().filter(r -> split.equals(r.split())).toList();
        return new Manifest(rs, m.baseDir());
    }

    static FlawedSets.RealHalf decode(Manifest m) {
        GreyImage[] imgs = new GreyImage[m.size()];
        IntStream.range(0, m.size()).parallel().forEach(i -> imgs[i] = ImageDecoder.decode(m.imagePath(i)));
        List<List<ChexpertLabel>> req = new ArrayList<>();
        String[] patients = new String[m.size()];
        for (int i = 0; i < m.size(); i++) {
            req.add(BuiltinJudge.requested(m.get(i)));
            patients[i] = m.get(i).patientId() == null || m.get(i).patientId().isEmpty() ? m.get(i).id() : m.get(i).patientId();
        }
        return new FlawedSets.RealHalf(List.of(imgs), req, patients);
    }
}
