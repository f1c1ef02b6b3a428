package org.cxrbench.validate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cxrbench.linalg.Features;

/**
 * Every flawed set made, encoded with every encoder and judged, one set at a time (so only one set's images are in
 * memory): the features per encoder of the reference half, the holdout and each (flaw, strength), and the filter's
 * flagged counts. Strength 0 is the holdout itself; a set that changes no pixel (shuffled labels) shares the
 * holdout's features.
 */
record FlawSetsEncoded(Features[] train, Features[] holdout, Features[][][] features, List<ValidateJob.Flagged> flagged,
                       ValidateJob.Flagged floorJudged) {

    static FlawSetsEncoded make(FlawedSets maker, List<Flaw> flaws, List<SetEncoding> encoders, MemoJudge judge,
                                Timings time, PrintStream log) {
        int ne = encoders.size();
        Features[] trainF = new Features[ne];
        Features[] holdoutF = new Features[ne];
        long tk = System.nanoTime();
        String[] trainKeys = SetEncoding.keys(maker.train().images());
        String[] holdoutKeys = SetEncoding.keys(maker.holdout().images());
        time.add("hashing", tk);
        for (int e = 0; e < ne; e++) {
            long te = System.nanoTime();
            trainF[e] = encoders.get(e).encode(maker.train().images(), trainKeys, null);
            holdoutF[e] = encoders.get(e).encode(maker.holdout().images(), holdoutKeys, null);
            time.add("encoding " + encoders.get(e).encoder().name(), te);
        }
        ValidateJob.Flagged floor = null;
        if (judge != null) {
            long tj = System.nanoTime();
            floor = judge.judge(flaws.get(0), 0, maker.holdout().images(), holdoutKeys, maker.holdout().requested());
            time.add("judging", tj);
        }
        // features[e][flaw][strength]
        Features[][][] feats = new Features[ne][flaws.size()][Flaw.STRENGTHS + 1];
        List<ValidateJob.Flagged> flagged = new ArrayList<>();
        for (int fi = 0; fi < flaws.size(); fi++) {
            Flaw f = flaws.get(fi);
            for (int e = 0; e < ne; e++) {
                feats[e][fi][0] = holdoutF[e];
            }
            if (floor != null) {
                flagged.add(new ValidateJob.Flagged(f, 0, floor.flagged(), floor.low(), floor.notRelevant(), floor.n()));
            }
            for (int s = 1; s <= Flaw.STRENGTHS; s++) {
                ValidateJob.Flagged j = one(maker, f, s, encoders, holdoutF, holdoutKeys, feats, fi, judge, time, log);
                if (j != null) {
                    flagged.add(j);
                }
            }
        }
        return new FlawSetsEncoded(trainF, holdoutF, feats, flagged, floor);
    }

    /** One (flaw, strength): made, encoded with every encoder (features into feats[e][fi][s]) and judged. */
    private static ValidateJob.Flagged one(FlawedSets maker, Flaw f, int s, List<SetEncoding> encoders, Features[] holdoutF,
                                           String[] holdoutKeys, Features[][][] feats, int fi, MemoJudge judge,
                                           Timings time, PrintStream log) {
        long ts = System.nanoTime();
        FlawedSets.FlawedSet set = maker.make(f, s);
        time.add("making flaws", ts);
        long tk = System.nanoTime();
        String[] keys = f.changesPixels() ? SetEncoding.keys(set.images()) : holdoutKeys;
        time.add("hashing", tk);
        int encoded = 0;
        int cached = 0;
        for (int e = 0; e < encoders.size(); e++) {
            long te = System.nanoTime();
            SetEncoding.Counts[] c = {new SetEncoding.Counts(0, 0, set.images().size())};
            feats[e][fi][s] = f.changesPixels() ? encoders.get(e).encode(set.images(), keys, c) : holdoutF[e];
            encoded += c[0].encoded();
            cached += c[0].fromCache();
            time.add("encoding " + encoders.get(e).encoder().name(), te);
        }
        ValidateJob.Flagged j = null;
        if (judge != null) {
            long tj = System.nanoTime();
            j = judge.judge(f, s, set.images(), keys, set.requested());
            time.add("judging", tj);
        }
        int n = encoders.size() * set.images().size();
        log.printf(Locale.ROOT, "validate: %s strength %d (%s %s): %d images encoded, %d from the cache, %d already encoded in this run, %.1f s%n",
                f.key, s, f.parameter.split(" ")[0], ValidateJob.fmt(f.level(s)), encoded, cached, n - encoded - cached,
                (System.nanoTime() - ts) / 1e9);
        return j;
    }
}
