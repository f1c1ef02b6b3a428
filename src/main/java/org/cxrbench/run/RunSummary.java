package org.cxrbench.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.Direction;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;

/**
 * The five-line verdict printed after a run, read from its results: who has the best FID, the best coverage, the
 * most distance from its training images, the worst FID, and which generator to distrust (memorised copies beyond
 * the real-vs-real floor, however good its fidelity looks).
 */
public final class RunSummary {
    private RunSummary() {}

    public static List<String> lines(Evaluation e) {
        List<String> out = new ArrayList<>();
        out.add(best(e, "fid", "Best FID", true));
        out.add(best(e, "coverage", "Best coverage (diversity)", true));
        out.add(best(e, "dcr_median", "Farthest from its training images (median DCR)", true));
        out.add(best(e, "fid", "Worst FID", false));
        out.add(distrust(e));
        return out;
    }

    static Double value(Map<String, MetricResult> m, String k) {
        MetricResult r = m == null ? null : m.get(k);
        return r == null || !Double.isFinite(r.value()) ? null : r.value();
    }

    /**
     * The generator's real-vs-real floor for {@code k} at equal N, as the report reads it: its own floor (drawn at its
     * N) or the run's, and, for a generator larger than the floor, its value at the floor's N ({@code generator_at_n}).
     */
    static String floor(Evaluation e, Evaluation.GeneratorResult g, String k) {
        Evaluation.NoiseFloor nf = e.floorFor(g);
        MetricResult f = nf == null ? null : nf.metrics().get(k);
        if (f == null || !Double.isFinite(f.value())) {
            return "";
        }
        MetricResult at = nf.generatorAtN().get(k);
        String n = f.nSynthetic() == null ? "" : " at N = " + f.nSynthetic();
        if (at != null && Double.isFinite(at.value())) {
            return String.format(Locale.ROOT, " (%.4g on %s of its images; real-vs-real floor %.4g%s)", at.value(),
                    at.nSynthetic() == null ? "a draw" : String.valueOf(at.nSynthetic()), f.value(), n);
        }
        return String.format(Locale.ROOT, " (real-vs-real floor %.4g%s)", f.value(), n);
    }

    /** " [N differ: 122-300 images; FID falls as N grows: read each against its floor]" when the ranked N differ. */
    static String sizes(Evaluation e, String k) {
        var ns = e.generators().values().stream().map(g -> g.metrics().get(k)).filter(m -> m != null
                && Double.isFinite(m.value()) && m.nSynthetic() != null).map(MetricResult::nSynthetic).toList();
        long lo = ns.stream().mapToLong(Long::longValue).min().orElse(0);
        long hi = ns.stream().mapToLong(Long::longValue).max().orElse(0);
        return lo == hi ? "" : String.format(Locale.ROOT, " [ranked at unequal N, %d-%d images: %s depends on N, so"
                + " read each against its floor]", lo, hi, k);
    }

    /**
     * A generator's value of {@code k}; when the quality filter left it nothing to measure, its value before the
     * filter (metrics_unfiltered), so the filter never hides a generator from the verdict lines.
     */
    static Double valueOrUnfiltered(Evaluation.GeneratorResult g, String k) {
        Double v = value(g.metrics(), k);
        return v != null ? v : value(g.unfiltered(), k);
    }

    /** " (unfiltered: the quality filter removed all N images)" when the value is from before the filter, else "". */
    static String unfilteredNote(Evaluation.GeneratorResult g, String k) {
        if (value(g.metrics(), k) != null) {
            return "";
        }
        return " (unfiltered: the quality filter removed all " + (g.filter() == null ? "" : g.filter().total() + " ")
                + "images)";
    }

    /** The generator with the best (or worst) value of {@code k}, by the registry's direction. */
    static String best(Evaluation e, String k, String title, boolean best) {
        Comparator<Map.Entry<String, Double>> byValue = Map.Entry.comparingByValue();
        if ((Metrics.get(k).direction() == Direction.LOWER) != best) {
            byValue = byValue.reversed();
        }
        return e.generators().entrySet().stream()
                .filter(g -> valueOrUnfiltered(g.getValue(), k) != null)
                .map(g -> Map.entry(g.getKey(), valueOrUnfiltered(g.getValue(), k)))
                .min(byValue)
                .map(x -> String.format(Locale.ROOT, "%s: %s, %s %.4g%s%s%s", title, x.getKey(), k, x.getValue(),
                        unfilteredNote(e.generators().get(x.getKey()), k), floor(e, e.generators().get(x.getKey()), k),
                        Metrics.get(k).family() == org.cxrbench.common.Family.FIDELITY ? sizes(e, k) : ""))
                .orElse(title + ": - (" + k + " not computed in this run)");
    }

    /** The generator with the most memorised copies beyond the floor, with its FID rank (fidelity does not excuse it). */
    static String distrust(Evaluation e) {
        Double f = e.noiseFloor() == null ? null : value(e.noiseFloor().metrics(), "memorized_fraction");
        double floor = f == null ? 0 : f;
        var worst = e.generators().entrySet().stream()
                .filter(g -> valueOrUnfiltered(g.getValue(), "memorized_fraction") != null)
                .max(Comparator.comparingDouble(g -> valueOrUnfiltered(g.getValue(), "memorized_fraction")));
        if (worst.isEmpty()) {
            return "Distrust: - (memorized_fraction needs a real holdout set; none computed)";
        }
        double m = valueOrUnfiltered(worst.get().getValue(), "memorized_fraction");
        if (m <= floor) {
            return String.format(Locale.ROOT, "Distrust: none: no generator memorised more than the real-vs-real floor (%.1f%%)",
                    100 * floor);
        }
        String g = worst.get().getKey();
        List<String> byFid = e.generators().entrySet().stream().filter(x -> valueOrUnfiltered(x.getValue(), "fid") != null)
                .sorted(Comparator.comparingDouble(x -> valueOrUnfiltered(x.getValue(), "fid"))).map(Map.Entry::getKey).toList();
        String rank = byFid.contains(g) ? String.format(Locale.ROOT, ", although it ranks #%d of %d on FID%s",
                byFid.indexOf(g) + 1, byFid.size(), sizes(e, "fid")) : "";
        return String.format(Locale.ROOT, "Distrust: %s: %.1f%% of its images are memorised copies of training images "
                + "(real-vs-real floor %.1f%%)%s%s", g, 100 * m, 100 * floor, rank,
                unfilteredNote(worst.get().getValue(), "memorized_fraction"));
    }
}
