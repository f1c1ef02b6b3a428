package org.cxrbench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.report.RegressReport;
import org.cxrbench.report.RegressionCheck;
import org.cxrbench.report.ResultsSet;
import org.cxrbench.report.RunHistory;
import org.cxrbench.report.Tolerance;

/**
 * The nightly verdict: judges a results file against the accepted baseline, prints the table of what moved,
 * appends the run to the history, optionally renders the verdict and trend as HTML, and with {@code accept}
 * promotes the results to the new baseline (the old one kept under {@code history/} beside it).
 */
public final class RegressJob {
    private RegressJob() {}

    /**
     * @param history the run history (JSON lines); null: {@code history.jsonl} beside the baseline
     * @param report an HTML verdict and trend report to write, or null
     */
    public record Request(Path baseline, Path results, boolean accept, List<String> tolerances,
                          String defaultTolerance, Set<String> metrics, Path history, Path report) {}

    /** One line of the verdict history, as written (snake_case keys). */
    public record VerdictLine(String time, String results,
                       @com.fasterxml.jackson.annotation.JsonProperty("results_sha256") String resultsSha256,
                       @com.fasterxml.jackson.annotation.JsonProperty("baseline_sha256") String baselineSha256,
                       String verdict, boolean accepted, List<String> regressed,
                       Map<String, Map<String, Double>> metrics) {}

    /** The verdict history's default name beside the baseline (a config run's own history is history.jsonl). */
    public static final String HISTORY = "regress-history.jsonl";

    /** The first baseline: the results' bytes, written atomically (no previous one to keep). */
    static void first(Path baseline, Path results, PrintStream log) {
        try {
            byte[] neu = Files.readAllBytes(results);
            AtomicFiles.write(baseline, o -> o.write(neu));
            log.println("no baseline at " + baseline + ": accepted " + results + " as the first baseline");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot accept " + results + ": " + e.getMessage(), e);
        }
    }

    /** "METRIC=RULE" items -> tolerances; bad items are one-line errors naming the option. */
    static Map<String, Tolerance> tolerances(List<String> items) {
        Map<String, Tolerance> per = new LinkedHashMap<>();
        for (String t : items) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--tolerance: '" + t + "' is not METRIC=RULE (RULE: abs:X, rel:X or ci)");
            }
            per.put(t.substring(0, eq).strip(), tolerance("--tolerance " + t, t.substring(eq + 1)));
        }
        return per;
    }

    static Tolerance tolerance(String where, String rule) {
        try {
            return Tolerance.parse(rule);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }

    public static RegressionCheck.Outcome run(Request req, PrintStream out, PrintStream log) {
        Map<String, Tolerance> per = tolerances(req.tolerances());
        Tolerance def = req.defaultTolerance() == null ? null : tolerance("--default-tolerance", req.defaultTolerance());
        if (req.baseline() != null && !Files.exists(req.baseline()) && req.accept()) {
            ResultsSet.read(req.results()); // a readable results file, before it becomes the baseline
            first(req.baseline(), req.results(), log);
            out.println("verdict: pass (no baseline yet: " + req.results() + " accepted as the first baseline)");
            return new RegressionCheck.Outcome(List.of());
        }
        if (req.baseline() == null || !Files.isRegularFile(req.baseline())) {
            throw BadInputException.of(req.baseline(), "no such baseline", "give an accepted results file, or add "
                    + "--accept to make these results the first baseline");
        }
        ResultsSet base = ResultsSet.read(req.baseline());
        ResultsSet res = ResultsSet.read(req.results());
        RegressionCheck.Outcome o = RegressionCheck.judge(base, res, per, def, req.metrics());
        out.print(RegressionCheck.table(o.lines()));
        if (o.regressed()) {
            out.println();
            out.println("what regressed:");
            out.print(RegressionCheck.table(o.problems()));
            out.println("verdict: REGRESSION (" + o.problems().size() + " metric(s) regressed or missing)");
        } else {
            out.println("verdict: pass");
        }
        Path history = req.history() != null ? req.history()
                : req.baseline().toAbsolutePath().resolveSibling(HISTORY);
        RunHistory.append(history, new VerdictLine(DateTimeFormatter.ISO_INSTANT.format(Instant.now()),
                req.results().toString(), Hashing.ofFile(req.results()), Hashing.ofFile(req.baseline()),
                o.regressed() ? "regression" : "pass", req.accept(),
                o.problems().stream().map(l -> l.generator() + "/" + l.metric()).toList(), RunHistory.values(res)));
        if (req.report() != null) {
            AtomicFiles.writeString(req.report(), RegressReport.render(o, RunHistory.read(history),
                    req.baseline().toString(), req.results().toString()));
            log.println("wrote " + req.report());
        }
        if (req.accept()) {
            accept(req.baseline(), req.results(), log);
        }
        return o;
    }

    /** Keeps the old baseline as history/accepted-TIME.json, then renames the results' bytes over the baseline. */
    static void accept(Path baseline, Path results, PrintStream log) {
        try {
            byte[] neu = Files.readAllBytes(results);
            Path dir = baseline.toAbsolutePath().resolveSibling("history");
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC)
                    .format(Instant.now());
            Path kept = dir.resolve(baseline.getFileName().toString().replaceFirst("\\.json$", "") + "-" + stamp + ".json");
            byte[] old = Files.readAllBytes(baseline);
            AtomicFiles.write(kept, o -> o.write(old));
            AtomicFiles.write(baseline, o -> o.write(neu));
            log.println("accepted " + results + " as the new baseline " + baseline + " (previous kept as " + kept + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot accept " + results + ": " + e.getMessage(), e);
        }
    }
}
