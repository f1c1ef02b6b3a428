package org.cxrbench.report;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.GreyImage;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;

/** Renders the demo's HTML report and its sample contact sheet; computes nothing. */
public final class DemoReport {
    private DemoReport() {}

    public static GreyImage contactSheet(Map<String, GreyImage> samples, int size) {
        return ContactSheet.grid(java.util.List.of(java.util.List.copyOf(samples.values())), size);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String fmt(Object v) {
        if (v == null) {
            return "&ndash;";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return esc(String.valueOf(v));
    }

    /** Rows: the noise floor first (as "real holdout (noise floor)"), then every generator. */
    static Map<String, Map<String, MetricResult>> rows(Evaluation e) {
        Map<String, Map<String, MetricResult>> rows = new java.util.LinkedHashMap<>();
        if (e.noiseFloor() != null) {
            rows.put("real holdout (noise floor)", e.noiseFloor().metrics());
        }
        e.generators().forEach((g, r) -> rows.put(g, r.metrics()));
        return rows;
    }

    static Object v(Map<String, MetricResult> m, String key) {
        MetricResult r = m.get(key);
        return r == null || Double.isNaN(r.value()) ? null : r.value();
    }

    public static void writeHtml(Path file, Evaluation e, String sheet) {
        Map<String, Map<String, MetricResult>> results = rows(e);
        Provenance p = e.provenance();
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>cxrbench demo report</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child{text-align:left}")
                .append(".floor{background:#eef}</style></head><body>")
                .append("<h1>cxrbench demo: fidelity and privacy of simulated generators on the phantom world</h1>")
                .append("<p>Every generator is compared with the real training set. The first row compares a ")
                .append("patient-disjoint real holdout set with the training set: the noise floor that a perfect ")
                .append("generator would reach at this sample size. Lower FID/KID is better; precision, recall, ")
                .append("density and coverage are higher-better (density can exceed 1).</p>")
                .append("<table><tr><th>generator</th><th>FID</th><th>KID</th><th>precision</th><th>recall</th>")
                .append("<th>density</th><th>coverage</th><th>N real / synthetic</th></tr>");
        for (Map.Entry<String, Map<String, MetricResult>> r : results.entrySet()) {
            Map<String, MetricResult> m = r.getValue();
            b.append(r.getKey().startsWith("real") ? "<tr class=\"floor\">" : "<tr>").append("<td>").append(esc(r.getKey())).append("</td>");
            for (String k : new String[] {"fid", "kid", "precision", "recall", "density", "coverage"}) {
                b.append("<td>").append(fmt(v(m, k))).append("</td>");
            }
            b.append("<td>").append(m.get("fid").count("n_real")).append(" / ")
                    .append(m.get("fid").count("n_synthetic")).append("</td></tr>");
        }
        b.append("</table><h2>Worst per-pathology FID</h2><p>Per CheXpert label: real images with the label against ")
                .append("synthetic images prompted with it; the label with the highest FID per generator (counts below ")
                .append("50 images are flagged unreliable in results.json).</p><table><tr><th>generator</th><th>label</th>")
                .append("<th>FID</th></tr>");
        for (Map.Entry<String, Map<String, MetricResult>> r : results.entrySet()) {
            MetricResult pl = r.getValue().get("fid_per_label");
            if (pl == null) {
                continue;
            }
            pl.perLabel().entrySet().stream().filter(x -> x.getValue().value() != null)
                    .max((x, y) -> Double.compare(x.getValue().value(), y.getValue().value()))
                    .ifPresent(x -> b.append("<tr><td>").append(esc(r.getKey())).append("</td><td>").append(esc(x.getKey()))
                            .append(x.getValue().reliable() ? "" : " (unreliable: n " + x.getValue().nReal() + " / "
                                    + x.getValue().nSynthetic() + ")")
                            .append("</td><td>").append(fmt(x.getValue().value())).append("</td></tr>"));
        }
        b.append("</table><h2>Privacy</h2><p>Nearest training image of every synthetic image (same features). ")
                .append("Memorised: closer to a training image than 99.9% of real holdout images are to theirs. Re-ID: ")
                .append("share judged the same patient as their nearest training image by a verifier fitted on training ")
                .append("patients, on 16 x 16 pixel features, which keep patient identity better than the label-trained ")
                .append("CNN's (its AUC on unseen patients is given). Identifiability: share of training images whose ")
                .append("nearest synthetic image is closer than their nearest other training image.</p>")
                .append("<table><tr><th>generator</th><th>DCR median</th><th>DCR p5</th><th>memorised</th>")
                .append("<th>re-id</th><th>verifier AUC</th><th>identifiability</th><th>holdout score</th></tr>");
        results.forEach((g, ps) -> b.append(g.startsWith("real") ? "<tr class=\"floor\">" : "<tr>").append("<td>")
                .append(esc(g)).append("</td><td>").append(fmt(v(ps, "dcr_median"))).append("</td><td>")
                .append(fmt(v(ps, "dcr_p5"))).append("</td><td>").append(fmt(v(ps, "memorized_fraction")))
                .append("</td><td>").append(fmt(v(ps, "reid_score"))).append("</td><td>")
                .append(fmt(e.generators().containsKey(g) ? e.generators().get(g).extra().get("reid_verifier_auc")
                        : e.extra().get("noise_floor_reid_verifier_auc")))
                .append("</td><td>").append(fmt(v(ps, "identifiability")))
                .append("</td><td>").append(fmt(v(ps, "holdout_score"))).append("</td></tr>"));
        b.append("</table><h2>One sample per generator</h2><p>")
                .append(esc(String.join(", ", results.keySet().stream().filter(k -> !k.startsWith("real")).toList())))
                .append("</p><img src=\"").append(sheet).append("\" alt=\"samples\">")
                .append("<h2>Provenance</h2><pre>").append(esc(Json.toString(p.toMap()))).append("</pre>")
                .append("<p>Stages not yet available: utility, quality filter.</p><p>Acknowledgement: the demo uses ")
                .append("only the embedded phantom world; no NIH image is used here.</p></body></html>\n");
        AtomicFiles.writeString(file, b.toString());
    }
}
