package org.cxrbench.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the quality filter did to one generator's images, typed: images judged, kept and removed, the count per
 * verdict (high, medium, low, not-relevant, unjudged), the count per pathology and verdict when the run wrote them,
 * and the verdicts it removed when the judge block names them. The results' {@code generators.<g>.filter} block
 * carries these fields ({@code total}, {@code kept}, {@code removed}, {@code counts}, {@code per_label},
 * {@code judge.remove}).
 *
 * @param perLabel       label -&gt; verdict -&gt; count, as written; empty when the run wrote none
 * @param removedVerdicts the verdicts removed as the judge block names them, or null when it does not
 */
public record FilterCounts(long total, long kept, long removed, Map<String, Long> perVerdict,
                           Map<String, Map<String, Long>> perLabel, List<String> removedVerdicts) {
    public FilterCounts {
        perVerdict = Collections.unmodifiableMap(new LinkedHashMap<>(perVerdict));
        Map<String, Map<String, Long>> pl = new LinkedHashMap<>();
        perLabel.forEach((k, v) -> pl.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        perLabel = Collections.unmodifiableMap(pl);
        removedVerdicts = removedVerdicts == null ? null : List.copyOf(removedVerdicts);
    }

    public FilterCounts(long total, long kept, long removed, Map<String, Long> perVerdict) {
        this(total, kept, removed, perVerdict, Map.of(), null);
    }

    /** True when the filter removed every image (nothing left to measure). */
    public boolean emptied() {
        return kept == 0 && total > 0;
    }

    /** The per-label counts turned round: verdict -&gt; label -&gt; count. */
    public Map<String, Map<String, Long>> perVerdictAndLabel() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        perLabel.forEach((label, byVerdict) -> byVerdict.forEach((verdict, n) ->
                out.computeIfAbsent(verdict, k -> new LinkedHashMap<>()).put(label, n)));
        return out;
    }

    /**
     * The verdicts the filter removed: as the judge block names them, else the default policy (low, not-relevant)
     * when its counts add up to {@code removed}; null when unknown.
     */
    public List<String> removedOrInferred() {
        if (removedVerdicts != null) {
            return removedVerdicts;
        }
        List<String> dflt = List.of("low", "not-relevant");
        if (dflt.stream().allMatch(perVerdict::containsKey)
                && dflt.stream().mapToLong(perVerdict::get).sum() == removed) {
            return dflt;
        }
        return null;
    }

    /**
     * Reads a filter block ({@code total}, {@code kept}, {@code removed}, {@code counts}, {@code per_label}
     * label -&gt; verdict -&gt; count, {@code judge.remove} or {@code judge.keep}); null if absent.
     */
    public static FilterCounts of(Object block) {
        if (block == null) {
            return null;
        }
        JsonNode n = Json.MAPPER.valueToTree(block);
        if (!n.path("kept").isNumber()) {
            return null;
        }
        Map<String, Long> c = new LinkedHashMap<>();
        n.path("counts").fields().forEachRemaining(e -> c.put(e.getKey(), e.getValue().asLong()));
        Map<String, Map<String, Long>> pl = new LinkedHashMap<>();
        n.path("per_label").fields().forEachRemaining(e -> {
            Map<String, Long> byVerdict = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(v -> byVerdict.put(v.getKey(), v.getValue().asLong()));
            pl.put(e.getKey(), byVerdict);
        });
        long kept = n.path("kept").asLong();
        long total = n.path("total").isNumber() ? n.path("total").asLong() : kept + n.path("removed").asLong();
        long removed = n.path("removed").isNumber() ? n.path("removed").asLong() : total - kept;
        return new FilterCounts(total, kept, removed, c, pl, removedVerdicts(n.path("judge"), c.keySet()));
    }

    private static List<String> removedVerdicts(JsonNode judge, Set<String> verdicts) {
        if (judge.path("remove").isArray()) {
            List<String> out = new ArrayList<>();
            judge.get("remove").forEach(v -> out.add(v.asText()));
            return out;
        }
        if (judge.path("keep").isArray()) {
            Set<String> keep = new HashSet<>();
            judge.get("keep").forEach(v -> keep.add(v.asText()));
            return verdicts.stream().filter(v -> !keep.contains(v)).toList();
        }
        return null;
    }
}
