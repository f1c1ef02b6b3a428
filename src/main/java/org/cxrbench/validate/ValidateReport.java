package org.cxrbench.validate;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cxrbench.common.AtomicFiles;

/**
 * report.html: what to use for which flaw (recommendations), the flaw x metric verdict grid per encoder (encoders
 * side by side), the quality filter's false rejection and flagged shares, and the response curves with the floor
 * band. Self-contained (charts are PNG data URLs); markup in {@code org/cxrbench/validate/report.mustache}.
 */
final class ValidateReport {
    private ValidateReport() {}

    static void write(ValidateJob.Outcome o, Path file) {
        AtomicFiles.writeString(file, html(o));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Templates under {@code org/cxrbench/validate}, values escaped by {@link #esc}. The page is one line, so the reader
     * drops each line break of a template and the indentation after it (the break that ends the file is kept): a line
     * break in the template is layout only.
     */
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("org/cxrbench/validate") {
        @Override
        public Reader getReader(String resourceName) {
            try (Reader r = super.getReader(resourceName)) {
                StringWriter text = new StringWriter();
                r.transferTo(text);
                return new StringReader(LAYOUT_BREAK.matcher(text.toString()).replaceAll(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(esc(value));
            } catch (IOException e) {
                throw new MustacheException("writing a template value", e);
            }
        }
    };

    private static final Pattern LAYOUT_BREAK = Pattern.compile("\\r?\\n[ \\t]*(?=.)", Pattern.DOTALL);

    /** The page's model (report.mustache): display text, escaped by the template; chart data URLs. */
    record Page(int trainN, int holdoutN, String encoders, String seconds, List<Advice> recommendations,
            List<Grid> grids, FilterSection filter, List<Curves> curves, List<Parameter> flaws, String command) {}

    record Advice(String flaw, String text) {}

    record Grid(String encoder, List<String> metrics, List<GridRow> rows) {}

    record GridRow(String flaw, List<Cell> cells) {}

    /**
     * One verdict: {@code none} without one; else its class and title, {@code faded} when the metric family is not
     * meant to see the flaw, and which of detected (at strength {@code at}), wrong direction or not seen it is.
     */
    record Cell(boolean none, String cls, String title, boolean faded, boolean detected, Integer at,
            boolean againstStrength, boolean wrong, boolean notSeen) {}

    record FilterSection(String judge, int falseRejected, int holdoutN, String share, String lo, String hi,
            String target, String chart, List<Integer> strengths, List<FlaggedRow> rows) {}

    record FlaggedRow(String flaw, List<Flagged> cells) {}

    record Flagged(int low, int notRelevant, String flagged) {}

    record Curves(String flaw, List<Chart> charts) {}

    record Chart(String encoder, String chart) {}

    record Parameter(String flaw, String parameter, String levels) {}

    static String html(ValidateJob.Outcome o) {
        List<Advice> advice = Recommendations.of(o).stream().map(r -> new Advice(r.flaw().key, r.text())).toList();
        List<Grid> grids = o.encoders().stream().map(e -> new Grid(e, o.metrics(), o.flaws().stream()
                .map(f -> new GridRow(f.key, o.metrics().stream().map(m -> cell(o.verdicts().stream()
                        .filter(x -> x.flaw() == f && x.encoder().equals(e) && x.metric().equals(m)).findFirst()
                        .orElse(null))).toList())).toList())).toList();
        List<Curves> curves = o.flaws().stream().map(f -> new Curves(f.key, o.encoders().stream()
                .map(e -> new Chart(e, ValidateCharts.response(f, e, o.metrics(), o.rows()))).toList())).toList();
        List<Parameter> flaws = o.flaws().stream().map(f -> new Parameter(f.key, f.parameter, IntStream
                .rangeClosed(1, Flaw.STRENGTHS).mapToObj(s -> ValidateJob.fmt(f.level(s)))
                .collect(Collectors.joining("/")))).toList();
        Page page = new Page(o.trainN(), o.holdoutN(), String.join(", ", o.encoders()),
                String.format(Locale.ROOT, "%.0f", o.seconds()), advice, grids, filter(o), curves, flaws,
                o.provenance().command());
        StringWriter out = new StringWriter();
        TEMPLATES.compile("report.mustache").execute(out, page);
        return out.toString();
    }

    static Cell cell(Analysis.Verdict v) {
        if (v == null) {
            return new Cell(true, null, null, false, false, null, false, false, false);
        }
        String title = String.format(Locale.ROOT, "%s; Spearman %.2f%s", v.verdict(), v.spearman(),
                v.expected() ? "" : "; this metric family is not meant to see this flaw");
        return switch (v.verdict()) {
            case "detected" -> new Cell(false, v.directionOk() ? "det" : "weak", title, !v.expected(), true,
                    v.detectedAt(), !v.directionOk(), false, false);
            case "wrong-direction" -> new Cell(false, "wrong", title, !v.expected(), false, null, false, true, false);
            default -> new Cell(false, "no", title, !v.expected(), false, null, false, false, true);
        };
    }

    /** The quality filter's section, or null when the run did not filter (--judge none). */
    private static FilterSection filter(ValidateJob.Outcome o) {
        if (o.falseRejected() < 0) {
            return null;
        }
        double[] ci = Analysis.wilson(o.falseRejected(), o.holdoutN());
        List<FlaggedRow> rows = o.flaws().stream().map(f -> new FlaggedRow(f.key, IntStream
                .rangeClosed(1, Flaw.STRENGTHS).mapToObj(s -> o.flagged().stream()
                        .filter(x -> x.flaw() == f && x.strength() == s).findFirst()).flatMap(Optional::stream)
                .map(x -> new Flagged(x.low(), x.notRelevant(), String.format(Locale.ROOT, "%.0f",
                        100.0 * x.flagged() / x.n()))).toList())).toList();
        return new FilterSection(o.judge(), o.falseRejected(), o.holdoutN(),
                String.format(Locale.ROOT, "%.1f", 100.0 * o.falseRejected() / o.holdoutN()),
                String.format(Locale.ROOT, "%.1f", 100 * ci[0]), String.format(Locale.ROOT, "%.1f", 100 * ci[1]),
                String.format(Locale.ROOT, "%.1f", 100 * o.falseRejectionTarget()), ValidateCharts.filter(o),
                IntStream.rangeClosed(1, Flaw.STRENGTHS).boxed().toList(), rows);
    }
}
