package org.cxrbench.report;

import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.FilterCounts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The side-by-side table as judged from one or more results files: rows (generators, then noise floors), columns
 * (metric keys), and per cell whether it is the best of its column and, for fidelity metrics, where it lies
 * against the real-vs-real noise floor. It compares values as written; it never computes a metric.
 */
public record ComparisonView(List<Row> rows, List<String> columns, List<String> headline, List<ResultsSet> sources) {

    public enum Kind { GENERATOR, FLOOR }

    /** Where a value lies against its noise floor. */
    public enum FloorMark {
        /** no floor entry, or no direction */
        NONE,
        /**
         * as good as real-vs-real: the 95% interval of the difference from the floor (both sides' intervals combined)
         * holds 0, or, where neither side has an interval, at least as good as the floor
         */
        WITHIN,
        /** better than real-vs-real beyond that interval (never without one): the floor is probably not drawn like this set */
        BEYOND,
        /** the floor was made at another N: not comparable */
        NOT_COMPARABLE
    }

    /**
     * One value of the table. {@code unfiltered}: the generator's value before the quality filter, shown because the
     * filter left nothing (or this metric) to measure; never marked best, always marked as such. {@code atFloorN}:
     * the generator's value at the floor's smaller N, where {@code floor} was judged (null when the N are equal).
     */
    public record Cell(MetricResult entry, boolean best, FloorMark floor, MetricResult floorEntry, boolean unfiltered,
                       MetricResult atFloorN) {
        public Cell(MetricResult entry, boolean best, FloorMark floor, MetricResult floorEntry, boolean unfiltered) {
            this(entry, best, floor, floorEntry, unfiltered, null);
        }

        public Cell(MetricResult entry, boolean best, FloorMark floor, MetricResult floorEntry) {
            this(entry, best, floor, floorEntry, false, null);
        }
    }

    public record Row(String name, Kind kind, Map<String, Cell> cells, String privacyWarning, String floorMethod,
                      NamedResult generator) {
        public Cell cell(String key) {
            return cells.get(key);
        }

        /** True when the quality filter removed every image of this generator (its cells are unfiltered values). */
        public boolean filteredOut() {
            FilterCounts f = generator == null ? null : generator.filter();
            return f != null && f.kept() == 0;
        }

        /** The row's name as charts label it: marked when its values are from before the filter or it copies. */
        public String chartLabel(String key) {
            Cell c = cell(key);
            return name + (c != null && c.unfiltered() ? " (unfiltered)" : "") + (privacyWarning != null ? " (copies!)" : "");
        }
    }

    /** The calibration quantile q of the memorised-copy rule (metrics/privacy.md): the rate a copy-free generator shows. */
    static final double MEMORISATION_QUANTILE = 0.001;

