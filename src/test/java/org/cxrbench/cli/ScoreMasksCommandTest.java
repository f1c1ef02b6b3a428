package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cxrbench.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cxrbench score-masks} against hand-computed Dice and IoU (closed form on rectangles): a prediction shifted
 * by half its width overlaps half (Dice 1/2, IoU 1/3); an exact one scores 1; an empty truth follows MONAI's
 * ignore_empty (NaN: left out), score (1 if the prediction is empty too, else 0) or the plain formula.
 */
class ScoreMasksCommandTest {
    @TempDir Path dir;

    static void rect(Path f, int r0, int r1, int c0, int c1) throws Exception {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                img.getRaster().setSample(c, r, 0, 255);
            }
        }
        Files.createDirectories(f.getParent());
        ImageIO.write(img, "png", f.toFile());
    }

    void sets() throws Exception {
        Path t = dir.resolve("truth/lung");
        Path p = dir.resolve("pred/lung");
        rect(t.resolve("a.png"), 0, 10, 0, 10);
        rect(p.resolve("a.png"), 0, 10, 5, 15);   // half overlap: 50 of 100 + 100
        rect(t.resolve("b.png"), 5, 15, 5, 15);
        rect(p.resolve("b.png"), 5, 15, 5, 15);   // exact
        rect(t.resolve("c.png"), 0, 0, 0, 0);
        rect(p.resolve("c.png"), 0, 4, 0, 5);     // empty truth, 20 predicted pixels
        rect(t.resolve("d.png"), 0, 0, 0, 0);
        rect(p.resolve("d.png"), 0, 0, 0, 0);     // both empty
    }

    JsonNode score(String policy) throws Exception {
        Path json = dir.resolve(policy + ".json");
        InputChecksTest.Run r = InputChecksTest.run("score-masks", "--truth", dir.resolve("truth").toString(), "--pred",
                dir.resolve("pred").toString(), "--empty-masks", policy, "--bootstrap", "200", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("lung");
        return Json.MAPPER.readTree(json.toFile());
    }

    @Test
    void diceAndIouFollowMonaiConventionsWithIntervals() throws Exception {
        sets();
        JsonNode ignore = score("ignore");
        JsonNode dice = ignore.path("metrics").path("dice_lung");
        assertThat(dice.path("value").asDouble()).isCloseTo((0.5 + 1) / 2, within(1e-12));
        assertThat(dice.path("n").asInt()).isEqualTo(2);
        assertThat(dice.path("n_images").asInt()).isEqualTo(4);
        assertThat(ignore.path("metrics").path("iou_lung").path("value").asDouble()).isCloseTo((1.0 / 3 + 1) / 2, within(1e-12));
        // the interval over images holds the value and lies within the per-image range
        assertThat(dice.path("ci95").get(0).asDouble()).isBetween(0.5, 0.75);
        assertThat(dice.path("ci95").get(1).asDouble()).isBetween(0.75, 1.0);
        assertThat(ignore.path("per_image")).hasSize(4);
        assertThat(ignore.path("per_image").get(2).path("dice").isNull()).isTrue();
        assertThat(score("score").path("metrics").path("dice_lung").path("value").asDouble())
                .isCloseTo((0.5 + 1 + 0 + 1) / 4, within(1e-12));
        assertThat(score("plain").path("metrics").path("dice_lung").path("value").asDouble())
                .isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
    }

    @Test
    void unionStructuresAndClearErrors() throws Exception {
        rect(dir.resolve("truth/left/a.png"), 0, 10, 0, 10);
        rect(dir.resolve("truth/right/a.png"), 0, 10, 20, 30);
        rect(dir.resolve("pred/left/a.png"), 0, 10, 0, 10);
        rect(dir.resolve("pred/right/a.png"), 0, 10, 25, 30);  // lungs: truth 200 px, pred 150, overlap 150
        rect(dir.resolve("truth/left/b.png"), 0, 10, 0, 10);
        rect(dir.resolve("truth/right/b.png"), 0, 10, 20, 30);
        Path json = dir.resolve("u.json");
        InputChecksTest.Run missing = InputChecksTest.run("score-masks", "--truth", dir.resolve("truth").toString(), "--pred",
                dir.resolve("pred").toString(), "--structures", "lungs=left+right", "--json", json.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no prediction for 1 of 2 images").contains("b");
        rect(dir.resolve("pred/left/b.png"), 0, 10, 0, 10);
        rect(dir.resolve("pred/right/b.png"), 0, 10, 20, 30);
        InputChecksTest.Run ok = InputChecksTest.run("score-masks", "--truth", dir.resolve("truth").toString(), "--pred",
                dir.resolve("pred").toString(), "--structures", "lungs=left+right", "--json", json.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode m = Json.MAPPER.readTree(json.toFile()).path("metrics");
        assertThat(m.path("dice_lungs").path("value").asDouble()).isCloseTo((2.0 * 150 / 350 + 1) / 2, within(1e-12));
        assertThat(m.path("iou_lungs").path("value").asDouble()).isCloseTo((150.0 / 200 + 1) / 2, within(1e-12));
    }

    @Test
    void theWrittenJsonRoundTripsThroughItsRecord() throws Exception {
        sets();
        for (String policy : List.of("plain", "ignore")) {
            score(policy); // plain leaves undefined scores (null) in per_image
            String written = Files.readString(dir.resolve(policy + ".json"));
            ScoreMasksCommand.Results r = Json.MAPPER.readValue(written, ScoreMasksCommand.Results.class);
            assertThat(Json.toString(r) + "\n").isEqualTo(written);
            assertThat(org.cxrbench.common.RoundTrips.assertRoundTrips(r, ScoreMasksCommand.Results.class)).isEqualTo(r);
        }
    }
}
