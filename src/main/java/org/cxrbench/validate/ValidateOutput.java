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

    static Map<String, Object> json(ValidateJob.Outcome o) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> results = new ArrayList<>();
        for (Analysis.Row r : o.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flaw", r.flaw().key);
            m.put("strength", r.strength());
            m.put("parameter", r.flaw().level(r.strength()));
            m.put("encoder", r.encoder());
            m.put("metric", r.metric());
            m.put("value", num0(r.value()));
            m.put("ci95", arr(r.ci95()));
            m.put("floor", num0(r.floor()));
            m.put("floor_ci95", arr(r.floorCi95()));
            m.put("difference", num0(r.difference()));
            m.put("difference_ci", arr(r.differenceCi()));
            m.put("n", r.n());
            results.add(m);
        }
        root.put("results", results);
        List<Object> verdicts = new ArrayList<>();
        for (Analysis.Verdict v : o.verdicts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flaw", v.flaw().key);
            m.put("encoder", v.encoder());
            m.put("metric", v.metric());
            m.put("direction", v.direction());
            m.put("spearman", Double.isNaN(v.spearman()) ? null : v.spearman());
            m.put("direction_ok", v.directionOk());
            m.put("detected_at", v.detectedAt());
            m.put("verdict", v.verdict());
            m.put("expected", v.expected());
            verdicts.add(m);
        }
        root.put("verdicts", verdicts);
        if (o.falseRejected() >= 0) {
            Map<String, Object> f = new LinkedHashMap<>();
            Map<String, Object> fr = new LinkedHashMap<>();
            fr.put("value", (double) o.falseRejected() / o.holdoutN());
            fr.put("ci95", Analysis.wilson(o.falseRejected(), o.holdoutN()));
            fr.put("n", o.holdoutN());
            fr.put("rejected", o.falseRejected());
            fr.put("target", o.falseRejectionTarget());
            fr.put("interval", "Wilson score, 95%");
            f.put("false_rejection", fr);
            List<Object> fl = new ArrayList<>();
            for (ValidateJob.Flagged x : o.flagged()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("flaw", x.flaw().key);
                m.put("strength", x.strength());
                m.put("share", (double) x.flagged() / x.n());
                m.put("ci95", Analysis.wilson(x.flagged(), x.n()));
                m.putAll(ValidateJob.counts(x));
                fl.add(m);
            }
            f.put("flagged", fl);
            f.put("judge", o.judge());
            root.put("filter", f);
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        for (Recommendations.Recommendation r : Recommendations.of(o)) {
            rec.put(r.flaw().key, r.text());
        }
        root.put("recommendations", rec);
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("reference_half", o.trainN());
        method.put("holdout", o.holdoutN());
        method.put("intervals", "ci95: whole-set estimate + 2.5/97.5% quantiles of half-sample deviations (half-samples "
                + "without replacement, shared by every set); difference_ci: the same for value - floor (paired), at "
                + "level " + String.format(Locale.ROOT, "%.4f", Analysis.DETECTION_LEVEL) + " (Bonferroni over "
                + Flaw.STRENGTHS + " strengths)");
        Map<String, Object> params = new LinkedHashMap<>();
        for (Flaw f : o.flaws()) {
            params.put(f.key, f.parameter);
        }
        method.put("strength_parameters", params);
        method.put("seconds", o.seconds());
        root.put("method", method);
        root.put("provenance", o.provenance().toMap());
        return root;
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
