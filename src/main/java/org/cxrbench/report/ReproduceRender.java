package org.cxrbench.report;

import java.util.List;

/**
 * Renders a {@link ReproductionView} as HTML (markup in {@code templates/reproduce}), Markdown and a compilable LaTeX
 * document; computes nothing.
 */
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

    /** The page's model: display text, escaped by templates/reproduce; {@code open} and {@code provenance} are HTML. */
    record Page(String open, String citation, String url, String tableFile, String resultsFile, String encoderNote,
            String about, List<String> differences, List<Setting> settings, String tolerance, List<Column> columns,
            List<Pair> pairs, String unmatched, String provenance) {}

    record Setting(boolean different, String setting, String published, String yours, String status) {}

    record Column(String title, String name, String arrow) {}

    /** A published row; {@code matched} when one of your generators is beside it. */
    record Pair(String row, boolean matched, String generator, List<Cell> cells) {}

    /** A cell: the published value and, when {@code compared}, yours and the difference; the verdict's text. */
    record Cell(String published, boolean compared, String yours, String difference, boolean reproduced, String verdict) {}

    public static String html(ReproductionView v) {
        PublishedTable t = v.table();
        StringBuilder open = new StringBuilder();
        Html.open(open, "Reproducing: " + t.title());
        StringBuilder provenance = new StringBuilder();
        Html.provenance(provenance, "provenance of your results", v.results().provenance());
        List<Setting> settings = v.settings().stream().map(c -> new Setting(c.status() == ReproductionView.Status.DIFFERENT,
                c.setting(), c.published(), c.yours() == null ? "–" : c.yours(), status(c.status()))).toList();
        List<Column> columns = t.columns().stream().map(c -> new Column(c.note() == null ? c.key() : c.note(), c.name(),
                Format.arrow(c.direction()))).toList();
        String unmatched = v.unmatched().isEmpty() ? null
                : String.join(", ", v.unmatched().stream().map(NamedResult::name).toList());
        return Templates.render("reproduce", new Page(open.toString(), t.citation(), t.url(), t.source().toString(),
                v.results().source().toString(), encoderSentence(v), about(t), differences(t), settings,
                t.tolerance().describe(), columns, v.pairs().stream().map(ReproduceRender::pair).toList(), unmatched,
                provenance.toString()));
    }

    private static Pair pair(ReproductionView.Pair p) {
        return new Pair(p.row().model(), p.generator() != null, p.generator() == null ? null : p.generator().name(),
                p.cells().stream().map(c -> new Cell(Format.exact(c.published()),
                        c.verdict() != ReproductionView.Verdict.NOT_COMPARABLE, Format.number(c.yours()),
                        c.difference() == null ? null : Format.signed(c.difference()),
                        c.verdict() == ReproductionView.Verdict.REPRODUCED, verdict(c))).toList());
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
