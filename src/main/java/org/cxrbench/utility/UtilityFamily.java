package org.cxrbench.utility;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.stats.Comparison;
import org.cxrbench.stats.ComparisonTable;
import org.cxrbench.stats.Comparisons;
import org.cxrbench.stats.Score;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one testing family of a run's utility comparisons, defined once: every generator x condition x metric of
 * {@link #metrics} (the config's {@code utility.metrics}; default the headline metrics
 * {@link UtilityJob#HEADLINE}) compared with {@code real}, corrected together (the config's correction). Each
 * generator's stage hands in its per-seed scores ({@link #add}, read once into typed {@link Score}s); {@link #result}
 * computes the table over all of them, and {@link Result#block} gives each generator's utility block with that
 * table's rows, adjusted p-values, family size and members (a new map: the stage's block is not edited). The same
 * scores are written as one CSV ({@link #writeScores}) that {@code ./cxrbench stats --metrics} reads back to the
 * same adjusted p-values.
 */
public final class UtilityFamily {
    private final List<String> metrics;
    private final Comparisons.Options options;
    private final Map<String, List<Score>> scores = new LinkedHashMap<>();
    private final Map<String, List<Score>> all = new LinkedHashMap<>();

    /** @param metrics the family's metrics (["all"]: every metric of the scores) */
    public UtilityFamily(List<String> metrics, Comparisons.Options options) {
        this.metrics = List.copyOf(metrics);
        this.options = options;
    }

    public List<String> metrics() {
        return metrics;
    }

    /** The family of a run as computed: the table, and each comparison named generator / condition / metric. */
    public record Result(ComparisonTable table, List<String> members, String scope) {
        /** A generator's utility block with the family's rows of that generator (a copy; {@code block} is unchanged). */
        public Map<String, Object> block(String generator, Map<String, Object> block) {
            Map<String, Object> out = new LinkedHashMap<>(block);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) table.toJson().get("comparisons");
            List<Map<String, Object>> mine = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                if (generator.equals(r.remove("dataset"))) {
                    mine.add(r);
                }
            }
            out.put("comparisons", mine);
            out.put("family_size", table.familySize());
            out.put("correction", table.options().correction().key());
            out.put("family_scope", scope);
            out.put("family_members", members);
            return out;
        }

        /** The family as results.json states it once for the run. */
        public Map<String, Object> describe(List<String> metrics) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("size", table.familySize());
            m.put("metrics", metrics);
            m.put("correction", table.options().correction().key());
            m.put("alpha", table.options().alpha());
            m.put("test", table.options().test().key());
            m.put("baseline", table.options().baseline());
            m.put("members", members);
            return m;
        }
    }

    /** A generator's block as its stage returned it: its per-seed scores join the family (when it has 2+ seeds). */
    public void add(String generator, Map<String, Object> block) {
        all.put(generator, scores(block, List.of("all")));
        List<Score> s = scores(block, metrics);
        if (!s.isEmpty()) {
            scores.put(generator, s);
        }
    }

    /** The family's table over every generator added, or null when there is nothing to compare. */
    public Result result() {
        boolean any = scores.values().stream().anyMatch(l -> l.stream().anyMatch(x -> !x.condition().equals(options.baseline()))
                && l.stream().map(Score::seed).distinct().count() >= 2);
        if (!any) {
            return null;
        }
        ComparisonTable t = Comparisons.compare(scores, options);
        List<String> members = new ArrayList<>();
        for (Comparison c : t.comparisons()) {
            members.add(c.dataset() + " / " + c.condition() + " / " + c.metric());
        }
        return new Result(t, members, "run: every generator x condition x metric (" + String.join(", ", metrics)
                + ") compared with " + options.baseline() + " (" + String.join(", ", scores.keySet()) + ")");
    }

    /**
     * Every finite score of every generator, one row per (generator, condition, seed, metric): the columns
     * {@code dataset, condition, seed, metric, value} of the stats command's input.
     */
    public Table scoresTable() {
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn condition = StringColumn.create("condition");
        IntColumn seed = IntColumn.create("seed");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn value = DoubleColumn.create("value");
        for (Map.Entry<String, List<Score>> e : all.entrySet()) {
            for (Score s : e.getValue()) {
                if (Double.isFinite(s.value())) {
                    dataset.append(e.getKey());
                    condition.append(s.condition());
                    seed.append(s.seed());
                    metric.append(s.metric());
                    value.append(s.value());
                }
            }
        }
        return Table.create("utility scores", dataset, condition, seed, metric, value);
    }

    /** {@link #scoresTable} as CSV (Tablesaw's writer: a header row, values as {@code String.valueOf}). */
    public void writeScores(Path file) {
        Table t = scoresTable();
        AtomicFiles.write(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            t.write().csv(w);
            w.flush();
        });
    }

    /** The per-seed scores of a utility block (conditions.C.metrics.M.per_seed, index = seed) for the metrics wanted. */
    static List<Score> scores(Map<String, Object> block, List<String> want) {
        List<Score> out = new ArrayList<>();
        Object conds = block.get("conditions");
        if (!(conds instanceof Map<?, ?> cm)) {
            return out;
        }
        for (Map.Entry<?, ?> c : cm.entrySet()) {
            Object ms = ((Map<?, ?>) c.getValue()).get("metrics");
            if (!(ms instanceof Map<?, ?> mm)) {
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
