package org.cxrbench.validate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.filter.BuiltinJudge;
import org.cxrbench.filter.Judgement;
import org.cxrbench.filter.Verdict;
import org.cxrbench.linalg.Features;

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
        long t0 = System.nanoTime();
        List<String> metrics = SetMeasures.parse(q.metrics());
        List<Flaw> flaws = Flaw.parse(q.flaws());
        List<Encoder> encoders = new ArrayList<>();
        for (String e : q.encoders()) {
            encoders.add(Encoders.get(e));
        }
        if (!List.of("builtin", "none").contains(q.judge())) {
            throw new BadInputException("--judge " + q.judge() + ": validate judges images made in memory; give builtin or none");
        }
        if (q.resamples() < 20) {
            throw new BadInputException("--resamples " + q.resamples() + ": give at least 20 (100 or more for stable intervals)");
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
        FlawedSets.RealHalf a = decode(train);
        FlawedSets.RealHalf b = decode(holdout);
        FlawedSets maker = new FlawedSets(a, b, q.seed());
        BuiltinJudge judge = q.judge().equals("builtin") ? BuiltinJudge.calibrate(train, q.falseRejection(), q.threads(), log) : null;

        int ne = encoders.size();
        Features[] trainF = new Features[ne];
        Features[] holdoutF = new Features[ne];
        String[] holdoutKeys = SetEncoding.keys(b.images());
        for (int e = 0; e < ne; e++) {
            trainF[e] = SetEncoding.encode(encoders.get(e), a.images(), SetEncoding.keys(a.images()), q.cache(), null);
            holdoutF[e] = SetEncoding.encode(encoders.get(e), b.images(), holdoutKeys, q.cache(), null);
        }
        Flagged floorJudged = judge == null ? null : judgeSet(judge, flaws.get(0), 0, b.images(), b.requested());
        // features[e][flaw][strength]
        Features[][][] feats = new Features[ne][flaws.size()][Flaw.STRENGTHS + 1];
        List<Flagged> flagged = new ArrayList<>();
        for (int fi = 0; fi < flaws.size(); fi++) {
            Flaw f = flaws.get(fi);
            for (int s = 0; s <= Flaw.STRENGTHS; s++) {
                if (s == 0) {
                    for (int e = 0; e < ne; e++) {
                        feats[e][fi][0] = holdoutF[e];
                    }
                    if (floorJudged != null) {
                        flagged.add(new Flagged(f, 0, floorJudged.flagged(), floorJudged.low(), floorJudged.notRelevant(), floorJudged.n()));
                    }
                    continue;
                }
                long ts = System.nanoTime();
                FlawedSets.FlawedSet set = maker.make(f, s);
                String[] keys = f.changesPixels() ? SetEncoding.keys(set.images()) : holdoutKeys;
                int encoded = 0;
                for (int e = 0; e < ne; e++) {
                    int[] c = new int[1];
                    feats[e][fi][s] = f.changesPixels() ? SetEncoding.encode(encoders.get(e), set.images(), keys, q.cache(), c)
                            : holdoutF[e];
                    encoded += c[0];
                }
                if (judge != null) {
                    flagged.add(judgeSet(judge, f, s, set.images(), set.requested()));
                }
                log.printf(Locale.ROOT, "validate: %s strength %d (%s %s): %d images encoded, %d from the cache, %.1f s%n",
                        f.key, s, f.parameter.split(" ")[0], fmt(f.level(s)), encoded, ne * set.images().size() - encoded,
                        (System.nanoTime() - ts) / 1e9);
            }
        }
        List<Analysis.Row> rows = new ArrayList<>();
        List<Analysis.Verdict> verdicts = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            long tm = System.nanoTime();
            measure(encoders.get(e).name(), metrics, flaws, trainF[e], holdoutF[e], feats[e], q, rows, verdicts);
            log.printf(Locale.ROOT, "validate: %s measured (%d sets x %d half-samples) in %.1f s%n", encoders.get(e).name(),
                    flaws.size() * Flaw.STRENGTHS + 1, q.resamples(), (System.nanoTime() - tm) / 1e9);
        }
        Provenance prov = Provenance.builder(q.commandLine()).input("real", all.withImageHashes().imagesHash())
                .seed("seed", q.seed()).threads(q.threads()).setting("encoders", String.join(",", q.encoders()))
                .setting("metrics", String.join(",", metrics)).setting("judge", q.judge())
                .setting("half_samples", q.resamples()).setting("false_rejection", q.falseRejection()).build();
        Outcome o = new Outcome(rows, verdicts, flagged, floorJudged == null ? -1 : floorJudged.flagged(), b.size(), a.size(),
                q.falseRejection(), encoders.stream().map(Encoder::name).toList(), metrics, flaws, prov,
                (System.nanoTime() - t0) / 1e9, q.judge());
        ValidateOutput.write(o, q.out());
        ValidateReport.write(o, q.out().resolve("report.html"));
        log.printf(Locale.ROOT, "validate: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
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
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.max(1, q.threads()));
        try {
            pool.submit(() -> IntStream.range(0, nd).parallel().forEach(d -> {
                per[d] = sm.perImage(distinct.get(d));
                whole[d] = sm.values(distinct.get(d), per[d], null);
            })).join();
            pool.submit(() -> IntStream.range(0, nd * q.resamples()).parallel().forEach(j -> {
                int d = j / q.resamples();
                int r = j % q.resamples();
                half[d][r] = sm.values(distinct.get(d), per[d], halves.get(r));
            })).join();
        } finally {
            pool.shutdown();
        }
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

    private static Flagged judgeSet(BuiltinJudge judge, Flaw f, int s, List<GreyImage> images, List<List<ChexpertLabel>> req) {
        Verdict[] v = new Verdict[images.size()];
        IntStream.range(0, v.length).parallel().forEach(i -> {
            Judgement j = judge.judge(images.get(i), req.get(i));
            v[i] = j.verdict();
        });
        int low = 0;
        int nr = 0;
        for (Verdict x : v) {
            if (x == Verdict.LOW) {
                low++;
            } else if (x == Verdict.NOT_RELEVANT) {
                nr++;
            }
        }
        return new Flagged(f, s, low + nr, low, nr, v.length);
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

    static Map<String, Object> counts(Flagged f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low", f.low());
        m.put("not_relevant", f.notRelevant());
        m.put("n", f.n());
        return m;
    }
}
