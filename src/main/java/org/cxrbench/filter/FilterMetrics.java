package org.cxrbench.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Family;
import org.cxrbench.common.MetricFunctions;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;

/**
 * The quality filter's metrics, one function per registry id ({@link Metrics}: kept, removed), over a typed summary of
 * one filter run: the images judged, kept and removed, and the count per verdict.
 */
public final class FilterMetrics {
    private FilterMetrics() {}

    /** One filter run's counts, typed: every verdict has a count (0 when none). */
    public record Counts(long total, long kept, long removed, Map<String, Long> perVerdict) {
        public Counts {
            perVerdict = Collections.unmodifiableMap(new LinkedHashMap<>(perVerdict));
        }

        /** The counts of a run's judgements under a removal policy. */
        public static Counts of(Judgement[] js, Set<Verdict> remove) {
            Map<String, Long> c = new LinkedHashMap<>();
            FilterSummary.counts(js).forEach((k, v) -> c.put(k, (long) v));
            long kept = FilterSummary.kept(js, remove);
            return new Counts(js.length, kept, js.length - kept, c);
        }

        Map<String, Long> n() {
            return Map.of("n_synthetic", total);
        }
    }

    static final MetricFunctions<Counts> FUNCTIONS = MetricFunctions.<Counts>builder(Family.FILTER)
            .bind("kept", c -> MetricResult.of("kept", c.kept(), c.n()))
            .bind("removed", c -> MetricResult.of("removed", c.removed(), c.n()))
            .build();

    public static MetricFunctions<?> functions() {
        return FUNCTIONS;
    }

    /** The registry's filter metrics of one run, in declaration order. */
    public static Map<String, MetricResult> results(Counts c) {
        return FUNCTIONS.compute(FUNCTIONS.ids(), c, null);
    }
}
