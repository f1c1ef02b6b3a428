package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.FilterCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a nightly results file against an accepted baseline, metric by metric: each metric moves in its worse
 * direction (from the entry, falling back to the registry's direction) by more than its tolerance or not. By default
 * the registry's headline metrics are judged, with tolerances from their uncertainty
 * ({@link UncertaintyTolerance}); per-label cells only when their metric is named. A value missing from the results
 * says why (generator absent, or removed by the quality filter, with its unfiltered value). Compares values as
 * written; computes no metric.
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

    /** One value to judge: a scalar metric, or one label's cell of a per-label metric (judged only on request). */
    private record Item(String key, String label, MetricResult base, MetricResult result, MetricResult floor) {
        String name() {
            return label == null ? key : key + "[" + label + "]";
        }
    }

    /**
     * @param perMetric tolerances by metric key (others: {@code fallback}, or the default, {@link UncertaintyTolerance},
     *                  when null)
     * @param only metric keys to judge (empty: the registry's headline metrics the baseline has); a per-label key
     *             judges each label cell that is reliable in the baseline
     */
    public static Outcome judge(ResultsSet baseline, ResultsSet results, Map<String, Tolerance> perMetric,
                                Tolerance fallback, Set<String> only) {
        List<Line> lines = new ArrayList<>();
        Map<NamedResult, List<Item>> items = new java.util.LinkedHashMap<>();
        int judged = 0;
        for (NamedResult b : baseline.generators()) {
            NamedResult r = match(b, baseline, results);
            Evaluation.NoiseFloor floor = baseline.floorFor(b);
            List<Item> list = items(b, r, floor, only);
            items.put(b, list);
            judged += list.size();
        }
        double z = UncertaintyTolerance.z(judged);
        for (NamedResult b : baseline.generators()) {
            NamedResult r = match(b, baseline, results);
            for (Item it : items.get(b)) {
                lines.add(line(b.name(), it, r, results, perMetric.getOrDefault(it.key(), fallback), z));
            }
            if (r != null) {
                r.metrics().forEach((k, e) -> {
                    if (!b.metrics().containsKey(k) && e.hasValue() && e.perLabel().isEmpty() && wanted(k, only)) {
                        lines.add(new Line(b.name(), k, MetricInfo.direction(k), null, e.value(), null, "", Verdict.NEW));
                    }
                });
            }
        }
        return new Outcome(lines);
    }

    /**
     * One value's verdict: missing from the results, not judged (no direction, or no uncertainty to judge by), or
     * regressed / improved / ok against its limit ({@code t}'s, else {@link UncertaintyTolerance}'s at {@code z}).
     */
    private static Line line(String gen, Item it, NamedResult r, ResultsSet results, Tolerance t, double z) {
        MetricResult be = it.base();
        MetricResult re = it.result();
        String dir = MetricInfo.direction(it.key());
        if (re == null || !re.hasValue()) {
            return new Line(gen, it.name(), dir, be.value(), null, null, whyMissing(r, it.key(), results), Verdict.MISSING);
        }
        if (dir == null) {
            return new Line(gen, it.name(), null, be.value(), re.value(), null, "no direction", Verdict.NOT_JUDGED);
        }
        boolean lower = "lower".equals(dir);
        double limit;
        String rule;
        if (t != null) {
            limit = t.limit(be, lower);
            rule = t.describeFor(be);
        } else {
            UncertaintyTolerance.Limit l = UncertaintyTolerance.limit(it.key(), be, re, it.floor(), lower, z);
            if (!l.judged()) {
                return new Line(gen, it.name(), dir, be.value(), re.value(), null, l.rule(), Verdict.NOT_JUDGED);
            }
            limit = l.limit();
            rule = l.rule();
        }
        double v = re.value();
        boolean worse = lower ? v > limit : v < limit;
        boolean better = lower ? v < be.value() : v > be.value();
        return new Line(gen, it.name(), dir, be.value(), v, limit, rule,
                worse ? Verdict.REGRESSED : better ? Verdict.IMPROVED : Verdict.OK);
    }

    /** Judged by default: the registry's headline metrics; on request: the keys named. */
    static boolean wanted(String key, Set<String> only) {
        return only.isEmpty() ? MetricInfo.isHeadline(key) : only.contains(key);
    }

    private static List<Item> items(NamedResult b, NamedResult r, Evaluation.NoiseFloor floor, Set<String> only) {
        List<Item> out = new ArrayList<>();
        b.metrics().forEach((k, be) -> {
            if (!wanted(k, only)) {
                return;
            }
            MetricResult re = r == null ? null : r.metric(k);
            MetricResult fe = floor == null ? null : floor.metrics().get(k);
            if (be.perLabel().isEmpty()) {
                if (be.hasValue()) {
                    out.add(new Item(k, null, be, re, fe));
                }
                return;
            }
            if (only.isEmpty()) {
                return; // per-label cells only on request
            }
            be.perLabel().forEach((label, cell) -> {
                if (!cell.reliable() || cell.value() == null || cell.value().isNaN()) {
                    return;
                }
                MetricResult.LabelValue rc = re == null ? null : re.perLabel().get(label);
                MetricResult.LabelValue fc = fe == null ? null : fe.perLabel().get(label);
                out.add(new Item(k, label, cellEntry(be, cell), rc == null ? null : cellEntry(be, rc),
                        fc == null ? null : cellEntry(be, fc)));
            });
        });
        return out;
    }

    private static MetricResult cellEntry(MetricResult of, MetricResult.LabelValue c) {
        return of.forLabel(c);
    }

    /** Why a value is missing from the results: the generator is absent, or the quality filter removed its images. */
    static String whyMissing(NamedResult r, String key, ResultsSet results) {
        if (r == null) {
            return "generator absent from " + results.source().getFileName();
        }
        FilterCounts f = r.filter();
        if (f == null) {
            return "not in the results";
        }
        MetricResult u = r.unfiltered().get(key);
        String before = u != null && u.hasValue() ? "; unfiltered " + Format.number(u.value()) : "";
        if (f.kept() == 0) {
            return "the quality filter removed all " + f.total() + " " + "images" + before;
        }
        return "not in the results (the quality filter kept " + f.kept() + " of " + f.total()
                + ")" + before;
    }

    /** The results' generator of the same name; with one generator on each side, that one whatever its name. */
    private static NamedResult match(NamedResult b, ResultsSet baseline, ResultsSet results) {
        for (NamedResult r : results.generators()) {
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
