package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cxrbench stats} through {@link Main#execute}: the 5-seed scores of src/test/resources/stats/stats_refs.json
 * against scipy's ttest_rel / ttest_ind (make_stats_refs.py), the contract's JSON keys, stdout/stderr, exit codes.
 */
class StatsCommandTest {
    @TempDir Path dir;

    record Out(int code, String out, String err) {}

    static synchronized Out main(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static JsonNode refs() throws Exception {
        try (InputStream in = StatsCommandTest.class.getResourceAsStream("/stats/stats_refs.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    Path scoresCsv(String extraRow) throws Exception {
        JsonNode s = refs().get("scores");
        StringBuilder b = new StringBuilder("condition,seed,metric,value,run_dir\n");
        for (String cond : new String[] {"real", "augmented", "synthetic"}) {
            for (String metric : new String[] {"f1_macro", "auroc_macro"}) {
                JsonNode v = s.get(cond).get(metric);
                for (int seed = 0; seed < v.size(); seed++) {
                    b.append(cond).append(',').append(seed).append(',').append(metric).append(',')
                            .append(v.get(seed).asText()).append(",runs/").append(cond).append(seed).append('\n');
                }
            }
        }
        b.append(extraRow);
        Path f = dir.resolve("scores.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void pairedAndWelchTablesMatchScipy() throws Exception {
        Path csv = scoresCsv("");
        for (String test : new String[] {"paired", "welch"}) {
            Path json = dir.resolve("out/" + test + ".json");
            // --test-kind, as utility names the same choice (issue 23); --test for welch: the old name still works
            Out o = main("stats", "--scores", csv.toString(), "--baseline", "real", test.equals("paired") ? "--test-kind"
                    : "--test", test, "--json", json.toString());
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.out()).contains("augmented", "f1_macro", "bonferroni over a family of 4", "mean_diff");
            assertThat(o.err()).contains("wrote").doesNotContain("augmented  f1_macro");
            JsonNode j = new ObjectMapper().readTree(json.toFile());
            assertThat(j.get("family_size").asInt()).isEqualTo(4);
            assertThat(j.get("correction").asText()).isEqualTo("bonferroni");
            assertThat(j.get("test").asText()).isEqualTo(test);
            assertThat(j.get("alternative").asText()).isEqualTo("greater");
            assertThat(j.at("/provenance/inputs/scores").asText()).startsWith("sha256:");
            JsonNode ref = refs().get("comparisons");
            for (int i = 0; i < 4; i++) {
                JsonNode c = j.get("comparisons").get(i);
                JsonNode r = ref.get(i).get(test);
                assertThat(c.get("condition").asText()).isEqualTo(ref.get(i).get("condition").asText());
                assertThat(c.get("metric").asText()).isEqualTo(ref.get(i).get("metric").asText());
                for (String k : new String[] {"condition", "metric", "mean_diff", "ci95", "t", "df", "p", "p_adjusted", "significant"}) {
                    assertThat(c.has(k)).as(k).isTrue();
                }
                assertThat(c.get("t").asDouble()).isCloseTo(r.get("t").asDouble(), within(1e-9));
                assertThat(c.get("df").asDouble()).isCloseTo(r.get("df").asDouble(), within(1e-9));
                assertThat(c.get("p").asDouble()).isCloseTo(r.get("p").asDouble(), within(1e-12));
                assertThat(c.get("p_adjusted").asDouble()).isCloseTo(r.get("p_bonferroni").asDouble(), within(1e-12));
                assertThat(c.get("ci95").get(0).asDouble()).isCloseTo(r.get("ci95").get(0).asDouble(), within(1e-12));
                assertThat(c.get("ci95").get(1).asDouble()).isCloseTo(r.get("ci95").get(1).asDouble(), within(1e-12));
                assertThat(c.get("significant").asBoolean()).isEqualTo(r.get("p").asDouble() <= 0.05 / 4);
            }
        }
    }

    @Test
    void aBadRowIsOneLineNamingFileAndRow() throws Exception {
        Path csv = scoresCsv("augmented,three,f1_macro,0.5,x\n");
        Out o = main("stats", "--scores", csv.toString(), "--baseline", "real", "--json", dir.resolve("s.json").toString());
        assertThat(o.code()).isEqualTo(2);
        // header + 30 rows: the bad row is line 32
        assertThat(o.err().strip()).contains(csv + ":32: seed 'three' is not a whole number").doesNotContain("\n");
        assertThat(dir.resolve("s.json")).doesNotExist();
        Out v = main("stats", "--scores", scoresCsv("augmented,9,f1_macro,abc,x\n").toString(), "--baseline", "real",
                "--json", dir.resolve("s.json").toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains(":32: value 'abc' is not a number");
    }

    @Test
    void unmatchedSeedsInAPairedTestAreAClearError() throws Exception {
        Path csv = scoresCsv("augmented,5,f1_macro,0.7,x\n");
        Out o = main("stats", "--scores", csv.toString(), "--baseline", "real", "--json", dir.resolve("s.json").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unmatched seeds (only in 'augmented': [5], only in 'real': [])", "use the Welch test");
        Out w = main("stats", "--scores", csv.toString(), "--baseline", "real", "--test", "welch", "--json",
                dir.resolve("w.json").toString());
        assertThat(w.code()).as(w.err()).isZero();
    }

    @Test
    void badOptionsAndUnwritableOutputFailBeforeTheWork() throws Exception {
        Path csv = scoresCsv("");
        assertThat(main("stats", "--scores", csv.toString(), "--baseline", "real", "--test", "mann-whitney", "--json",
                dir.resolve("a.json").toString()).err()).contains("use paired or welch");
        Out b = main("stats", "--scores", csv.toString(), "--baseline", "none", "--json", dir.resolve("a.json").toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("no scores for the baseline condition 'none'; the conditions are [real, augmented, synthetic]");
        Out c = main("stats", "--scores", csv.toString(), "--baseline", "real", "--json", dir.toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err()).contains("is a folder");
        assertThat(c.out()).isEmpty();
        Out d = main("stats", "--scores", dir.resolve("missing.csv").toString(), "--baseline", "real", "--json",
                dir.resolve("a.json").toString());
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains("missing.csv", "file not found");
    }

    @Test
    void aDatasetColumnWidensTheFamily() throws Exception {
        // the same 3-seed comparison on two data sets: family of 2, Bonferroni doubles each p
        StringBuilder b = new StringBuilder("dataset,condition,seed,metric,value\n");
        for (String ds : new String[] {"siim", "rsna"}) {
            b.append(ds).append(",real,0,dice_lung,0.80\n").append(ds).append(",real,1,dice_lung,0.82\n")
                    .append(ds).append(",real,2,dice_lung,0.79\n").append(ds).append(",mixed,0,dice_lung,0.84\n")
                    .append(ds).append(",mixed,1,dice_lung,0.85\n").append(ds).append(",mixed,2,dice_lung,0.83\n");
        }
        Path csv = dir.resolve("ds.csv");
        Files.writeString(csv, b.toString());
        Path json = dir.resolve("ds.json");
        Out o = main("stats", "--scores", csv.toString(), "--baseline", "real", "--json", json.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("dataset", "siim", "rsna");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("family_size").asInt()).isEqualTo(2);
        assertThat(j.at("/comparisons/1/dataset").asText()).isEqualTo("rsna");
        assertThat(j.at("/comparisons/0/p_adjusted").asDouble()).isCloseTo(2 * j.at("/comparisons/0/p").asDouble(), within(1e-15));
    }

    @Test
    void helpRendersWithoutPicocliWarnings() {
        Out o = main("stats", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("--baseline", "95% CI");
        assertThat(o.out() + o.err()).doesNotContain("picocli WARN", "Could not format");
    }

    @Test
    void holmAndFewSeeds() throws Exception {
        Path csv = dir.resolve("few.csv");
        Files.writeString(csv, "condition,seed,metric,value\nreal,0,dice_lung,0.80\nreal,1,dice_lung,0.82\nreal,2,dice_lung,0.79\n"
                + "mixed,0,dice_lung,0.84\nmixed,1,dice_lung,0.85\nmixed,2,dice_lung,0.83\n");
        Path json = dir.resolve("few.json");
        Out o = main("stats", "--scores", csv.toString(), "--baseline", "real", "--correction", "holm", "--json", json.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("warning: fewer than 5 seeds (3)");
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("correction").asText()).isEqualTo("holm");
        assertThat(j.get("family_size").asInt()).isEqualTo(1);
        // differences 0.04, 0.03, 0.04: mean 0.11/3, sd 0.005773..., t = 11, df 2 (by hand)
        assertThat(j.at("/comparisons/0/t").asDouble()).isCloseTo(11.0, within(1e-9));
        assertThat(j.at("/comparisons/0/df").asDouble()).isEqualTo(2.0);
    }
}
