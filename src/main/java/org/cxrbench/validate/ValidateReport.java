package org.cxrbench.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cxrbench.common.AtomicFiles;

/**
 * report.html: what to use for which flaw (recommendations), the flaw x metric verdict grid per encoder (encoders
 * side by side), the quality filter's false rejection and flagged shares, and the response curves with the floor
 * band. Self-contained (charts are PNG data URLs).
 */
final class ValidateReport {
    private ValidateReport() {}

    static void write(ValidateJob.Outcome o, Path file) {
        AtomicFiles.writeString(file, html(o));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String html(ValidateJob.Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>cxrbench validate</title><style>")
                .append("body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 7px;font-size:13px;text-align:center}th{background:#f3f3f3}")
                .append("td.l{text-align:left}.det{background:#c8e6c9}.weak{background:#fff3c4}.no{background:#eee;color:#888}")
                .append(".wrong{background:#ffcdd2}.grids{display:flex;flex-wrap:wrap;gap:18px}.curves{display:flex;flex-wrap:wrap;gap:6px}")
                .append("p.note{font-size:13px;color:#555;max-width:1100px}</style></head><body>");
        b.append("<h1>Does each metric, encoder and the filter see each flaw?</h1>");
        b.append(String.format(Locale.ROOT, "<p>Real images split patient-disjointly: reference half %d images, holdout %d. "
                + "Each flaw is made from the holdout at strengths 1-4 (0 = the holdout itself, the real-vs-real floor at equal N) "
                + "and measured against the reference half. Encoders: %s. %.0f s.</p>", o.trainN(), o.holdoutN(),
                esc(String.join(", ", o.encoders())), o.seconds()));
        recommendations(b, o);
        grids(b, o);
        filter(b, o);
        curves(b, o);
        b.append("<h2>Method</h2><p class=\"note\">Intervals: the whole-set estimate plus the 2.5% and 97.5% quantiles of ")
                .append("half-sample deviations (half-samples without replacement, the same for every set, so differences ")
                .append("from the floor are paired). A strength is <em>detected</em> when the interval of (value - floor), ")
                .append("signed by the metric's registry direction, lies on the bad side at level 1 - 0.05/4 (Bonferroni over ")
                .append("the 4 strengths). <em>wrong direction</em>: some strength significantly better than the floor and ")
                .append("none worse. The number in a cell is the smallest detected strength; &#8600; marks a rank correlation ")
                .append("with strength that is not positive. Faded cells: a metric family not meant to see the flaw (privacy metrics ")
                .append("see memorisation only; label-free fidelity metrics cannot see memorised copies or shuffled labels). ")
                .append("Strength parameters: ");
        for (Flaw f : o.flaws()) {
            b.append("<b>").append(f.key).append("</b>: ").append(esc(f.parameter)).append(" ");
            for (int s = 1; s <= Flaw.STRENGTHS; s++) {
                b.append(s == 1 ? "" : "/").append(ValidateJob.fmt(f.level(s)));
            }
            b.append("; ");
        }
        b.append("</p><pre style=\"font-size:11px;color:#666\">").append(esc(o.provenance().command())).append("</pre>");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void recommendations(StringBuilder b, ValidateJob.Outcome o) {
        b.append("<h2>Recommendations per flaw</h2><table><tr><th>flaw</th><th>read from the measurements</th></tr>");
        for (Recommendations.Recommendation r : Recommendations.of(o)) {
            b.append("<tr><td>").append(r.flaw().key).append("</td><td class=\"l\">").append(esc(r.text())).append("</td></tr>");
        }
        b.append("</table>");
    }

    private static void grids(StringBuilder b, ValidateJob.Outcome o) {
        b.append("<h2>Verdicts: flaw x metric, per encoder</h2><div class=\"grids\">");
        for (String e : o.encoders()) {
            b.append("<div><h3>").append(esc(e)).append("</h3><table><tr><th>flaw</th>");
            for (String m : o.metrics()) {
                b.append("<th>").append(esc(m)).append("</th>");
            }
            b.append("</tr>");
            for (Flaw f : o.flaws()) {
                b.append("<tr><td class=\"l\">").append(f.key).append("</td>");
                for (String m : o.metrics()) {
                    Analysis.Verdict v = o.verdicts().stream().filter(x -> x.flaw() == f && x.encoder().equals(e)
                            && x.metric().equals(m)).findFirst().orElse(null);
                    b.append(cell(v));
                }
                b.append("</tr>");
            }
            b.append("</table></div>");
        }
        b.append("</div>");
    }

    static String cell(Analysis.Verdict v) {
        if (v == null) {
            return "<td></td>";
        }
        String title = String.format(Locale.ROOT, " title=\"%s; Spearman %.2f%s\"", v.verdict(), v.spearman(),
                v.expected() ? "" : "; this metric family is not meant to see this flaw") + (v.expected() ? "" : " style=\"opacity:0.45\"");
        return switch (v.verdict()) {
            case "detected" -> "<td class=\"" + (v.directionOk() ? "det" : "weak") + "\"" + title + ">s" + v.detectedAt()
                    + (v.directionOk() ? "" : " &#8600;") + "</td>";
            case "wrong-direction" -> "<td class=\"wrong\"" + title + ">wrong</td>";
            default -> "<td class=\"no\"" + title + ">&mdash;</td>";
        };
    }

    private static void filter(StringBuilder b, ValidateJob.Outcome o) {
        if (o.falseRejected() < 0) {
            b.append("<h2>Quality filter</h2><p>not run (--judge none)</p>");
            return;
        }
        double[] ci = Analysis.wilson(o.falseRejected(), o.holdoutN());
        b.append("<h2>Quality filter (").append(esc(o.judge())).append(", calibrated on the reference half)</h2>");
        b.append(String.format(Locale.ROOT, "<p>False rejection on the real holdout: %d of %d = %.1f%% (95%% Wilson %.1f-%.1f%%), "
                + "target %.1f%%.</p>", o.falseRejected(), o.holdoutN(), 100.0 * o.falseRejected() / o.holdoutN(),
                100 * ci[0], 100 * ci[1], 100 * o.falseRejectionTarget()));
        b.append("<img alt=\"filter curves\" src=\"").append(ValidateCharts.filter(o)).append("\">");
        b.append("<table><tr><th>flaw</th>");
        for (int s = 1; s <= Flaw.STRENGTHS; s++) {
            b.append("<th>strength ").append(s).append("</th>");
        }
        b.append("</tr>");
        for (Flaw f : o.flaws()) {
            b.append("<tr><td class=\"l\">").append(f.key).append("</td>");
            for (int s = 1; s <= Flaw.STRENGTHS; s++) {
                final int ss = s;
                o.flagged().stream().filter(x -> x.flaw() == f && x.strength() == ss).findFirst().ifPresent(x ->
                        b.append(String.format(Locale.ROOT, "<td title=\"low %d, not relevant %d\">%.0f%%</td>", x.low(),
                                x.notRelevant(), 100.0 * x.flagged() / x.n())));
            }
            b.append("</tr>");
        }
        b.append("</table>");
    }

    private static void curves(StringBuilder b, ValidateJob.Outcome o) {
        b.append("<h2>Response curves</h2><p class=\"note\">Each metric's difference from the real-vs-real floor in units ")
                .append("of the floor's 95% half-width, signed so that up is worse; the dashed lines are the floor band.</p>");
        for (Flaw f : o.flaws()) {
            b.append("<h3>").append(f.key).append("</h3><div class=\"curves\">");
            for (String e : o.encoders()) {
                b.append("<img alt=\"").append(f.key).append(' ').append(esc(e)).append("\" src=\"")
                        .append(ValidateCharts.response(f, e, o.metrics(), o.rows())).append("\">");
            }
            b.append("</div>");
        }
    }

}
