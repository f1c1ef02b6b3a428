package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 23: {@code --json} was optional for fidelity and privacy but required for utility, stats and score-masks.
 * One rule now holds for every command (walked through picocli's model): --json is optional, says so in the same
 * words, and the results table goes to stdout whether or not it is given.
 */
class JsonOptionTest {
    @TempDir Path dir;

    @Test
    void everyJsonOptionIsOptionalAndDescribedByTheOneRule() {
        List<String> withJson = new ArrayList<>();
        for (CommandLine cl : HelpTextTest.all(Main.commandLine())) {
            CommandLine.Model.OptionSpec o = cl.getCommandSpec().findOption("--json");
            if (o == null) {
                continue;
            }
            String cmd = HelpTextTest.path(cl);
            withJson.add(cmd);
            assertThat(o.required()).as(cmd + " --json required").isFalse();
            assertThat(String.join(" ", o.description())).as(cmd + " --json description").isEqualTo(CommonOptions.JSON_HELP);
        }
        assertThat(withJson).contains("cxrbench fidelity", "cxrbench privacy", "cxrbench utility", "cxrbench stats",
                "cxrbench score-masks");
    }

    @Test
    void statsWithoutJsonPrintsTheTableAndWritesNothing() throws Exception {
        StringBuilder b = new StringBuilder("condition,seed,metric,value\n");
        double[][] v = {{0.60, 0.62, 0.61, 0.63, 0.59}, {0.64, 0.66, 0.63, 0.67, 0.65}};
        String[] conds = {"real", "synthetic"};
        for (int c = 0; c < 2; c++) {
            for (int s = 0; s < 5; s++) {
                b.append(conds[c]).append(',').append(s).append(",f1_macro,").append(v[c][s]).append('\n');
            }
        }
        Path scores = Files.writeString(dir.resolve("scores.csv"), b.toString());
        StatsCommandTest.Out r = StatsCommandTest.main("stats", "--scores", scores.toString(), "--baseline", "real");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("synthetic").contains("f1_macro");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("scores.csv");
        }
    }

    @Test
    void fidelityWithoutJsonPrintsTheTable() {
        Path real = CliTest.features(dir.resolve("r.npy"), 60, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 50, 4, 0.5, 2);
        StatsCommandTest.Out r = StatsCommandTest.main("fidelity", "--real", real.toString(), "--synthetic",
                syn.toString(), "--metrics", "precision,recall", "--k", "3", "--no-cache");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("precision").contains("recall");
    }
}
