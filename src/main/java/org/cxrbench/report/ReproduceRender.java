package org.cxrbench.report;

import java.util.List;

/**
 * Renders a {@link ReproductionView} as HTML, Markdown and a compilable LaTeX document (templates/reproduce,
 * reproduce.md, reproduce.tex); computes nothing.
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

    /**
     * The model of the three forms (templates/reproduce, .md, .tex): display text, escaped by each template for its
     * format; {@code open} and {@code provenance} are HTML (null for Markdown and LaTeX).
     */
    record Page(String open, String title, String citation, String url, String tableFile, String resultsFile,
            String encoderNote, String about, List<String> differences, boolean hasDifferences, List<Setting> settings,
            String tolerance, List<Column> columns, List<Pair> pairs, String unmatched, String provenance) {}

    record Setting(boolean different, String setting, String published, String yours, String status) {}

    /** A published column: {@code title} its note (else its key), its direction as an arrow and as flags. */
    record Column(String title, String name, String arrow, boolean lower, boolean higher) {}

    /** A published row; {@code matched} when one of your generators is beside it. */
    record Pair(String row, boolean matched, String generator, List<Cell> cells) {}

    /**
     * A cell: the published value and, when {@code compared}, yours and the difference; the verdict as text and as
     * flags ({@code notJudged}: not comparable or not in your results).
     */
    record Cell(String published, boolean compared, String yours, String difference, boolean reproduced, boolean differs,
            boolean notJudged, String verdict) {}

    public static String html(ReproductionView v) {
        StringBuilder open = new StringBuilder();
        Html.open(open, "Reproducing: " + v.table().title());
        StringBuilder provenance = new StringBuilder();
        Html.provenance(provenance, "provenance of your results", v.results().provenance());
        return Templates.render("reproduce", page(v, open.toString(), provenance.toString()));
    }

    private static Page page(ReproductionView v, String open, String provenance) {
        PublishedTable t = v.table();
        List<Setting> settings = v.settings().stream().map(c -> new Setting(c.status() == ReproductionView.Status.DIFFERENT,
                c.setting(), c.published(), c.yours() == null ? "–" : c.yours(), status(c.status()))).toList();
        List<Column> columns = t.columns().stream().map(c -> new Column(c.note() == null ? c.key() : c.note(), c.name(),
                Format.arrow(c.direction()), "lower".equals(c.direction()), "higher".equals(c.direction()))).toList();
        String unmatched = v.unmatched().isEmpty() ? null
                : String.join(", ", v.unmatched().stream().map(NamedResult::name).toList());
        return new Page(open, t.title(), t.citation(), t.url(), t.source().toString(), v.results().source().toString(),
                encoderSentence(v), about(t), differences(t), !differences(t).isEmpty(), settings,
                t.tolerance().describe(), columns, v.pairs().stream().map(ReproduceRender::pair).toList(), unmatched,
                provenance);
    }

    private static Pair pair(ReproductionView.Pair p) {
        return new Pair(p.row().model(), p.generator() != null, p.generator() == null ? null : p.generator().name(),
                p.cells().stream().map(c -> new Cell(Format.exact(c.published()),
                        c.verdict() != ReproductionView.Verdict.NOT_COMPARABLE, Format.number(c.yours()),
                        c.difference() == null ? null : Format.signed(c.difference()),
                        c.verdict() == ReproductionView.Verdict.REPRODUCED, c.verdict() == ReproductionView.Verdict.DIFFERS,
                        c.verdict() != ReproductionView.Verdict.REPRODUCED && c.verdict() != ReproductionView.Verdict.DIFFERS,
                        verdict(c))).toList());
    }

    public static String markdown(ReproductionView v) {
        return Templates.markdown("reproduce", page(v, null, null));
    }

    public static String latex(ReproductionView v) {
        return Templates.latex("reproduce", page(v, null, null));
    }

}
