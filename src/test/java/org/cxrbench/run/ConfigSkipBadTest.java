package org.cxrbench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.cli.Main;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.data.Fixtures;
import org.cxrbench.pipeline.RunContext;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A config run has the command's choice for images that cannot be decoded: {@code skip_bad: true} leaves them out,
 * records {@code skipped_bad_images:ROLE} in the provenance as {@code --skip-bad} does, and measures what is left
 * with the same numbers as the command; without it the run stops with one error naming them (exit 2).
 */
class ConfigSkipBadTest {
    @TempDir Path dir;

    static void noise(Path folder, String prefix, int n, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    img.getRaster().setSample(x, y, 0, r.nextInt(256));
                }
            }
            Fixtures.write(img, folder.resolve(String.format("%s%02d.png", prefix, i)));
        }
    }

    @Test
    void skipBadInAConfigSkipsAndRecordsLikeTheCommand() throws Exception {
        Path real = dir.resolve("real");
        Path syn = dir.resolve("syn");
        noise(real, "r", 30, 1);
        noise(syn, "s", 24, 2);
        Fixtures.text(syn.resolve("s99-bad.png"), "not an image");
        Fixtures.truncate(Fixtures.grey8(syn.resolve("s98-truncated.png"), 32, 32, 3), 60);
        String body = "encoder: pixels16\nreal:\n  train: real\ngenerators:\n  - {name: g, path: syn}\n"
                + "metrics:\n  fidelity: {metrics: [precision, recall], k: 3}\n  privacy: {metrics: [dcr_median]}\n";
        Path strictCfg = dir.resolve("strict.yaml");
        Files.writeString(strictCfg, body);
        try (RunContext ctx = RunContext.quiet(null, 2)) {
            RunConfig strict = ConfigReader.read(strictCfg);
            assertThat(strict.skipBad()).isFalse();
            assertThatThrownBy(() -> ctx.get(() -> ConfigRun.run(strict, dir.resolve("strict"), "test", ctx)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("s99-bad.png")
                    .hasMessageContaining("s98-truncated.png");
        }
        Path cfg = dir.resolve("skip.yaml");
        Files.writeString(cfg, "skip_bad: true\n" + body);
        RunConfig skipping = ConfigReader.read(cfg);
        assertThat(skipping.skipBad()).isTrue();
        JsonNode run;
        try (RunContext ctx = RunContext.quiet(null, 2)) {
            // RunCommand's way: the config's skip_bad joins the run's settings
            ctx.withSkipBad(skipping.skipBad());
            ConfigRun.Outcome o = ctx.get(() -> ConfigRun.run(skipping, dir.resolve("out"), "test", ctx));
            run = Json.MAPPER.readTree(o.results().toFile());
        }
        String recorded = run.path("provenance").path("settings").path("skipped_bad_images:g").asText();
        assertThat(recorded).startsWith("2: ").contains("s99-bad.png").contains("s98-truncated.png");

        Path json = dir.resolve("cmd.json");
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new ByteArrayOutputStream(), true));
        assertThat(cl.execute("fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--encoder",
                "pixels16", "--metrics", "precision,recall", "--k", "3", "--json", json.toString(), "--no-cache",
                "--skip-bad", "--threads", "2")).as(err.toString()).isZero();
        JsonNode cmd = Json.MAPPER.readTree(json.toFile());
        assertThat(cmd.path("provenance").path("settings").path("skipped_bad_images:synthetic").asText())
                .isEqualTo(recorded);
        for (String k : new String[] {"precision", "recall"}) {
            assertThat(run.path("generators").path("g").path("metrics").path(k).path("value").asDouble()).as(k)
                    .isEqualTo(cmd.path("metrics").path(k).path("value").asDouble());
        }
        assertThat(run.path("provenance").path("inputs").path("synthetic:g").asText())
                .isEqualTo(cmd.path("provenance").path("inputs").path("synthetic").asText());

        // a resumed run reuses the stage and leaves out the same images
        try (RunContext ctx = RunContext.quiet(null, 2).withSkipBad(true)) {
            ConfigRun.Outcome again = ctx.get(() -> ConfigRun.run(skipping, dir.resolve("out"), "test", ctx));
            assertThat(again.reused()).contains("encode[g]");
            JsonNode r2 = Json.MAPPER.readTree(again.results().toFile());
            assertThat(r2.path("provenance").path("settings").path("skipped_bad_images:g").asText()).isEqualTo(recorded);
        }
    }
}
