package org.cxrbench.filter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Manifest;

/**
 * A filter run's summary.json, typed and written and read by one Jackson binding: counts overall, per verdict and
 * per pathology (images whose labels name it positive), the removal policy, the judge, the contract's filter metric
 * entries, provenance and the run key that tells a later identical run it has nothing to do.
 *
 * @param counts       verdict -&gt; images, every verdict in {@link Verdict} order
 * @param perPathology label key -&gt; counts over the images with that label positive (labels with none left out)
 * @param metrics      the contract's filter metrics (kept, removed, one per verdict)
 * @param runKey       set when the writer records it; null before
 */
@JsonPropertyOrder({"kept", "removed", "total", "counts", "per_pathology", "policy", "judge", "metrics", "provenance",
        "run_key"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FilterSummary(int kept, int removed, int total, Map<String, Integer> counts,
                            Map<String, PathologyCounts> perPathology, Policy policy, JudgeInfo judge,
                            Map<String, Metric> metrics, Provenance provenance,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String runKey) {
    public FilterSummary {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        perPathology = Collections.unmodifiableMap(new LinkedHashMap<>(perPathology));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The verdicts removed and how the kept images travel with the kept manifest (none, link, copy). */
    @JsonPropertyOrder({"remove", "images"})
    public record Policy(List<String> remove, String images) {
        public Policy {
            remove = List.copyOf(remove);
        }
    }

    /**
     * Counts over the images with one label positive: {@code n}, {@code kept}, {@code removed}, then one count per
     * verdict (written flat, as {@code high}, {@code medium}, ...).
     */
    public record PathologyCounts(int n, int kept, int removed, Map<String, Integer> verdicts) {
        public PathologyCounts {
            verdicts = Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        }

        @JsonValue
        Map<String, Integer> json() {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("n", n);
            m.put("kept", kept);
            m.put("removed", removed);
            m.putAll(verdicts);
            return m;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static PathologyCounts read(Map<String, Integer> m) {
            Map<String, Integer> v = new LinkedHashMap<>(m);
            return new PathologyCounts(v.remove("n"), v.remove("kept"), v.remove("removed"), v);
        }
    }

    /** One of the contract's filter metric entries: a count, its share of the images, its direction. */
    @JsonPropertyOrder({"value", "share", "direction", "family", "unit", "n"})
    public record Metric(int value, double share, String direction, String family, String unit, int n) {
        static Metric of(int value, String direction, int n) {
            return new Metric(value, n == 0 ? 0.0 : (double) value / n, direction, "filter", "images", n);
        }
    }

    /** The summary of judgements {@code js} of manifest {@code m} under the removal policy (no run key yet). */
    public static FilterSummary of(Manifest m, Judgement[] js, Set<Verdict> remove, FilterWriter.Images images,
                                   JudgeInfo judge, Provenance provenance) {
        int kept = kept(js, remove);
        return new FilterSummary(kept, js.length - kept, js.length, counts(js), perPathology(m, js, remove),
                new Policy(remove.stream().map(Verdict::key).toList(), images.name().toLowerCase(Locale.ROOT)), judge,
                metrics(js, remove), provenance, null);
    }

    /** The same summary with the run key recorded. */
    public FilterSummary withRunKey(String key) {
        return new FilterSummary(kept, removed, total, counts, perPathology, policy, judge, metrics, provenance, key);
    }

    /** Reads {@code summary.json}. */
    public static FilterSummary read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), FilterSummary.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Integer> counts(Judgement[] js) {
        Map<String, Integer> c = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            c.put(v.key(), 0);
        }
        for (Judgement j : js) {
            c.merge(j.verdict().key(), 1, Integer::sum);
        }
        return c;
    }

    public static int kept(Judgement[] js, Set<Verdict> remove) {
        int k = 0;
        for (Judgement j : js) {
            if (!remove.contains(j.verdict())) {
                k++;
            }
        }
        return k;
    }

    /** label key -> counts over images with that label positive. */
    static Map<String, PathologyCounts> perPathology(Manifest m, Judgement[] js, Set<Verdict> remove) {
        Map<String, PathologyCounts> out = new LinkedHashMap<>();
        for (ChexpertLabel l : ChexpertLabel.values()) {
            List<Judgement> sub = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                if (m.get(i).labels().isPositive(l)) {
                    sub.add(js[i]);
                }
            }
            if (sub.isEmpty()) {
                continue;
            }
            Judgement[] a = sub.toArray(new Judgement[0]);
            int kept = kept(a, remove);
            out.put(l.key(), new PathologyCounts(a.length, kept, a.length - kept, counts(a)));
        }
        return out;
    }

    /** The contract's filter metric entries (kept, removed, counts per verdict), each with its direction. */
    static Map<String, Metric> metrics(Judgement[] js, Set<Verdict> remove) {
        Map<String, Metric> out = new LinkedHashMap<>();
        int kept = kept(js, remove);
        out.put("kept", Metric.of(kept, "higher", js.length));
        out.put("removed", Metric.of(js.length - kept, "lower", js.length));
        Map<Verdict, String> dir = new EnumMap<>(Verdict.class);
        dir.put(Verdict.HIGH, "higher");
        dir.put(Verdict.MEDIUM, "higher");
        dir.put(Verdict.LOW, "lower");
        dir.put(Verdict.NOT_RELEVANT, "lower");
        dir.put(Verdict.UNJUDGED, "lower");
        Map<String, Integer> c = counts(js);
        for (Verdict v : Verdict.values()) {
            out.put(v.key(), Metric.of(c.get(v.key()), dir.get(v), js.length));
        }
        return out;
    }
}
