package org.cxrbench.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Json;
import org.cxrbench.data.Csv;

/** validate.json (CONTRACT.md keys, plus the interval details) and validate.csv (one row per result). */
final class ValidateOutput {
    private ValidateOutput() {}

    static void write(ValidateJob.Outcome o, Path out) {
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        Json.write(out.resolve("validate.json"), json(o));
        AtomicFiles.writeString(out.resolve("validate.csv"), csv(o));
    }

    static ValidateResults json(ValidateJob.Outcome o) {
        List<ValidateResults.Result> results = new ArrayList<>();
        for (Analysis.Row r : o.rows()) {
            results.add(new ValidateResults.Result(r.flaw().key, r.strength(), r.flaw().level(r.strength()), r.encoder(),
                    r.metric(), num0(r.value()), arr(r.ci95()), num0(r.floor()), arr(r.floorCi95()), num0(r.difference()),
                    arr(r.differenceCi()), r.n()));
        }
        List<ValidateResults.Verdict> verdicts = new ArrayList<>();
        for (Analysis.Verdict v : o.verdicts()) {
            verdicts.add(new ValidateResults.Verdict(v.flaw().key, v.encoder(), v.metric(), v.direction(),
                    Double.isNaN(v.spearman()) ? null : v.spearman(), v.directionOk(), v.detectedAt(), v.verdict(),
                    v.expected()));
        }
        ValidateResults.FilterCheck filter = null;
        if (o.falseRejected() >= 0) {
            ValidateResults.FalseRejection fr = new ValidateResults.FalseRejection((double) o.falseRejected() / o.holdoutN(),
                    list(Analysis.wilson(o.falseRejected(), o.holdoutN())), o.holdoutN(), o.falseRejected(),
                    o.falseRejectionTarget(), "Wilson score, 95%");
            List<ValidateResults.Flagged> fl = new ArrayList<>();
            for (ValidateJob.Flagged x : o.flagged()) {
                fl.add(new ValidateResults.Flagged(x.flaw().key, x.strength(), (double) x.flagged() / x.n(),
                        list(Analysis.wilson(x.flagged(), x.n())), x.low(), x.notRelevant(), x.n()));
            }
            filter = new ValidateResults.FilterCheck(fr, fl, o.judge());
        }
        Map<String, String> rec = new LinkedHashMap<>();
        for (Recommendations.Recommendation r : Recommendations.of(o)) {
            rec.put(r.flaw().key, r.text());
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Flaw f : o.flaws()) {
            params.put(f.key, f.parameter);
        }
        ValidateResults.Method method = new ValidateResults.Method(o.trainN(), o.holdoutN(),
                "ci95: whole-set estimate + 2.5/97.5% quantiles of half-sample deviations (half-samples "
                + "without replacement, shared by every set); difference_ci: the same for value - floor (paired), at "
                + "level " + String.format(Locale.ROOT, "%.4f", Analysis.DETECTION_LEVEL) + " (Bonferroni over "
                + Flaw.STRENGTHS + " strengths)", params, o.seconds());
        return new ValidateResults(results, verdicts, filter, rec, method, o.provenance());
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    static String csv(ValidateJob.Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append(Csv.line(List.of("flaw", "strength", "parameter", "encoder", "metric", "value", "ci95_low", "ci95_high",
                "floor", "floor_ci95_low", "floor_ci95_high", "difference", "difference_ci_low", "difference_ci_high",
                "n"))).append('\n');
        for (Analysis.Row r : o.rows()) {
            b.append(Csv.line(List.of(r.flaw().key, String.valueOf(r.strength()), num(r.flaw().level(r.strength())),
                    r.encoder(), r.metric(), num(r.value()), num(r.ci95()[0]), num(r.ci95()[1]), num(r.floor()),
                    num(r.floorCi95()[0]), num(r.floorCi95()[1]), num(r.difference()), num(r.differenceCi()[0]),
                    num(r.differenceCi()[1]), String.valueOf(r.n())))).append('\n');
        }
        return b.toString();
    }

    static Double num0(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static List<Double> arr(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double x : v) {
            out.add(num0(x));
        }
        return out;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
