package org.cxrbench.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the quality filter did to one generator's images, typed: the results' {@code generators.<g>.filter} block,
 * written and read by this one Jackson binding ({@code total}, {@code kept}, {@code removed}, {@code counts},
 * {@code per_label}, {@code remove}, {@code judge}, {@code folder}). Older blocks are normalised by the report's
 * legacy adapter first; a removal list under {@code judge.remove} or {@code judge.keep} (hand-written files) is read
 * too.
 *
 * @param perVerdict      verdict -&gt; count ({@code counts})
 * @param perLabel        label -&gt; verdict -&gt; count, as written; empty when the run wrote none
 * @param removedVerdicts the verdicts removed ({@code remove}), or null when the block does not name them
 * @param judge           the judge's name and fingerprint, or null when the block has none
 * @param folder          the filter's output folder relative to the run's folder, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"total", "kept", "removed", "counts", "per_label", "remove", "judge", "folder"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilterCounts(long total, long kept, long removed, @JsonProperty("counts") Map<String, Long> perVerdict,
                           @JsonProperty("per_label") Map<String, Map<String, Long>> perLabel,
                           @JsonProperty("remove") List<String> removedVerdicts, JudgeRef judge, String folder) {
    public FilterCounts {
        perVerdict = Collections.unmodifiableMap(inOrder(perVerdict));
        Map<String, Map<String, Long>> pl = new LinkedHashMap<>();
        inOrder(perLabel).forEach((k, v) -> pl.put(k, Collections.unmodifiableMap(inOrder(v))));
        perLabel = Collections.unmodifiableMap(pl);
        removedVerdicts = removedVerdicts == null ? null : List.copyOf(removedVerdicts);
    }

    public FilterCounts(long total, long kept, long removed, Map<String, Long> perVerdict,
                        Map<String, Map<String, Long>> perLabel, List<String> removedVerdicts) {
        this(total, kept, removed, perVerdict, perLabel, removedVerdicts, null, null);
    }

    public FilterCounts(long total, long kept, long removed, Map<String, Long> perVerdict) {
        this(total, kept, removed, perVerdict, Map.of(), null);
    }

    /** A copy in the map's own order when it has one (linked or sorted), else sorted by key: never a hash order. */
    private static <V> LinkedHashMap<String, V> inOrder(Map<String, V> m) {
        if (m instanceof LinkedHashMap || m instanceof java.util.SortedMap) {
            return new LinkedHashMap<>(m);
        }
        return new LinkedHashMap<>(new java.util.TreeMap<>(m));
    }

    /** The judge that gave the verdicts: its name (builtin, vlm, labels-file, onnx) and fingerprint. */
    @JsonPropertyOrder({"name", "fingerprint"})
    public record JudgeRef(String name, String fingerprint) {}

    /**
     * The binding's reader: {@code total} and {@code removed} may be absent (each follows from the other and
     * {@code kept}); the removed verdicts come from {@code remove}, else from the judge block's {@code remove} or
     * {@code keep}.
     */
    @JsonCreator
    static FilterCounts bind(@JsonProperty("total") Long total, @JsonProperty("kept") long kept,
                             @JsonProperty("removed") Long removed, @JsonProperty("counts") Map<String, Long> counts,
                             @JsonProperty("per_label") Map<String, Map<String, Long>> perLabel,
                             @JsonProperty("remove") List<String> remove, @JsonProperty("judge") JsonNode judge,
                             @JsonProperty("folder") String folder) {
        Map<String, Long> c = counts == null ? Map.of() : counts;
        long t = total != null ? total : kept + (removed == null ? 0 : removed);
        long r = removed != null ? removed : t - kept;
        JsonNode j = judge == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : judge;
        List<String> rm = remove != null ? remove : removedVerdicts(j, c.keySet());
        JudgeRef ref = j.has("name") || j.has("fingerprint")
                ? new JudgeRef(j.path("name").asText(null), j.path("fingerprint").asText(null)) : null;
        return new FilterCounts(t, kept, r, c, perLabel == null ? Map.of() : perLabel, rm, ref, folder);
    }

    /** True when the filter removed every image (nothing left to measure). */
    @JsonIgnore
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
     * The verdicts the filter removed: as the block names them, else the default policy (low, not-relevant) when its
     * counts add up to {@code removed}; null when unknown.
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
     * The typed block: itself when {@code block} is one, else a written block bound through {@link #bind}; null if
     * absent or without a {@code kept} count.
     */
    public static FilterCounts of(Object block) {
        if (block == null || block instanceof FilterCounts) {
            return (FilterCounts) block;
        }
        JsonNode n = Json.MAPPER.valueToTree(Json.ordered(block)); // a hash map's order is not kept: sorted by key
        if (!n.path("kept").isNumber()) {
            return null;
        }
        return Json.MAPPER.convertValue(n, FilterCounts.class);
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
