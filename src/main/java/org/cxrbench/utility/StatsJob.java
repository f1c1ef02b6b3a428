package org.cxrbench.utility;

import org.cxrbench.common.StatsResult;

import org.cxrbench.common.Outputs;
import org.cxrbench.pipeline.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.data.Csv;
import org.cxrbench.stats.Alternative;
import org.cxrbench.stats.ComparisonTable;
import org.cxrbench.stats.Comparisons;
import org.cxrbench.stats.Correction;
import org.cxrbench.stats.Score;
import org.cxrbench.stats.TTestKind;

/**
 * {@code cxrbench stats}: a scores CSV (columns condition,seed,metric,value, more may follow; an optional
 * {@code dataset} column splits the family by data set) to one-tailed t-tests of every condition against the
 * baseline per metric, corrected over the whole family. The table goes to stdout, the Stats JSON (with provenance)
 * is written atomically. Every input is checked before any test runs.
 */
public final class StatsJob {
    private StatsJob() {}

    public static final List<String> COLUMNS = List.of("condition", "seed", "metric", "value");

    /**
     * @param metrics the family's metrics: null for the default (the headline utility metrics
     *                {@link UtilityJob#HEADLINE} when the scores have any of them, as a config run's family; else every
     *                metric), ["all"] for every metric, or a list
     */
    public record Request(Path scores, String baseline, String test, String correction, double alpha,
                          String alternative, Path json, String command, List<String> metrics) {
        public Request(Path scores, String baseline, String test, String correction, double alpha, String alternative,
                       Path json, String command) {
            this(scores, baseline, test, correction, alpha, alternative, json, command, null);
        }
    }

    public static ComparisonTable run(Request req, RunContext ctx) {
        PrintStream out = ctx.out();
        PrintStream log = ctx.log();
        Comparisons.Options options = options(req);
        Outputs.requireWritable("json", req.json());
        Map<String, List<Score>> all = readScores(req.scores());
        List<String> family = familyMetrics(req, all);
        Map<String, List<Score>> scores = new LinkedHashMap<>();
        all.forEach((ds, l) -> {
            List<Score> kept = l.stream().filter(x -> family.contains("all") || family.contains(x.metric())).toList();
            if (!kept.isEmpty()) {
                scores.put(ds, kept);
            }
        });
        ComparisonTable table;
        try {
            table = Comparisons.compare(scores, options);
        } catch (IllegalArgumentException e) {
            throw BadInputException.of(req.scores(), e.getMessage(), "fix the scores file or the options");
        }
        out.print(table.text());
        out.flush();
        for (String w : table.warnings()) {
            log.println("warning: " + w);
        }
        StatsResult root = table.toJson().withFamily(family, table.comparisons().stream()
                .map(c -> (c.dataset().isEmpty() ? "" : c.dataset() + " / ") + c.condition() + " / " + c.metric()).toList(),
                Provenance.builder(req.command()).threads(ctx.threads())
                .input("scores", Hashing.ofFile(req.scores()))
                .setting("baseline", options.baseline())
                .setting("test", options.test().key())
                .setting("correction", options.correction().key())
                .setting("alpha", options.alpha())
                .setting("alternative", options.alternative().key())
                .setting("metrics", String.join(",", family))
                .build());
        if (req.json() != null) { // --json is optional: the table went to stdout above
            Json.write(req.json(), root);
            log.printf("wrote %s: %d comparisons, %s over a family of %d%n", req.json(), table.comparisons().size(),
                    options.correction().key(), table.familySize());
        }
        return table;
    }

    /** The family's metrics (see {@link Request#metrics}); a named metric the scores lack is a one-line error. */
    static List<String> familyMetrics(Request req, Map<String, List<Score>> scores) {
        java.util.Set<String> present = new java.util.LinkedHashSet<>();
        scores.values().forEach(l -> l.forEach(x -> present.add(x.metric())));
        if (req.metrics() == null) {
            List<String> headline = UtilityJob.HEADLINE.stream().filter(present::contains).toList();
            return headline.isEmpty() ? List.of("all") : headline;
        }
        for (String m : req.metrics()) {
            if (!m.equals("all") && !present.contains(m)) {
                throw BadInputException.of(req.scores(), "has no scores of metric '" + m + "' (--metrics)",
                        "use some of " + String.join(",", present) + ", or all");
            }
        }
        return req.metrics();
    }

    static Comparisons.Options options(Request req) {
        try {
            return new Comparisons.Options(req.baseline(), TTestKind.parse(req.test()),
                    Correction.parse(req.correction()), req.alpha(), Alternative.parse(req.alternative()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("stats: " + e.getMessage());
        }
    }

    /**
     * Reads a scores CSV into data set -> scores (data set "" without a {@code dataset} column), in file order.
     * A bad row is a one-line error naming the file and row.
     */
    public static Map<String, List<Score>> readScores(Path file) {
        List<Csv.Row> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw BadInputException.of(file, "the scores file is empty", "write a header condition,seed,metric,value and one row per score");
        }
        List<String> header = rows.get(0).fields();
        int[] col = new int[COLUMNS.size()];
        for (int i = 0; i < col.length; i++) {
            col[i] = Csv.column(header, COLUMNS.get(i));
            if (col[i] < 0) {
                throw BadInputException.at(file, 1, "no '" + COLUMNS.get(i) + "' column in the header " + header,
                        "the scores CSV needs the columns condition,seed,metric,value");
            }
        }
        int dsCol = Csv.column(header, "dataset");
        Map<String, List<Score>> out = new LinkedHashMap<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().stream().allMatch(String::isBlank)) {
                continue;
            }
            String cond = r.get(col[0]).trim();
            String seedText = r.get(col[1]).trim();
            String metric = r.get(col[2]).trim();
            String valueText = r.get(col[3]).trim();
            if (cond.isEmpty() || metric.isEmpty()) {
                throw BadInputException.at(file, r.line(), "empty " + (cond.isEmpty() ? "condition" : "metric"),
                        "every row needs condition,seed,metric,value");
            }
            int seed;
            try {
                seed = Integer.parseInt(seedText);
            } catch (NumberFormatException e) {
                throw BadInputException.at(file, r.line(), "seed '" + seedText + "' is not a whole number",
                        "give the seed as an integer");
            }
            double value;
            try {
                value = Double.parseDouble(valueText);
            } catch (NumberFormatException e) {
                throw BadInputException.at(file, r.line(), "value '" + valueText + "' is not a number",
                        "give the metric value as a decimal number");
            }
            if (!Double.isFinite(value)) {
                throw BadInputException.at(file, r.line(), "value " + valueText + " is not finite",
                        "drop the run or give a finite value");
            }
            String ds = dsCol < 0 ? "" : r.get(dsCol).trim();
            out.computeIfAbsent(ds, k -> new ArrayList<>()).add(new Score(cond, seed, metric, value));
        }
        if (out.isEmpty()) {
            throw BadInputException.of(file, "no score rows below the header", "add one row per condition, seed and metric");
        }
        return out;
    }
}
