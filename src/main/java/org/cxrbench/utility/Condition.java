package org.cxrbench.utility;

import org.cxrbench.common.TrainingRun;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cxrbench.stats.Sampling;

/**
 * One training condition and how it builds its training rows for a seed. Seed s fixes every draw: the real subset
 * (the first stream split off {@code SplittableRandom(s)}) and the synthetic draw (the second), so all conditions of a
 * seed share the same real subset (they are paired by seed). The probe starts from zero weights (no random init).
 * <ul>
 *   <li>{@code real}: the real subset (a --real-fraction share of the real training rows, all when 1);</li>
 *   <li>{@code synthetic} (TSTR): as many synthetic rows as the real subset has, drawn without replacement (all of
 *       them when there are fewer), tested on the real test set;</li>
 *   <li>{@code mixed}: the real subset with a {@code share} of its rows replaced by synthetic rows with the same 14
 *       label values (drawn without reuse among the synthetic rows with that label vector; a real row with no such
 *       synthetic row left stays real and is counted);</li>
 *   <li>{@code augmented_R}: the real subset plus round(R x its size) synthetic rows drawn without replacement
 *       (capped at the synthetic set's size, counted).</li>
 * </ul>
 *
 * @param name      the condition's name in results (prefixed with the synthetic set's name when there are several)
 * @param kind      real, synthetic, mixed or augmented
 * @param amount    mixed: share replaced; augmented: synthetic rows per real row; otherwise 0
 * @param synthetic index of the synthetic set, -1 for real
 */
public record Condition(String name, Kind kind, double amount, int synthetic) {
    public enum Kind { REAL, SYNTHETIC, MIXED, AUGMENTED }

    /** A training set plus what went into it (the seed and the rows drawn; no model yet). */
    public record Built(TrainingRows rows, TrainingRun description) {}

    /**
     * The conditions of a run: kinds from the --conditions list, augmented once per ratio, every non-real kind once per
     * synthetic set (names prefixed with "SET:" when there is more than one set).
     */
    public static List<Condition> expand(List<String> kinds, List<Double> ratios, double mixedShare, List<String> syntheticNames) {
        List<Condition> out = new ArrayList<>();
        if (kinds.contains("real")) {
            out.add(new Condition("real", Kind.REAL, 0, -1));
        }
        for (int s = 0; s < syntheticNames.size(); s++) {
            String prefix = syntheticNames.size() > 1 ? syntheticNames.get(s) + ":" : "";
            for (String k : kinds) {
                switch (k) {
                    case "real" -> { }
                    case "synthetic" -> out.add(new Condition(prefix + "synthetic", Kind.SYNTHETIC, 0, s));
                    case "mixed" -> out.add(new Condition(prefix + "mixed", Kind.MIXED, mixedShare, s));
                    case "augmented" -> {
                        for (double r : ratios) {
                            out.add(new Condition(prefix + "augmented_" + number(r), Kind.AUGMENTED, r, s));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown condition '" + k + "'");
                }
            }
        }
        return out;
    }

    static String number(double r) {
        String s = String.format(Locale.ROOT, "%.6f", r).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Size of the real subset for a fraction of n real training rows (at least 1). */
    public static int realSubsetSize(int n, double fraction) {
        return Math.max(1, Math.min(n, (int) Math.round(fraction * n)));
    }

    public Built build(LabelledSet real, List<LabelledSet> syntheticSets, double realFraction, int seed) {
        SplittableRandom base = new SplittableRandom(seed);
        SplittableRandom realRnd = base.split();
        SplittableRandom synRnd = base.split();
        int[] subset = Sampling.withoutReplacement(realRnd, real.n(), realSubsetSize(real.n(), realFraction));
        TrainingRows.Block realBlock = new TrainingRows.Block(real.features(), subset, real.labels(), "real");
        if (kind == Kind.REAL) {
            return new Built(TrainingRows.of(realBlock), TrainingRun.drawn(seed, subset.length, 0, null, null));
        }
        LabelledSet syn = syntheticSets.get(synthetic);
        switch (kind) {
            case SYNTHETIC -> {
                int[] pick = Sampling.withoutReplacement(synRnd, syn.n(), Math.min(subset.length, syn.n()));
                return new Built(TrainingRows.of(new TrainingRows.Block(syn.features(), pick, syn.labels(), "synthetic")),
                        TrainingRun.drawn(seed, 0, pick.length, null, null));
            }
            case AUGMENTED -> {
                int want = (int) Math.round(amount * subset.length);
                int[] pick = Sampling.withoutReplacement(synRnd, syn.n(), Math.min(want, syn.n()));
                String capped = pick.length < want ? want + " synthetic rows wanted, the set has " + syn.n() : null;
                return new Built(TrainingRows.of(realBlock,
                        new TrainingRows.Block(syn.features(), pick, syn.labels(), "synthetic")),
                        TrainingRun.drawn(seed, subset.length, pick.length, capped, null));
            }
            case MIXED -> {
                return mixed(real, subset, syn, synRnd, seed);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private Built mixed(LabelledSet real, int[] subset, LabelledSet syn, SplittableRandom rnd, int seed) {
        Map<String, List<Integer>> byLabels = new LinkedHashMap<>();
        for (int i = 0; i < syn.n(); i++) {
            byLabels.computeIfAbsent(Arrays.toString(syn.labels()[i]), k -> new ArrayList<>()).add(i);
        }
        int replace = (int) Math.round(amount * subset.length);
        List<Integer> keep = new ArrayList<>();
        List<Integer> take = new ArrayList<>();
        int unmatched = 0;
        for (int r = 0; r < subset.length; r++) {
            int i = subset[r];
            List<Integer> same = r < replace ? byLabels.get(Arrays.toString(real.labels()[i])) : null;
            if (same == null || same.isEmpty()) {
                unmatched += r < replace ? 1 : 0;
                keep.add(i);
                continue;
            }
            take.add(same.remove(rnd.nextInt(same.size())));
        }
        return new Built(TrainingRows.of(
                new TrainingRows.Block(real.features(), keep.stream().mapToInt(Integer::intValue).toArray(), real.labels(), "real"),
                new TrainingRows.Block(syn.features(), take.stream().mapToInt(Integer::intValue).toArray(), syn.labels(), "synthetic")),
                TrainingRun.drawn(seed, keep.size(), take.size(), null, unmatched));
    }
}
