package org.cxrbench.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Family;
import org.cxrbench.common.FilterCounts;
import org.cxrbench.common.MetricFunctions;
import org.cxrbench.common.MetricResult;
import org.cxrbench.common.Metrics;

/**
 * The quality filter's metrics, one function per registry id ({@link Metrics}: kept, removed), over the typed counts
 * of one filter run ({@link FilterCounts}: the images judged, kept and removed, and the count per verdict); results
 * read the same record back from a generator's filter block ({@code Evaluation.GeneratorResult#filter()}).
 */
public final class FilterMetrics {
    private FilterMetrics() {}

    /** The counts of a run's judgements under a removal policy: every verdict has a count (0 when none). */
    public static FilterCounts counts(Judgement[] js, Set<Verdict> remove) {
        Map<String, Long> c = new LinkedHashMap<>();
        FilterSummary.counts(js).forEach((k, v) -> c.put(k, (long) v));
        long kept = FilterSummary.kept(js, remove);
        return new FilterCounts(js.length, kept, js.length - kept, c);
    }

    static final MetricFunctions<FilterCounts> FUNCTIONS = MetricFunctions.<FilterCounts>builder(Family.FILTER)
            .bind("kept", c -> MetricResult.of("kept", c.kept(), Map.of("n_synthetic", c.total())))
            .bind("removed", c -> MetricResult.of("removed", c.removed(), Map.of("n_synthetic", c.total())))
            .build();

    public static MetricFunctions<?> functions() {
        return FUNCTIONS;
    }

    /** The registry's filter metrics of one run, in declaration order. */
    public static Map<String, MetricResult> results(FilterCounts c) {
        return FUNCTIONS.compute(FUNCTIONS.ids(), c, null);
    }
}
