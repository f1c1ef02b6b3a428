package org.cxrbench.run;

import org.cxrbench.pipeline.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cxrbench.common.Json;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config runs are cached stage by stage: a second run with one more generator computes only that generator's
 * stages, and a run killed with SIGKILL after its first stage resumes to results identical to an uninterrupted run.
 */
class ConfigRunTest {
    @TempDir Path dir;

    /** A small phantom world with the pixels32 encoder (fast; re-id uses pixels16), both real sets, the given simulators. */
    static String config(String... generators) {
        return "seed: 0\nencoder: pixels32\nreal:\n  train: {phantom: {patients: 10, size: 64, seed: 0}}\n"
                + "  holdout: {phantom: {patients: 10, size: 64, seed: 1}}\ngenerators: [" + String.join(", ", generators)
                + "]\nmetrics:\n  fidelity: {metrics: [fid, kid, precision, recall, density, coverage, fid_per_label], "
                + "kid_subsets: 10, kid_subset_size: 20, min_label_count: 2}\n";
    }

    ConfigRun.Outcome run(String yaml, Path out) throws Exception {
        return runIn(dir, yaml, out);
    }

    /** Writes the config text into {@code dir} and runs it quietly on 2 threads with a cache in {@code dir}. */
    static ConfigRun.Outcome runIn(Path dir, String yaml, Path out) throws Exception {
        Path cfg = dir.resolve("c-" + System.nanoTime() + ".yaml");
        Files.writeString(cfg, yaml);
        RunConfig c = ConfigReader.read(cfg);
        return ConfigRun.run(c, out, "test", RunContext.quiet(new FeatureCache(dir.resolve("cache")), 2));
    }

    @Test
    void addingAGeneratorComputesOnlyItsStages() throws Exception {
        Path out = dir.resolve("out");
        ConfigRun.Outcome first = run(config("faithful"), out);
        assertThat(first.executed()).contains("data[train]", "data[holdout]", "encode[train]", "encode[holdout]",
                "noise-floor[holdout]", "data[faithful]", "encode[faithful]", "fidelity[faithful]", "privacy[faithful]");
        assertThat(first.reused()).isEmpty();
        ConfigRun.Outcome second = run(config("faithful", "memorizer(0.3)"), out);
        // only the new generator's stages run: its images, its features (and re-id features), fidelity, privacy
        assertThat(second.executed()).containsExactly("data[memorizer(0.3)]", "encode[memorizer(0.3)]",
                "fidelity[memorizer(0.3)]", "encode[memorizer(0.3) (re-id)]", "privacy[memorizer(0.3)]");
        assertThat(second.reused()).contains("data[train]", "encode[train]", "noise-floor[holdout]", "fidelity[faithful]",
                "privacy[faithful]");
        // the cached generator's numbers are those of the first run
        JsonNode a = Json.MAPPER.readTree(first.results().toFile()).path("generators").path("faithful").path("metrics");
        JsonNode b = Json.MAPPER.readTree(second.results().toFile()).path("generators").path("faithful").path("metrics");
        assertThat(b).isEqualTo(a);
        assertThat(Json.MAPPER.readTree(second.results().toFile()).path("generators").path("memorizer(0.3)")
                .path("metrics").path("memorized_fraction").path("value").asDouble()).isGreaterThan(0);
        // results.json is the core's schema (schema_version 1, multi-generator)
        assertThat(com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schema/results.schema.json")))
                .validate(Json.MAPPER.readTree(second.results().toFile()))).isEmpty();
        // a changed setting is a new key: fidelity and the floor run again, the data and features are reused
        ConfigRun.Outcome third = run(config("faithful").replace("kid_subsets: 10", "kid_subsets: 11"), out);
        assertThat(third.executed()).containsExactly("noise-floor[holdout]", "fidelity[faithful]");
        // one history line per run, each a JSON object
        List<String> history = Files.readAllLines(out.resolve("history.jsonl"));
        assertThat(history).hasSize(3);
        for (String line : history) {
            assertThat(Json.MAPPER.readTree(line).path("generators").has("faithful")).isTrue();
        }
        assertThat(Json.MAPPER.readTree(history.get(1)).path("stages_run").asInt()).isEqualTo(5);
    }

    @Test
    void aRunKilledAfterItsFirstStageResumesToTheUninterruptedResults() throws Exception {
        Path cfg = dir.resolve("run.yaml");
        Files.writeString(cfg, config("faithful", "memorizer(0.3)", "blurry(1.5)"));
        Path whole = dir.resolve("whole");
        Path killed = dir.resolve("killed");
        assertThat(subprocess(cfg, whole, false)).isZero();
        assertThat(subprocess(cfg, killed, true)).isNotZero();
        assertThat(killed.resolve("results.json")).doesNotExist();
        assertThat(subprocess(cfg, killed, false)).isZero();
        JsonNode a = Json.MAPPER.readTree(whole.resolve("results.json").toFile());
        JsonNode b = Json.MAPPER.readTree(killed.resolve("results.json").toFile());
        assertThat(b.path("generators")).isEqualTo(a.path("generators"));
        assertThat(b.path("noise_floor")).isEqualTo(a.path("noise_floor"));
        // the resumed run reused what the killed one had finished
        JsonNode runs = b.path("stage_runs");
        assertThat(runs.path("reused").size()).isGreaterThan(0);
        assertThat(runs.path("computed").size()).isGreaterThan(0);
    }

    /**
     * ./cxrbench run in a fresh JVM (this test's class path); with {@code kill}, SIGKILL as soon as the first stage
     * reports "done" on stderr. Each run has its own feature cache so nothing but .stages carries over.
     */
    int subprocess(Path cfg, Path out, boolean kill) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.cxrbench.cli.Main", "run", cfg.toString(), "--verbose",
                "--out", out.toString(), "--threads", "2", "--cache", dir.resolve("cache-" + out.getFileName() + "-" + kill).toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                log.append(line).append('\n');
                if (kill && line.startsWith("stage ") && line.contains(": done in ")) {
                    p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no cleanup
                    break;
                }
            }
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(log.toString()).isTrue();
        return p.exitValue();
    }
}
