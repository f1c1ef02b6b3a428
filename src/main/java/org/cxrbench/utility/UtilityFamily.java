package org.cxrbench.utility;

import org.cxrbench.common.UtilityFamilyBlock;
import org.cxrbench.common.UtilityResult;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.ComparisonRow;
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
 * table's rows, adjusted p-values, family size and members (a new record: the stage's block is not edited). The same
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
        public Result {
            members = List.copyOf(members);
        }

        /**
         * A generator's utility block with the family's rows of that generator, its size, correction, scope and
         * members: a new block ({@code block} is unchanged).
         */
        public UtilityResult block(String generator, UtilityResult block) {
            List<ComparisonRow> mine = new ArrayList<>();
            for (ComparisonRow r : table.rows()) {
                if (generator.equals(r.dataset())) {
                    mine.add(r.withoutDataset());
                }
            }
            return block.withFamily(mine, table.familySize(), table.options().correction().key(), scope, members);
        }

        /** The family as results.json states it once for the run, with the scores file and the stats command. */
        public UtilityFamilyBlock describe(List<String> metrics, String scoresFile, String statsCommand) {
            Comparisons.Options o = table.options();
            return new UtilityFamilyBlock(table.familySize(), metrics, o.correction().key(), o.alpha(), o.test().key(),
                    o.baseline(), members, scoresFile, statsCommand);
        }
    }

    /** A generator's block as its stage returned it: its per-seed scores join the family (when it has 2+ seeds). */
    public void add(String generator, UtilityResult block) {
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

    /** The per-seed scores of a block's conditions for the metrics wanted (["all"]: every metric); index = seed. */
    static List<Score> scores(UtilityResult block, List<String> want) {
        List<Score> out = new ArrayList<>();
        block.conditions().forEach((condition, c) -> c.metrics().forEach((metric, m) -> {
            if (want.contains("all") || want.contains(metric)) {
                for (int seed = 0; seed < m.perSeed().size(); seed++) {
                    if (m.perSeed().get(seed) != null) {
                        out.add(new Score(condition, seed, metric, m.perSeed().get(seed)));
                    }
                }
            }
        }));
        return out;
    }
}
