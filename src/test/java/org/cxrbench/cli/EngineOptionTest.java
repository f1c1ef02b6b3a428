package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --engine on the command line: local is the default and gives the same output; a missing engine is exit 2. */
class EngineOptionTest {
    @Test
    void localEngineIsTheDefaultAndUnknownOrUnbuiltEnginesAreUsageErrors(@TempDir Path dir) throws Exception {
        Path train = CliTest.features(dir.resolve("train.npy"), 60, 4, 0, 1);
        Path syn = CliTest.features(dir.resolve("syn.npy"), 30, 4, 0.1, 2);
        CliTest.Run plain = CliTest.run("privacy", "--train", train.toString(), "--synthetic", syn.toString(),
                "--json", dir.resolve("a.json").toString());
        CliTest.Run local = CliTest.run("privacy", "--engine", "local", "--train", train.toString(), "--synthetic",
                syn.toString(), "--json", dir.resolve("b.json").toString());
        assertThat(plain.code()).isZero();
        assertThat(local.code()).isZero();
        com.fasterxml.jackson.databind.JsonNode a = org.cxrbench.common.Json.MAPPER.readTree(dir.resolve("a.json").toFile());
        com.fasterxml.jackson.databind.JsonNode b = org.cxrbench.common.Json.MAPPER.readTree(dir.resolve("b.json").toFile());
        assertThat(b.get("metrics")).isEqualTo(a.get("metrics"));

        // the core's test class path has no Spark module: a one-line error saying how to get it
        CliTest.Run spark = CliTest.run("privacy", "--engine", "spark", "--train", train.toString(), "--synthetic",
                syn.toString());
        assertThat(spark.code()).isEqualTo(2);
        assertThat(spark.err()).contains("spark-build");
        CliTest.Run unknown = CliTest.run("fidelity", "--engine", "flink", "--real", train.toString(), "--synthetic",
                syn.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown --engine 'flink'");
        CliTest.Run master = CliTest.run("privacy", "--master", "local[2]", "--train", train.toString(), "--synthetic",
                syn.toString());
        assertThat(master.code()).isEqualTo(2);
        assertThat(master.err()).contains("--engine spark");
    }
}
