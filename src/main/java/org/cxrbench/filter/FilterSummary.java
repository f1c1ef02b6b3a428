package org.cxrbench.filter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Manifest;

/** Counts of a filter run: overall and per pathology (images whose labels name it positive), kept and removed. */
public final class FilterSummary {
    private FilterSummary() {}

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

    /** label key -> {n, kept, removed, high, medium, low, not-relevant} over images with that label positive. */
    public static Map<String, Object> perPathology(Manifest m, Judgement[] js, Set<Verdict> remove) {
        Map<String, Object> out = new LinkedHashMap<>();
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
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("n", a.length);
            e.put("kept", kept(a, remove));
            e.put("removed", a.length - kept(a, remove));
            e.putAll(counts(a));
            out.put(l.key(), e);
        }
        return out;
    }

    /** The contract's filter metric entries (kept, removed, counts per verdict), each with its direction. */
    public static Map<String, Object> metrics(Judgement[] js, Set<Verdict> remove) {
        Map<String, Object> out = new LinkedHashMap<>();
        int kept = kept(js, remove);
        out.put("kept", entry(kept, "higher", js.length));
        out.put("removed", entry(js.length - kept, "lower", js.length));
        Map<Verdict, String> dir = new EnumMap<>(Verdict.class);
        dir.put(Verdict.HIGH, "higher");
        dir.put(Verdict.MEDIUM, "higher");
        dir.put(Verdict.LOW, "lower");
        dir.put(Verdict.NOT_RELEVANT, "lower");
        dir.put(Verdict.UNJUDGED, "lower");
        Map<String, Integer> c = counts(js);
        for (Verdict v : Verdict.values()) {
            out.put(v.key(), entry(c.get(v.key()), dir.get(v), js.length));
        }
        return out;
    }

    private static Map<String, Object> entry(int value, String direction, int n) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("value", value);
        e.put("share", n == 0 ? 0.0 : (double) value / n);
        e.put("direction", direction);
        e.put("family", "filter");
        e.put("unit", "images");
        e.put("n", n);
        return e;
    }
}
