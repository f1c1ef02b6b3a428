package org.cxrbench.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;

/**
 * Renders an {@link Evaluation} as plain-text tables for the terminal (the results stream, stdout): each metric with
 * its direction, CI, N and the noise floor beside it when one was computed; per-label metrics as a table with N
 * and an unreliable mark; every warning the JSON carries. Computes nothing.
 */
public final class ConsoleReport {
    private ConsoleReport() {}

    public static void print(Evaluation e, PrintStream out) {
        if (!e.metrics().isEmpty()) {
            table(e.metrics(), e.noiseFloor(), out);
        }
        e.generators().forEach((name, g) -> {
            out.println();
            out.println("== " + name);
            table(g.metrics(), e.floorFor(g), out);
            g.warnings().forEach(w -> out.println("  warning: " + w));
        });
        if (e.noiseFloor() != null && !e.metrics().isEmpty()) {
            out.println("  noise floor: " + e.noiseFloor().method());
        }
        e.warnings().forEach(w -> out.println("warning: " + w));
        out.flush();
    }

    static void table(Map<String, MetricResult> metrics, Evaluation.NoiseFloor floor, PrintStream out) {
        boolean hasFloor = floor != null && metrics.keySet().stream().anyMatch(floor.metrics()::containsKey);
        boolean atN = hasFloor && !floor.generatorAtN().isEmpty();
        out.printf(Locale.ROOT, "  %-22s %-6s %12s  %-27s %s%n", "metric", "better", "value", "95% CI", !hasFloor ? ""
                : String.format(Locale.ROOT, "%-12s %s%s", "noise floor", atN ? String.format(Locale.ROOT, "%-12s ",
                "at floor's N") : "", "vs floor"));
        for (MetricResult m : metrics.values()) {
            if (m.isPerLabel()) {
                continue;
            }
            double[] ci = m.ci95();
            String ciText = ci == null ? "" : String.format(Locale.ROOT, "%.6g .. %.6g", ci[0], ci[1]);
            if (m.std() != null && ci == null) {
                ciText = String.format(Locale.ROOT, "± %.3g (sd)", m.std());
            }
            MetricResult f = floor == null ? null : floor.metrics().get(m.id());
            out.printf(Locale.ROOT, "  %-22s %-6s %12s  %-27s %s%n", m.id(), m.metric().direction().json(),
                    num(m.value()), ciText, f == null ? "" : floorColumns(m, f, floor, atN));
            m.warnings().forEach(w -> out.println("    warning: " + w));
        }
        for (MetricResult m : metrics.values()) {
            if (!m.isPerLabel()) {
                continue;
            }
            out.printf(Locale.ROOT, "  %s (%s is better)%n", m.id(), m.metric().direction().json());
            out.printf(Locale.ROOT, "    %-28s %12s %8s %8s%n", "label", "value", "n_real", "n_synth");
            m.perLabel().forEach((label, lv) -> out.printf(Locale.ROOT, "    %-28s %12s %8d %8d%s%n", label,
                    lv.value() == null ? "-" : num(lv.value()), lv.nReal(), lv.nSynthetic(), lv.reliable() ? "" : "  unreliable"));
            m.warnings().forEach(w -> out.println("    warning: " + w));
        }
    }

    /**
     * The floor's value, the generator's value at the floor's N where it was measured there ({@code generator_at_n}),
     * and the verdict of the report's table ({@link ComparisonView#floorMark}): "≈ real", "≈ real†", "N≠" or nothing.
     */
    private static String floorColumns(MetricResult m, MetricResult f, Evaluation.NoiseFloor floor, boolean atN) {
        MetricResult at = floor.generatorAtN().get(m.id());
        MetricResult judged = at != null && at.hasValue() ? at : m;
        String mark = switch (ComparisonView.floorMark(judged, f)) {
            case WITHIN -> "≈ real";
            case BEYOND -> "≈ real† (better than real: check the floor is drawn like this set)";
            case NOT_COMPARABLE -> "N≠";
            case NONE -> "";
        };
        String atText = !atN ? "" : String.format(Locale.ROOT, "%-12s ", at == null ? "" : num(at.value()));
        return String.format(Locale.ROOT, "%-12s %s%s", num(f.value()), atText, mark).stripTrailing();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** The demo's two summary tables (fidelity, privacy): one row per generator, the noise floor first. */
    public static void demoTables(Evaluation e, PrintStream out) {
        generatorTable(e, org.cxrbench.common.Metrics.headline(org.cxrbench.common.Family.FIDELITY), out);
        generatorTable(e, org.cxrbench.common.Metrics.headline(org.cxrbench.common.Family.PRIVACY), out);
        out.flush();
    }

    /** Generators x metrics, direction marked in the header, the noise floor as the first row. */
    public static void generatorTable(Evaluation e, java.util.List<String> keys, PrintStream out) {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%n%-28s", "generator (vs real train)"));
        for (String k : keys) {
            String arrow = Format.arrow(MetricInfo.direction(k));
            h.append(String.format(Locale.ROOT, " %" + width(k) + "s", org.cxrbench.common.Metrics.displayName(k) + arrow));
        }
        out.println(h);
        Map<String, Map<String, MetricResult>> rows = new java.util.LinkedHashMap<>();
        if (e.noiseFloor() != null) {
            rows.put("real holdout (noise floor)", e.noiseFloor().metrics());
        }
        e.generators().forEach((g, r) -> rows.put(g, r.metrics()));
        boolean[] anyBefore = {false};
        rows.forEach((g, m) -> {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s", g));
            Evaluation.GeneratorResult gr = e.generators().get(g);
            for (String k : keys) {
                MetricResult r = m.get(k);
                Double before = r == null && gr != null ? FilterConsoleTable.unfiltered(gr, k) : null;
                anyBefore[0] |= before != null;
                b.append(String.format(Locale.ROOT, " %" + width(k) + "s", r != null ? num4(r.value())
                        : before != null ? num4(before) + "*" : "-"));
            }
            out.println(b);
        });
        if (anyBefore[0]) {
            out.println("* before the quality filter: it removed every image of that generator (the filter table has its counts)");
        }
    }

    /** A column's width: 12, or the registry's display name and arrow when longer. */
    static int width(String k) {
        return Math.max(12, org.cxrbench.common.Metrics.displayName(k).length() + 1);
    }

    static String num4(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
