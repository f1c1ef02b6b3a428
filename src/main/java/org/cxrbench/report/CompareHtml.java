package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.UtilitySummary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders the side-by-side comparison as one self-contained HTML page (charts embedded); computes nothing. */
public final class CompareHtml {
    private CompareHtml() {}

    public static String render(ComparisonView v) {
        return render(v, "", "");
    }

    /**
     * The page with sections a caller rendered (e.g. a run's image sections): {@code afterCharts} right after the
     * charts, {@code beforeAllMetrics} after the utility and filter sections.
     */
    public static String render(ComparisonView v, String afterCharts, String beforeAllMetrics) {
        StringBuilder b = new StringBuilder();
        List<ComparisonView.Row> gens = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.GENERATOR).toList();
        Html.open(b, "cxrbench comparison: " + gens.size() + " generator" + (gens.size() == 1 ? "" : "s"));
        sources(b, v);
        b.append("<h2>Fidelity and privacy</h2>\n");
        if (!v.hasPrivacy()) {
            b.append("<p class=\"alert\">These results carry no privacy metric. Fidelity alone cannot tell a good ")
                    .append("generator from one that copies its training images: run <code>cxrbench privacy</code> ")
                    .append("(or a config with the privacy stage) before reading this table.</p>\n");
        }
        encoderLine(b, v);
        table(b, v, v.headline(), true);
        legend(b, v);
        floors(b, v);
        List<Figure> figs = new ArrayList<>();
        figs.add(ComparisonCharts.fidelityPrivacy(v));
        figs.add(ComparisonCharts.intervals(v, "fid"));
        figs.add(ComparisonCharts.intervals(v, "kid"));
        figs.add(ComparisonCharts.scatter(v, "recall", "precision"));
        figs.add(ComparisonCharts.scatter(v, "coverage", "density"));
        figs.add(ComparisonCharts.dcrHistograms(v));
        b.append("<h2>Charts</h2>\n");
        Html.figures(b, figs);
        b.append(afterCharts);
        PerLabelTable.render(b, v);
        utility(b, gens);
        filter(b, gens);
        b.append(beforeAllMetrics);
        b.append("<h2>All metrics</h2><details><summary>every scalar metric of every generator (")
                .append(v.columns().size()).append(" columns)</summary>\n");
        table(b, v, v.columns(), false);
        b.append("</details>\n<h2 id=\"definitions\">Metric definitions</h2>\n");
        Set<String> cards = new LinkedHashSet<>();
        for (String k : v.columns()) {
            if (MetricInfo.card(k) != null) {
                cards.add(MetricInfo.card(k));
            }
        }
        if (PerLabelTable.hasAny(v)) {
            cards.add("per_label.md");
        }
        MetricCards.section(b, cards);
        b.append("<h2>Provenance</h2>\n");
        for (ResultsSet s : v.sources()) {
            Html.provenance(b, "provenance of " + s.source().getFileName(), s.provenance());
        }
        Html.close(b);
        return b.toString();
    }

    private static void sources(StringBuilder b, ComparisonView v) {
        b.append("<p>Results files:</p><ul>");
        Set<String> encoders = new LinkedHashSet<>();
        for (ResultsSet s : v.sources()) {
            String enc = s.encoder();
            encoders.add(enc == null ? "(not recorded)" : enc);
            b.append("<li><code>").append(Html.esc(s.source().toString())).append("</code>: ")
                    .append(s.generators().size()).append(" generator(s); features: <b>")
                    .append(Html.esc(enc == null ? "encoder not recorded" : enc)).append("</b>");
            s.notes().forEach(n -> b.append("; <span class=\"note\">").append(Html.esc(n)).append("</span>"));
            b.append("</li>");
        }
        b.append("</ul>\n");
        if (encoders.size() > 1) {
            b.append("<p class=\"alert\">The files were computed with different encoders (")
                    .append(Html.esc(String.join("; ", encoders))).append("): feature-space metrics (FID, KID, PRDC, ")
                    .append("DCR) of different encoders are not comparable; compare rows only within one file.</p>\n");
        }
    }

    /** The encoder named right above a feature-space table. */
    private static void encoderLine(StringBuilder b, ComparisonView v) {
        Set<String> enc = new LinkedHashSet<>();
        v.sources().forEach(s -> enc.add(s.encoder() == null ? "not recorded" : s.encoder()));
        b.append("<p class=\"note\">Features (encoder): <code>").append(String.join("</code>; <code>", enc.stream().map(Html::esc).toList()))
                .append("</code></p>\n");
    }

    /** The entry a row's sample sizes are read from: its FID cell's, else the first cell that has counts; or null. */
    static MetricResult sizes(ComparisonView.Row r) {
        ComparisonView.Cell c = r.cell("fid");
        return c != null && c.entry().nReal() != null ? c.entry() : r.cells().values().stream()
                .map(ComparisonView.Cell::entry).filter(x -> x.nReal() != null || x.nSynthetic() != null)
                .findFirst().orElse(null);
    }

    static String nText(ComparisonView.Row r) {
        MetricResult e = sizes(r);
        String n = e == null ? null : (e.nReal() == null ? "?" : e.nReal()) + " / " + (e.nSynthetic() == null ? "?" : e.nSynthetic());
        if (r.filteredOut()) {
            // nothing left to measure: say why here, not only in the filter section, and whose values the row shows
            FilterCounts f = r.generator().filter();
            return "all " + (f.removed() + " ") + "removed by the quality filter"
                    + (n == null ? "" : "; values before it: " + n);
        }
        return n == null ? "–" : n;
    }

    private static void table(StringBuilder b, ComparisonView v, List<String> cols, boolean grouped) {
        boolean noPrivacy = grouped && !v.hasPrivacy();
        b.append("<div class=\"scroll\"><table>");
        if (grouped) {
            b.append("<tr><th class=\"name\" rowspan=\"2\">generator</th><th rowspan=\"2\">N real / synthetic</th>");
            String fam = null;
            int span = 0;
            for (String k : cols) {
                String f = MetricInfo.family(k);
                if (!f.equals(fam)) {
                    if (fam != null) {
                        b.append("<th colspan=\"").append(span).append("\">").append(fam).append("</th>");
                    }
                    fam = f;
                    span = 0;
                }
                span++;
            }
            if (fam != null) {
                b.append("<th colspan=\"").append(span).append("\">").append(fam).append("</th>");
            }
            if (noPrivacy) {
                b.append("<th rowspan=\"2\">privacy</th>");
            }
            b.append("</tr><tr>");
        } else {
            b.append("<tr><th class=\"name\">generator</th><th>N real / synthetic</th>");
        }
        for (String k : cols) {
            b.append("<th>").append(Html.metricHeader(k, direction(v, k))).append("</th>");
        }
        b.append("</tr>\n");
        int width = cols.size() + 2 + (noPrivacy ? 1 : 0);
        for (ComparisonView.Row r : v.rows()) {
            boolean floor = r.kind() == ComparisonView.Kind.FLOOR;
            b.append(floor ? "<tr class=\"floor\">" : "<tr>").append("<td class=\"name\">");
            if (r.privacyWarning() != null) {
                b.append("<span class=\"warnicon\" title=\"").append(Html.esc(r.privacyWarning())).append("\">⚠ </span>");
            }
            b.append(Html.esc(r.name())).append("</td><td class=\"n\">").append(nText(r)).append("</td>");
            for (String k : cols) {
                cell(b, r.cell(k));
            }
            if (noPrivacy) {
                b.append(floor ? "<td></td>" : "<td class=\"name\">not measured</td>");
            }
            b.append("</tr>\n");
            if (grouped && r.privacyWarning() != null) {
                b.append("<tr class=\"warn\"><td colspan=\"").append(width).append("\">⚠ <b>")
                        .append(Html.esc(r.name())).append("</b>: ").append(Html.esc(r.privacyWarning()))
                        .append("</td></tr>\n");
            }
        }
        b.append("</table></div>\n");
    }

    private static String direction(ComparisonView v, String key) {
        for (ComparisonView.Row r : v.rows()) {
            if (r.cell(key) != null && MetricInfo.direction(r.cell(key).entry().id()) != null) {
                return MetricInfo.direction(r.cell(key).entry().id());
            }
        }
        return MetricInfo.direction(key);
    }

    private static void cell(StringBuilder b, ComparisonView.Cell c) {
        if (c == null) {
            b.append("<td>–</td>");
            return;
        }
        MetricResult e = c.entry();
        b.append(c.best() ? "<td class=\"best\"" : c.unfiltered() ? "<td class=\"unfiltered\"" : "<td");
        if (c.unfiltered()) {
            b.append(" title=\"before the quality filter (it removed every image of this generator)\"");
        } else if (c.floorEntry() != null) {
            b.append(" title=\"noise floor: ").append(Html.esc(Format.withSpread(c.floorEntry()))).append("\"");
        }
        b.append("><span class=\"v\">").append(c.best() ? "★ " : "").append(Html.esc(Format.number(e.value())))
                .append(c.unfiltered() ? " <span class=\"mark\">(unfiltered)</span>" : "").append("</span>");
        if (e.ci95() != null || e.std() != null) {
            String s = Format.withSpread(e).substring(Format.number(e.value()).length()).strip();
            b.append("<br><span class=\"ci\">").append(Html.esc(s)).append("</span>");
        }
        switch (c.floor()) {
            case WITHIN -> b.append("<span class=\"badge\" title=\"within the real-vs-real noise floor\">≈ real</span>");
            case BEYOND -> b.append("<span class=\"badge beyond\" title=\"better than real-vs-real: check that the floor "
                    + "is drawn like this set\">≈ real†</span>");
            case NOT_COMPARABLE -> b.append("<span class=\"badge nc\" title=\"the floor was made at another N\">floor N≠</span>");
            default -> { }
        }
        if (!e.warnings().isEmpty()) {
            b.append(" <span class=\"warnicon\" title=\"").append(Html.esc(String.join("; ", e.warnings())))
                    .append("\">!</span>");
        }
        b.append("</td>");
    }

    private static void legend(StringBuilder b, ComparisonView v) {
        b.append("<p class=\"note\">↓ lower is better, ↑ higher is better (from each entry's direction); ")
                .append("★ best value of its column among the generators; [lo, hi] 95% CI and ± standard deviation ")
                .append("where the run computed them; <span class=\"badge\">≈ real</span> as good as the real-vs-real ")
                .append("noise floor (inside the floor's 95% CI, else within its ± standard deviation, else at least as good as ")
                .append("the floor; fidelity metrics only); ")
                .append("<span class=\"badge beyond\">≈ real†</span> better than real-vs-real beyond the floor's CI, ")
                .append("which usually means the floor is not drawn like this set (N, label mix, studies per patient); ")
                .append("<span class=\"badge nc\">floor N≠</span> the floor was made at another N and is not compared; ")
                .append("⚠ the generator copies training images: an exact copy, or more memorised copies than a copy-free ")
                .append("generator shows by chance (one-sided binomial test at 1%, per-image rate the rule's quantile q or ")
                .append("1/(holdout N + 1), whichever is larger); (unfiltered) the value before the quality filter, shown ")
                .append("because the filter removed every image of that generator (its N column says so); ")
                .append("! the entry carries warnings (hover). ")
                .append("Click a metric's name for its definition.</p>\n");
    }

    private static void floors(StringBuilder b, ComparisonView v) {
        List<ComparisonView.Row> fl = v.rows().stream().filter(r -> r.kind() == ComparisonView.Kind.FLOOR).toList();
        if (fl.isEmpty()) {
            b.append("<p class=\"note\">No real-vs-real noise floor in these results: values cannot be judged against ")
                    .append("what two real samples of the same size give.</p>\n");
            return;
        }
        b.append("<p><b>How the noise floor was made.</b></p><ul>");
        for (ComparisonView.Row r : fl) {
            b.append("<li>").append(fl.size() > 1 ? "<i>" + Html.esc(r.name()) + "</i>: " : "")
                    .append(Html.esc(r.floorMethod())).append("</li>");
        }
        b.append("</ul>\n");
    }

    private static void utility(StringBuilder b, List<ComparisonView.Row> gens) {
        List<NamedResult> with = gens.stream().map(ComparisonView.Row::generator)
                .filter(g -> g.utility() != null && !g.utility().comparisons().isEmpty()).toList();
        if (with.isEmpty()) {
            return;
        }
        b.append("<h2>Utility</h2>\n");
        for (NamedResult g : with) {
            UtilitySummary u = g.utility();
            b.append("<h3>").append(Html.esc(g.name())).append("</h3><div class=\"scroll\"><table><tr>")
                    .append("<th class=\"name\">condition</th><th class=\"name\">metric</th><th>mean difference</th>")
                    .append("<th>95% CI</th><th>p</th><th>p adjusted</th><th>significant</th></tr>");
            for (UtilitySummary.Comparison c : u.comparisons()) {
                b.append("<tr><td class=\"name\">").append(Html.esc(c.condition())).append("</td><td class=\"name\">")
                        .append(Html.esc(c.metric())).append("</td><td>").append(Format.signed(c.meanDiff()))
                        .append("</td><td>").append(c.ci95() == null ? "–" : "[" + Format.number(c.ci95()[0]) + ", "
                                + Format.number(c.ci95()[1]) + "]").append("</td><td>").append(Format.number(c.p()))
                        .append("</td><td>").append(Format.number(c.pAdjusted())).append("</td><td>")
                        .append(c.significant() == null ? "–" : c.significant() ? "yes *" : "no").append("</td></tr>");
            }
            b.append("</table></div><p class=\"note\">One-tailed tests against the baseline; correction: ")
                    .append(Html.esc(u.correction() == null ? "not stated" : u.correction()))
                    .append(u.familySize() == null ? "" : " over a family of " + u.familySize() + " tests").append(".</p>");
            Html.figures(b, java.util.Collections.singletonList(DetailCharts.utility(g)));
        }
    }

    private static void filter(StringBuilder b, List<ComparisonView.Row> gens) {
        List<NamedResult> with = gens.stream().map(ComparisonView.Row::generator).filter(g -> g.filter() != null)
                .toList();
        if (with.isEmpty()) {
            return;
        }
        b.append("<h2>What the quality filter removed</h2>\n");
        FilterTable.render(b, with);
        Html.figures(b, java.util.Arrays.asList(DetailCharts.filter(with), DetailCharts.filterByLabel(with)));
        FilterTable.beforeAfter(b, with);
    }
}