    public static ComparisonView of(List<ResultsSet> sets) {
        Map<NamedResult, ResultsSet> origin = named(sets);
        List<NamedResult> gens = new ArrayList<>(origin.keySet());
        List<String> columns = columns(gens);
        List<String> headline = new ArrayList<>();
        for (String k : columns) {
            if (MetricInfo.isHeadline(k) && !MetricInfo.isUtility(k)) {
                headline.add(k);
            }
        }
        Map<String, Double> best = best(gens, columns);
        List<Row> rows = new ArrayList<>();
        Set<Evaluation.NoiseFloor> floors = new LinkedHashSet<>();
        for (NamedResult g : gens) {
            Evaluation.NoiseFloor floor = origin.get(g).floorFor(g);
            rows.add(generatorRow(g, floor, columns, best));
            if (floor != null) {
                floors.add(floor);
            }
        }
        int i = 0;
        for (Evaluation.NoiseFloor f : floors) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            f.metrics().forEach((k, e) -> {
                if (e.hasValue() && columns.contains(k)) {
                    cells.put(k, new Cell(e, false, FloorMark.NONE, null));
                }
            });
            String label = floors.size() == 1 ? "real vs real (noise floor)" : "real vs real (noise floor " + (++i) + ")";
            rows.add(new Row(label, Kind.FLOOR, cells, null, f.method(), null));
        }
        return new ComparisonView(rows, columns, headline, sets);
    }

    /** Every file's generators in order, a name seen before marked with its file's name, and the file it came from. */
    private static Map<NamedResult, ResultsSet> named(List<ResultsSet> sets) {
        Map<NamedResult, ResultsSet> origin = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ResultsSet s : sets) {
            for (NamedResult g : s.generators()) {
                String name = g.name();
                if (!seen.add(name)) {
                    name = g.name() + " (" + stem(s.source()) + ")";
                    seen.add(name);
                }
                origin.put(g.renamed(name), s);
            }
        }
        return origin;
    }

    /** The scalar metric keys any generator has a value of (filtered or not), in the registry's order. */
    private static List<String> columns(List<NamedResult> gens) {
        Set<String> keys = new LinkedHashSet<>();
        for (NamedResult g : gens) {
            for (Map<String, MetricResult> m : List.of(g.metrics(), g.unfiltered())) {
                m.forEach((k, e) -> {
                    if (e.hasValue() && e.perLabel().isEmpty()) {
                        keys.add(k);
                    }
                });
            }
        }
        return keys.stream().sorted(Comparator.comparingInt(MetricInfo::order)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    private static Row generatorRow(NamedResult g, Evaluation.NoiseFloor floor, List<String> columns,
                                    Map<String, Double> best) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (String k : columns) {
            MetricResult e = g.metric(k);
            MetricResult fe = floor == null ? null : floor.metrics().get(k);
            if (e == null || !e.hasValue()) {
                MetricResult u = g.unfiltered().get(k);
                if (u != null && u.hasValue()) {
                    // the filter left this value nothing to measure: show the value before it, marked
                    cells.put(k, new Cell(u, false, floorMark(u, fe), fe, true));
                }
                continue;
            }
            boolean isBest = best.containsKey(k) && e.value() == best.get(k);
            // a generator larger than the floor is judged at the floor's N (its value on a draw of that many images)
            MetricResult at = floor == null ? null : floor.generatorAtN().get(k);
            at = at != null && at.hasValue() ? at : null;
            cells.put(k, new Cell(e, isBest, floorMark(at != null ? at : e, fe), fe, false, at));
        }
        return new Row(g.name(), Kind.GENERATOR, cells, privacyWarning(g, floor, cells), null, g);
    }

    /** Best value per column among generators (not floors), by the entry's direction; none when fewer than 2. */
    private static Map<String, Double> best(List<NamedResult> gens, List<String> columns) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : columns) {
            Double b = null;
            int n = 0;
            for (NamedResult g : gens) {
                MetricResult e = g.metric(k);
                if (e == null || !e.hasValue() || MetricInfo.direction(k) == null) {
                    continue;
                }
                n++;
                if (b == null || (e.lowerIsBetter() ? e.value() < b : e.value() > b)) {
                    b = e.value();
                }
            }
            if (b != null && n >= 2) {
                out.put(k, b);
            }
        }
        return out;
    }

    /**
     * How a fidelity value compares with the real-vs-real floor at the same N: {@link FloorMark#WITHIN} when the 95%
     * interval of their difference holds 0, formed from the two entries' own intervals (else +- their standard
     * deviations) by MOVER (Zou &amp; Donner 2008, Stat. Med. 27:1693; both sides read the same real set, so it is
     * conservative), {@link FloorMark#BEYOND} when the generator is better beyond it, none when worse beyond it.
     * Where neither entry has any spread there is no interval: at least as good as the floor is "within", and
     * nothing is ever "beyond".
     */
    static FloorMark floorMark(MetricResult e, MetricResult floor) {
        String family = MetricInfo.family(e.id());
        if (floor == null || !floor.hasValue() || MetricInfo.direction(e.id()) == null || !family.equals("fidelity")) {
            // the floor is a fidelity notion (finite-sample bias of real vs real); privacy has its own calibration
            return FloorMark.NONE;
        }
        if (differ(e.nSynthetic(), floor.nSynthetic()) || differ(e.nReal(), floor.nReal())) {
            return FloorMark.NOT_COMPARABLE;
        }
        double[] g = bounds(e);
        double[] f = bounds(floor);
        double v = e.value();
        double fv = floor.value();
        if (g == null && f == null) { // no interval on either side: as good as real when at least as good as the floor
            return (e.lowerIsBetter() ? v <= fv : v >= fv) ? FloorMark.WITHIN : FloorMark.NONE;
        }
        g = g == null ? new double[] {v, v} : g;
        f = f == null ? new double[] {fv, fv} : f;
        // the 95% interval of generator - floor from the two intervals (MOVER: Zou & Donner 2008, Stat. Med. 27:1693)
        double diff = v - fv;
        double lo = diff - Math.hypot(v - g[0], f[1] - fv);
        double hi = diff + Math.hypot(g[1] - v, fv - f[0]);
        boolean better = e.lowerIsBetter() ? hi < 0 : lo > 0;
        boolean worse = e.lowerIsBetter() ? lo > 0 : hi < 0;
        return better ? FloorMark.BEYOND : worse ? FloorMark.NONE : FloorMark.WITHIN;
    }

    /** An entry's 95% interval, else its value +- its standard deviation, else null (no spread given). */
    private static double[] bounds(MetricResult m) {
        if (m.ci95() != null) {
            return new double[] {Math.min(m.ci95()[0], m.value()), Math.max(m.ci95()[1], m.value())};
        }
        return m.std() != null && m.std() > 0 ? new double[] {m.value() - m.std(), m.value() + m.std()} : null;
    }

    private static boolean differ(Long a, Long b) {
        return a != null && b != null && !a.equals(b);
    }

    /**
     * A warning when the generator copies training images: any exact copy, or more memorised copies than a
     * copy-free generator shows by chance. A copy-free image falls under the memorisation threshold with
     * probability about q (the rule's quantile, metrics/privacy.md), but never less than 1/(m + 1) when the
     * threshold is set from m holdout images (the chance that a draw falls below the smallest of m draws from the
     * same distribution); m is the floor's N when the run has a floor. The count is judged by a one-sided binomial
     * test at the 1% level (commons-math3's binomial distribution).
     */
    static String privacyWarning(NamedResult g, Evaluation.NoiseFloor floor, Map<String, Cell> cells) {
        MetricResult mf = g.metric("memorized_fraction");
        MetricResult mc = g.metric("memorized");
        MetricResult ex = g.metric("exact_copies");
        List<String> parts = new ArrayList<>();
        Long holdoutN = null;
        if (floor != null) {
            holdoutN = floor.metrics().values().stream().map(MetricResult::nSynthetic).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null);
        }
        Long n = mf == null ? null : mf.nSynthetic() != null ? mf.nSynthetic()
                : g.metrics().values().stream().map(MetricResult::nSynthetic).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(null);
        if (mf != null && mf.hasValue() && mf.value() > 0) {
            long count = mc != null && mc.hasValue() ? Math.round(mc.value())
                    : n != null ? Math.round(mf.value() * n) : -1;
            boolean significant;
            if (n != null && count >= 0) {
                double q = Math.max(MEMORISATION_QUANTILE, holdoutN == null ? 0 : 1.0 / (holdoutN + 1));
                double p = count == 0 ? 1 : 1 - new org.apache.commons.math3.distribution.BinomialDistribution(
                        null, (int) Math.min(Integer.MAX_VALUE, n), q).cumulativeProbability((int) count - 1);
                significant = p < COPY_TEST_ALPHA;
            } else {
                significant = mf.value() > MEMORISATION_QUANTILE;
            }
            if (significant) {
                parts.add(String.format(java.util.Locale.ROOT, "%s of its images are memorised copies%s",
                        Format.percent(mf.value()), count >= 0 ? " (" + count + ")" : ""));
            }
        }
        if (ex != null && ex.hasValue() && ex.value() > 0) {
            parts.add(Math.round(ex.value()) + " exact copies of training images");
        }
        if (parts.isEmpty()) {
            return null;
        }
        boolean bestFidelity = cells.values().stream()
                .anyMatch(c -> c.best() && "fidelity".equals(MetricInfo.family(c.entry().id())));
        return String.join("; ", parts) + (bestFidelity
                ? ": its fidelity values marked best may come from copying training images, not from generating"
                : ": its fidelity is inflated by copying training images");
    }

    /** Level of the one-sided binomial test that flags a generator's memorised copies. */
    static final double COPY_TEST_ALPHA = 0.01;

    public boolean hasPrivacy() {
        return columns.stream().anyMatch(k -> "privacy".equals(MetricInfo.family(k)));
    }

    static String stem(Path p) {
        return LegacyResults.singleName(p, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
}
