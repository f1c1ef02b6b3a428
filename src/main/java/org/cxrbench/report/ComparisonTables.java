package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The generator x metric table as a Tablesaw {@link Table} (one row per generator or noise floor; per metric its
 * value, 95% CI bounds and standard deviation where any row has them, and the floor verdict) and its CSV form.
 */
public final class ComparisonTables {
    private ComparisonTables() {}

    public static Table table(ComparisonView v) {
        Table t = Table.create("comparison");
        StringColumn name = StringColumn.create("generator");
        StringColumn kind = StringColumn.create("row");
        StringColumn nReal = StringColumn.create("n_real");
        StringColumn nSyn = StringColumn.create("n_synthetic");
        StringColumn warn = StringColumn.create("privacy_warning");
        for (ComparisonView.Row r : v.rows()) {
            name.append(r.name());
            kind.append(r.kind() == ComparisonView.Kind.FLOOR ? "noise_floor" : "generator");
            MetricResult n = CompareHtml.sizes(r);
            nReal.append(n == null || n.nReal() == null ? "" : String.valueOf(n.nReal()));
            nSyn.append(n == null || n.nSynthetic() == null ? "" : String.valueOf(n.nSynthetic()));
            warn.append(r.privacyWarning() == null ? "" : r.privacyWarning());
        }
        t.addColumns(name, kind, nReal, nSyn);
        for (String k : v.columns()) {
            addMetricColumns(t, v, k);
        }
        t.addColumns(warn);
        return t;
    }

    /** One metric's columns: value, CI or sd where any row has one, mark against the floor, best, and extras. */
    private static void addMetricColumns(Table t, ComparisonView v, String k) {
        boolean ci = v.rows().stream().anyMatch(r -> r.cell(k) != null && r.cell(k).entry().ci95() != null);
        boolean sd = v.rows().stream().anyMatch(r -> r.cell(k) != null && r.cell(k).entry().std() != null);
        DoubleColumn val = DoubleColumn.create(k);
        DoubleColumn lo = DoubleColumn.create(k + "_ci95_low");
        DoubleColumn hi = DoubleColumn.create(k + "_ci95_high");
        DoubleColumn std = DoubleColumn.create(k + "_std");
        StringColumn mark = StringColumn.create(k + "_vs_floor");
        StringColumn best = StringColumn.create(k + "_best");
        boolean anyUnfiltered = v.rows().stream().anyMatch(r -> r.cell(k) != null && r.cell(k).unfiltered());
        StringColumn before = StringColumn.create(k + "_unfiltered");
        boolean anyAtN = v.rows().stream().anyMatch(r -> r.cell(k) != null && r.cell(k).atFloorN() != null);
        DoubleColumn atN = DoubleColumn.create(k + "_at_floor_n");
        for (ComparisonView.Row r : v.rows()) {
            ComparisonView.Cell c = r.cell(k);
            MetricResult e = c == null ? null : c.entry();
            append(val, e == null ? null : e.value());
            append(lo, e == null || e.ci95() == null ? null : e.ci95()[0]);
            append(hi, e == null || e.ci95() == null ? null : e.ci95()[1]);
            append(std, e == null ? null : e.std());
            mark.append(c == null ? "" : switch (c.floor()) {
                case WITHIN -> "within";
                case BEYOND -> "better_than_floor";
                case NOT_COMPARABLE -> "floor_not_comparable";
                case NONE -> "";
            });
            best.append(c != null && c.best() ? "best" : "");
            before.append(c != null && c.unfiltered() ? "before_filter" : "");
            append(atN, c == null || c.atFloorN() == null ? null : c.atFloorN().value());
        }
        t.addColumns(val);
        if (ci) {
            t.addColumns(lo, hi);
        }
        if (sd) {
            t.addColumns(std);
        }
        t.addColumns(mark, best);
        if (anyAtN) {
            t.addColumns(atN);
        }
        if (anyUnfiltered) {
            t.addColumns(before);
        }
    }

    private static void append(DoubleColumn c, Double v) {
        if (v == null) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    /** CSV text (header row, comma separated, empty cells for missing values) as Tablesaw writes it. */
    public static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return w.toString();
    }

    public static void writeCsv(java.nio.file.Path file, Table t) {
        org.cxrbench.common.AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            t.write().csv(w);
            w.flush();
        });
    }

    /** The Markdown table of the headline columns (value and CI), marks as in the HTML legend. */
    public static String markdown(ComparisonView v) {
        List<String> cols = v.headline();
        StringBuilder b = new StringBuilder("| generator | N real / synthetic |");
        cols.forEach(k -> b.append(' ').append(MetricInfo.displayName(k)).append(' ')
                .append(Format.arrow(cols.isEmpty() ? null : dir(v, k))).append(" |"));
        b.append("\n| --- | ---: |");
        cols.forEach(k -> b.append(" ---: |"));
        b.append('\n');
        for (ComparisonView.Row r : v.rows()) {
            String name = mdEscape(r.name());
            b.append("| ").append(r.kind() == ComparisonView.Kind.FLOOR ? "*" + name + "*" : name)
                    .append(r.privacyWarning() != null ? " ⚠" : "").append(" | ").append(CompareHtml.nText(r)).append(" |");
            for (String k : cols) {
                ComparisonView.Cell c = r.cell(k);
                if (c == null) {
                    b.append(" – |");
                    continue;
                }
                String s = mdEscape(Format.withSpread(c.entry()));
                b.append(' ').append(c.best() ? "**" + s + "**" : c.unfiltered() ? "_" + s + "_ (unfiltered)" : s)
                        .append(floorMark(c.floor())).append(" |");
            }
            b.append('\n');
        }
        b.append("\n↓ lower is better, ↑ higher is better; **bold**: best of the column; ≈: as good as the real-vs-real ")
                .append("noise floor (the 95% interval of the difference, from both CIs, holds 0; without any CI or ")
                .append("spread, at least as good as the floor); ≈†: better than the floor beyond that interval (floor ")
                .append("probably not drawn like the set); ")
                .append("N≠: floor made at another N; a generator with more images than the floor is judged at the ")
                .append("floor's N (on a seeded draw of that many of its images; the CSV's `_at_floor_n` columns); ")
                .append("[lo, hi]: 95% CI; _(unfiltered)_: the value before the quality ")
                .append("filter, which removed every image of that generator.\n");
        for (ComparisonView.Row r : v.rows()) {
            if (r.privacyWarning() != null) {
                b.append("\n⚠ **").append(mdEscape(r.name())).append("**: ").append(mdEscape(r.privacyWarning())).append('\n');
            }
            if (r.floorMethod() != null) {
                b.append("\n*").append(mdEscape(r.name())).append("*: ").append(mdEscape(r.floorMethod())).append('\n');
            }
        }
        return b.toString();
    }

    static String floorMark(ComparisonView.FloorMark m) {
        return switch (m) {
            case WITHIN -> " ≈";
            case BEYOND -> " ≈†";
            case NOT_COMPARABLE -> " N≠";
            case NONE -> "";
        };
    }

    static String dir(ComparisonView v, String k) {
        return v.rows().stream().map(r -> r.cell(k)).filter(c -> c != null && MetricInfo.direction(c.entry().id()) != null)
                .map(c -> MetricInfo.direction(c.entry().id())).findFirst().orElse(MetricInfo.direction(k));
    }

    static String mdEscape(String s) {
        return s.replace("|", "\\|");
    }
}
