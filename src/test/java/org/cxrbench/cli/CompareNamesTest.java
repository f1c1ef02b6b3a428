package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: compare named rows by file stem only and wrote no provenance. NAME=FILE names a file's rows (a run's
 * generators become NAME/generator), and FILE.csv.provenance.json records each results file's sha256.
 */
class CompareNamesTest {
    @TempDir Path dir;

    static final Path SINGLE = Path.of("src/test/resources/report/single_fidelity.json");
    static final Path MULTI = Path.of("src/test/resources/report/multi.json");

    @Test
    void namesFromTheCommandLineAndAProvenanceSidecar() throws Exception {
        Path a = Files.copy(SINGLE, dir.resolve("results.json"));
        Path sub = Files.createDirectories(dir.resolve("b"));
        Path b = Files.copy(SINGLE, sub.resolve("results.json"));
        Path out = dir.resolve("cmp.html");
        InputChecksTest.Run r = InputChecksTest.run("compare", "ckpt-1000=" + a, "ckpt-2000=" + b, "night=" + MULTI,
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String md = Files.readString(dir.resolve("cmp.md"));
        assertThat(md).contains("| ckpt-1000 ").contains("| ckpt-2000 ");
        // the run's generators keep their names under the one given
        JsonNode multi = Json.MAPPER.readTree(MULTI.toFile()).path("generators");
        String first = multi.fieldNames().next();
        assertThat(md).contains("| night/" + first + " ");
        JsonNode prov = Json.MAPPER.readTree(dir.resolve("cmp.csv.provenance.json").toFile()).path("provenance");
        assertThat(prov.path("inputs").path("results:ckpt-1000").asText()).isEqualTo(Hashing.ofFile(a));
        assertThat(prov.path("inputs").path("results:night").asText()).isEqualTo(Hashing.ofFile(MULTI));
        assertThat(prov.path("command").asText()).contains("ckpt-2000=");
    }

    @Test
    void aNameTwiceOrAMissingFileIsOneLineBeforeAnyOutput() {
        Path out = dir.resolve("cmp.html");
        InputChecksTest.Run twice = InputChecksTest.run("compare", "x=" + SINGLE, "x=" + MULTI, "--out", out.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("'x' is given twice");
        InputChecksTest.Run missing = InputChecksTest.run("compare", "x=" + dir.resolve("nope.json"), "--out", out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json").contains("not found");
        assertThat(out).doesNotExist();
    }
}
