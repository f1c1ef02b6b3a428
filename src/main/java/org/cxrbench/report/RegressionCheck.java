package org.cxrbench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a nightly results file against an accepted baseline, metric by metric: each metric moves in its worse
 * direction (from the entry, falling back to the metric cards' direction) by more than its tolerance or not.
 * Compares values as written; computes no metric.
 */
public final class RegressionCheck {
    private RegressionCheck() {}

    public enum Verdict { OK, IMPROVED, REGRESSED, MISSING, NEW, NOT_JUDGED }

    public record Line(String generator, String metric, String direction, Double baseline, Double result,
                       Double limit, String rule, Verdict verdict) {}

    public record Outcome(List<Line> lines) {
        public boolean regressed() {
            return lines.stream().anyMatch(l -> l.verdict() == Verdict.REGRESSED || l.verdict() == Verdict.MISSING);
        }

        public List<Line> problems() {
            return lines.stream().filter(l -> l.verdict() == Verdict.REGRESSED || l.verdict() == Verdict.MISSING).toList();
        }
    }

    /**
     * @param perMetric tolerances by metric key (others: {@code fallback}, or the default policy when null)
     * @param only metric keys to judge (empty: every scalar metric of the baseline)
     */
    public static Outcome judge(ResultsSet baseline, ResultsSet results, Map<String, Tolerance> perMetric,
                                Tolerance fallback, Set<String> only) {
        List<Line> lines = new ArrayList<>();
        for (GeneratorResult b : baseline.generators()) {
            GeneratorResult r = match(b, baseline, results);
            Set<String> keys = new LinkedHashSet<>();
            b.metrics().forEach((k, e) -> {
                if (e.perLabel().isEmpty() && (only.isEmpty() || only.contains(k))) {
                    keys.add(k);
                }
            });
            for (String k : keys) {
                MetricEntry be = b.metric(k);
                MetricEntry re = r == null ? null : r.metric(k);
                String dir = be.direction() != null ? be.direction() : re != null ? re.direction() : null;
                if (!be.hasValue()) {
                    continue;
                }
                if (re == null || !re.hasValue()) {
                    lines.add(new Line(b.name(), k, dir, be.value(), null, null, "", Verdict.MISSING));
                    continue;
                }
                if (dir == null) {
                    lines.add(new Line(b.name(), k, null, be.value(), re.value(), null, "no direction",
                            Verdict.NOT_JUDGED));
                    continue;
                }
                Tolerance t = perMetric.getOrDefault(k, fallback != null ? fallback
                        : be.ci95() != null ? new Tolerance(Tolerance.Kind.CI, Double.NaN) : Tolerance.DEFAULT_WITHOUT_CI);
                boolean lower = "lower".equals(dir);
                double limit = t.limit(be, lower);
                double v = re.value();
                boolean worse = lower ? v > limit : v < limit;
                boolean better = lower ? v < be.value() : v > be.value();
                lines.add(new Line(b.name(), k, dir, be.value(), v, limit, t.describeFor(be),
                        worse ? Verdict.REGRESSED : better ? Verdict.IMPROVED : Verdict.OK));
            }
            if (r != null) {
                r.metrics().forEach((k, e) -> {
                    if (!b.metrics().containsKey(k) && e.hasValue() && e.perLabel().isEmpty()
                            && (only.isEmpty() || only.contains(k))) {
                        lines.add(new Line(b.name(), k, e.direction(), null, e.value(), null, "", Verdict.NEW));
                    }
                });
            }
        }
        return new Outcome(lines);
    }

    /** The results' generator of the same name; with one generator on each side, that one whatever its name. */
    private static GeneratorResult match(GeneratorResult b, ResultsSet baseline, ResultsSet results) {
        for (GeneratorResult r : results.generators()) {
            if (r.name().equals(b.name())) {
                return r;
            }
        }
        if (baseline.generators().size() == 1 && results.generators().size() == 1) {
            return results.generators().get(0);
        }
        return null;
    }

    /** A plain-text table of the lines (all of them, or only the problems), columns aligned. */
    public static String table(List<Line> lines) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"generator", "metric", "better", "baseline", "result", "change", "limit", "tolerance",
            "verdict"});
        for (Line l : lines) {
            rows.add(new String[] {l.generator(), l.metric(), l.direction() == null ? "-" : l.direction(),
                Format.number(l.baseline()), Format.number(l.result()),
                l.baseline() == null || l.result() == null ? "-" : Format.signed(l.result() - l.baseline()),
                Format.number(l.limit()), l.rule(), l.verdict().name().toLowerCase(java.util.Locale.ROOT)});
        }
        int[] w = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        });
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                b.append(i == 0 ? "" : "  ").append(i >= 3 && i <= 6 ? pad(r[i], w[i], true) : pad(r[i], w[i], false));
            }
            b.append('\n');
        }
        return b.toString().replaceAll(" +\n", "\n");
    }

    private static String pad(String s, int w, boolean right) {
        String sp = " ".repeat(Math.max(0, w - s.length()));
        return right ? sp + s : s + sp;
    }
}
