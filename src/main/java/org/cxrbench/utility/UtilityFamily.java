package org.cxrbench.utility;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.stats.Alternative;
import org.cxrbench.stats.ComparisonTable;
import org.cxrbench.stats.Comparisons;
import org.cxrbench.stats.Correction;
import org.cxrbench.stats.Score;
import org.cxrbench.stats.TTestKind;

/**
 * The utility comparisons of a config run as one family across generators. Each generator's stage (cached on its
 * own) writes its per-seed scores and a table corrected within the generator; as the generators' blocks come in, the
 * table of every block seen so far is recomputed from the per-seed scores with the family spanning all of them
 * ({@link Comparisons#compare(Map, Comparisons.Options)}, the generator as the data set), and each block's
 * {@code comparisons}, {@code family_size} and {@code correction} are replaced in place, so once the last generator
 * is in every block carries the run-wide adjusted p-values.
 */
final class UtilityFamily {
    private final Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();

    void add(String gen, Map<String, Object> block, ConfigUtility.Settings s, PrintStream log) {
        blocks.put(gen, block);
        if (s.seeds() < 2) {
            return; // one seed: no t-test (the block says so)
        }
        List<String> want = s.compareMetrics() == null ? UtilityJob.HEADLINE : s.compareMetrics();
        Map<String, List<Score>> byGen = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : blocks.entrySet()) {
            List<Score> sc = scores(e.getValue(), want);
            if (!sc.isEmpty()) {
                byGen.put(e.getKey(), sc);
            }
        }
        if (byGen.isEmpty() || byGen.values().stream().noneMatch(l -> l.stream().anyMatch(x -> !x.condition().equals("real")))) {
            return;
        }
        Comparisons.Options o = new Comparisons.Options("real", TTestKind.parse(s.testKind()), Correction.parse(s.correction()),
                s.alpha(), Alternative.GREATER);
        ComparisonTable t = Comparisons.compare(byGen, o);
        for (Map.Entry<String, Map<String, Object>> e : blocks.entrySet()) {
            if (!byGen.containsKey(e.getKey())) {
                continue;
            }
            Map<String, Object> json = t.toJson();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("comparisons");
            List<Map<String, Object>> mine = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                if (e.getKey().equals(r.remove("dataset"))) {
                    mine.add(r);
                }
            }
            e.getValue().put("comparisons", mine);
            e.getValue().put("family_size", t.familySize());
            e.getValue().put("correction", o.correction().key());
            e.getValue().put("family_scope", "run: every generator x condition x metric compared with real ("
                    + String.join(", ", byGen.keySet()) + ")");
        }
        if (blocks.size() > 1) {
            log.printf("utility: comparisons corrected (%s) over the run's family of %d (%d generators)%n",
                    o.correction().key(), t.familySize(), byGen.size());
        }
    }

    /** The per-seed scores of a utility block (conditions.C.metrics.M.per_seed, index = seed) for the metrics wanted. */
    static List<Score> scores(Map<String, Object> block, List<String> want) {
        List<Score> out = new ArrayList<>();
        Object conds = block.get("conditions");
        if (!(conds instanceof Map<?, ?> cm)) {
            return out;
        }
        for (Map.Entry<?, ?> c : cm.entrySet()) {
            Object metrics = ((Map<?, ?>) c.getValue()).get("metrics");
            if (!(metrics instanceof Map<?, ?> mm)) {
                continue;
            }
            for (Map.Entry<?, ?> m : mm.entrySet()) {
                String metric = String.valueOf(m.getKey());
                if (!want.contains("all") && !want.contains(metric)) {
                    continue;
                }
                Object per = ((Map<?, ?>) m.getValue()).get("per_seed");
                if (per instanceof List<?> l) {
                    for (int seed = 0; seed < l.size(); seed++) {
                        if (l.get(seed) instanceof Number n) {
                            out.add(new Score(String.valueOf(c.getKey()), seed, metric, n.doubleValue()));
                        }
                    }
                }
            }
        }
        return out;
    }
}
