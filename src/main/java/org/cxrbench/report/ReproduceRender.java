package org.cxrbench.report;

import java.util.List;

/** Renders a {@link ReproductionView} as HTML, Markdown and a compilable LaTeX document; computes nothing. */
public final class ReproduceRender {
    private ReproduceRender() {}

    static String verdict(ReproductionView.Cell c) {
        return switch (c.verdict()) {
            case REPRODUCED -> "reproduced";
            case DIFFERS -> "differs";
            case NOT_COMPARABLE -> "not comparable (" + (c.reason() == null ? "encoder" : c.reason()) + ")";
            case NOT_IN_RESULTS -> "not in your results";
        };
    }

    /** Each column not comparable by definition, task or data, with the difference: "name (reason): difference". */
    static List<String> differences(PublishedTable t) {
        return t.columns().stream().filter(c -> c.differsIn() != null)
                .map(c -> c.name() + " (not comparable: " + c.differsIn() + "): " + c.difference()).toList();
    }

    /** Where the table's numbers come from: source version, resolution, sample counts (as the table records them). */
    static String about(PublishedTable t) {
        if (t.about().isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        t.about().forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k.replace('_', ' ')).append(": ").append(v));
        return b.toString();
    }

    static String status(ReproductionView.Status s) {
        return switch (s) {
            case SAME -> "same";
            case DIFFERENT -> "DIFFERENT";
            case NOT_RECORDED -> "not recorded in your results";
            case NOT_PUBLISHED -> "not published";
        };
    }

    static String encoderSentence(ReproductionView v) {
        if (v.encoderDiffers()) {
            return "Your features come from a different encoder than the published table's: feature-space values "
                    + "(FID, KID, PRDC, latent distances) of different encoders measure different things, so those "
                    + "cells are not compared. Re-run with the published encoder to reproduce them.";
        }
        if (v.encoderUnknown()) {
            return "Your results do not record their encoder: the feature-space cells are compared on trust.";
        }
        return null;
    }

    public static String html(ReproductionView v) {
        PublishedTable t = v.table();
        StringBuilder b = new StringBuilder();
        Html.open(b, "Reproducing: " + t.title());
        b.append("<p><b>Source:</b> ").append(Html.esc(t.citation()));
        if (t.url() != null) {
            b.append(" (").append(Html.esc(t.url())).append(")");
        }
        b.append(". Table data: <code>").append(Html.esc(t.source().toString())).append("</code>; your results: <code>")
                .append(Html.esc(v.results().source().toString())).append("</code>.</p>\n");
        String enc = encoderSentence(v);
        if (enc != null) {
            b.append("<p class=\"alert\">").append(Html.esc(enc)).append("</p>\n");
        }
        if (about(t) != null) {
            b.append("<p><b>About the numbers:</b> ").append(Html.esc(about(t))).append("</p>\n");
        }
        for (String d : differences(t)) {
            b.append("<p class=\"alert\">").append(Html.esc(d)).append("</p>\n");
        }
        b.append("<h2>Settings</h2><div class=\"scroll\"><table><tr><th class=\"name\">setting</th>")
                .append("<th class=\"name\">published</th><th class=\"name\">yours</th><th class=\"name\">status</th></tr>");
        for (ReproductionView.SettingCheck c : v.settings()) {
            b.append(c.status() == ReproductionView.Status.DIFFERENT ? "<tr class=\"bad\">" : "<tr>")
                    .append("<td class=\"name\">").append(Html.esc(c.setting())).append("</td><td class=\"name\" style=\"white-space:normal\">")
                    .append(Html.esc(c.published())).append("</td><td class=\"name\" style=\"white-space:normal;overflow-wrap:anywhere\">")
                    .append(Html.esc(c.yours() == null ? "–" : c.yours())).append("</td><td class=\"name\">")
                    .append(status(c.status())).append("</td></tr>");
        }
        b.append("</table></div>\n<h2>Published rows beside yours</h2>\n<p class=\"note\">Verdict per cell: ")
                .append("reproduced when |yours − published| is at most the allowed difference: ")
                .append(Html.esc(t.tolerance().describe())).append(" of the table (or of --tolerance), or half a unit ")
                .append("of the published value's last printed digit, whichever is wider. Rows without a generator ")
                .append("of yours are the published values alone; match one with --match GENERATOR=ROW.</p>\n")
                .append("<div class=\"scroll\"><table><tr><th class=\"name\">published row<br><span class=\"n\">")
                .append("(your generator)</span></th>");
        for (PublishedTable.Column c : t.columns()) {
            b.append("<th title=\"").append(Html.esc(c.note() == null ? c.key() : c.note())).append("\">")
                    .append(Html.esc(c.name())).append(" ").append(Format.arrow(c.direction())).append("</th>");
        }
        b.append("</tr>\n");
        for (ReproductionView.Pair p : v.pairs()) {
            b.append("<tr><td class=\"name\">").append(Html.esc(p.row().model()));
            if (p.generator() != null) {
                b.append("<br><span class=\"n\">(").append(Html.esc(p.generator().name())).append(")</span>");
            }
            b.append("</td>");
            for (ReproductionView.Cell c : p.cells()) {
                b.append("<td>").append(Html.esc(Format.exact(c.published())));
                if (p.generator() != null) {
                    if (c.verdict() != ReproductionView.Verdict.NOT_COMPARABLE) {
                        b.append("<br><span class=\"ci\">yours ").append(Html.esc(Format.number(c.yours())))
                                .append("</span>");
                        if (c.difference() != null) {
                            b.append("<br><span class=\"ci\">").append(Html.esc(Format.signed(c.difference())))
                                    .append("</span>");
                        }
                    }
                    b.append("<br><span class=\"badge").append(c.verdict() == ReproductionView.Verdict.REPRODUCED
                            ? "" : " beyond").append("\">").append(verdict(c)).append("</span>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table></div>\n");
        if (!v.unmatched().isEmpty()) {
            b.append("<p class=\"note\">Your generators without a published row: ")
                    .append(Html.esc(String.join(", ", v.unmatched().stream().map(NamedResult::name).toList())))
                    .append(" (name one with --match GENERATOR=ROW).</p>\n");
        }
        b.append("<h2>Provenance</h2>");
        Html.provenance(b, "provenance of your results", v.results().provenance());
        Html.close(b);
        return b.toString();
    }

    public static String markdown(ReproductionView v) {
        PublishedTable t = v.table();
        StringBuilder b = new StringBuilder("## Reproducing: " + t.title() + "\n\nSource: " + t.citation() + "\n\n");
        String enc = encoderSentence(v);
        if (enc != null) {
            b.append("**").append(enc).append("**\n\n");
        }
        if (about(t) != null) {
            b.append("About the numbers: ").append(about(t)).append("\n\n");
        }
        for (String d : differences(t)) {
            b.append("- ").append(md(d)).append('\n');
        }
        if (!differences(t).isEmpty()) {
            b.append('\n');
        }
        b.append("| setting | published | yours | status |\n| --- | --- | --- | --- |\n");
        v.settings().forEach(c -> b.append("| ").append(c.setting()).append(" | ").append(md(c.published())).append(" | ")
                .append(md(c.yours() == null ? "–" : c.yours())).append(" | ").append(status(c.status())).append(" |\n"));
        b.append("\n| published row | your generator |");
        t.columns().forEach(c -> b.append(' ').append(md(c.name())).append(' ').append(Format.arrow(c.direction())).append(" |"));
        b.append("\n| --- | --- |").append(" ---: |".repeat(t.columns().size())).append('\n');
        for (ReproductionView.Pair p : v.pairs()) {
            b.append("| ").append(md(p.row().model())).append(" | ").append(p.generator() == null ? "–" : md(p.generator().name()))
                    .append(" |");
            for (ReproductionView.Cell c : p.cells()) {
                b.append(' ').append(Format.exact(c.published()));
                if (p.generator() != null) {
                    b.append(c.verdict() == ReproductionView.Verdict.NOT_COMPARABLE ? "" : " / " + Format.number(c.yours()))
                            .append(" (").append(verdict(c)).append(')');
                }
                b.append(" |");
            }
            b.append('\n');
        }
        b.append("\nCells: published / yours (verdict within ").append(t.tolerance().describe())
                .append(" or half a unit of the last published digit).\n");
        return b.toString();
    }

    public static String latex(ReproductionView v) {
        PublishedTable t = v.table();
        List<PublishedTable.Column> cols = t.columns();
        StringBuilder b = new StringBuilder("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
                + "\\usepackage{amssymb}\n\\usepackage{booktabs}\n\\usepackage{graphicx}\n\\usepackage[margin=2cm]{geometry}\n"
                + "\\begin{document}\n");
        b.append("\\begin{table}[t]\n\\centering\n\\small\n\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n")
                .append("\\begin{tabular}{l l").append(" r".repeat(cols.size())).append("}\n\\toprule\nRow & Yours");
        cols.forEach(c -> b.append(" & ").append(LatexTable.esc(c.name()))
                .append("lower".equals(c.direction()) ? " $\\downarrow$" : "higher".equals(c.direction()) ? " $\\uparrow$" : ""));
        b.append(" \\\\\n\\midrule\n");
        for (ReproductionView.Pair p : v.pairs()) {
            b.append(LatexTable.esc(p.row().model())).append(" & ")
                    .append(p.generator() == null ? "--" : LatexTable.esc(p.generator().name()));
            for (ReproductionView.Cell c : p.cells()) {
                b.append(" & ").append(LatexTable.esc(Format.exact(c.published())));
                if (p.generator() != null) {
                    b.append(c.verdict() == ReproductionView.Verdict.NOT_COMPARABLE ? ""
                                    : " / " + LatexTable.esc(Format.number(c.yours())))
                            .append(c.verdict() == ReproductionView.Verdict.REPRODUCED ? "$^{\\checkmark}$"
                                    : c.verdict() == ReproductionView.Verdict.DIFFERS ? "$^{\\times}$" : "$^{-}$");
                }
            }
            b.append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}}\n\\caption{").append(LatexTable.esc(t.title()))
                .append(": published / yours. $\\checkmark$ reproduced within ").append(LatexTable.esc(t.tolerance().describe()))
                .append("; $\\times$ differs; $-$ not compared.");
        String enc = encoderSentence(v);
        if (enc != null) {
            b.append(' ').append(LatexTable.esc(enc));
        }
        b.append(" Source: ").append(LatexTable.esc(t.citation())).append(".}\n\\end{table}\n\\end{document}\n");
        return b.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
