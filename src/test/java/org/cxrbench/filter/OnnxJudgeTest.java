package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.data.Csv;
import org.cxrbench.data.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onnx judge with the tiny classifier of src/test/resources/onnx/make_filter_model.py (logits from the mean grey
 * level; expected classes and probabilities computed there with numpy from the formula).
 */
class OnnxJudgeTest {
    static final Path RES = Path.of("src/test/resources/onnx");
    @TempDir Path dir;

    @Test
    void verdictsAndProbabilitiesMatchTheReference() throws Exception {
        JsonNode ref = Json.MAPPER.readTree(RES.resolve("quality4.reference.json").toFile());
        Path in = dir.resolve("in");
        for (int i = 0; i < ref.size(); i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
            int v = (int) Math.rint(255 * ref.get(i).get("grey").asDouble()); // Python's round: half to even
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
            java.nio.file.Files.createDirectories(in);
            ImageIO.write(img, "png", in.resolve(String.format("g%d.png", i)).toFile());
        }
        FilterJob.Result r = FilterJob.run(new FilterJob.Request(in, dir.resolve("out"), "onnx", null, null, null,
                FilterJob.JudgeSettings.defaults().withOnnx(RES.resolve("quality4.onnx"), "gray16", RES.resolve("quality4.labels.json")),
                null, "test", 2), System.err);
        List<Csv.Row> rows = Csv.read(dir.resolve("out").resolve("judgements.csv"));
        for (int i = 0; i < ref.size(); i++) {
            Csv.Row row = rows.get(i + 1);
            assertThat(row.get(1)).isEqualTo(VerdictParser.parse(ref.get(i).get("answer").asText()).key());
            assertThat(Double.parseDouble(row.get(2))).isCloseTo(ref.get(i).get("probability").asDouble(), within(1e-5));
        }
        assertThat(r.kept()).isEqualTo(3); // high, medium, medium
    }

    @Test
    void labelMapForms() {
        assertThat(OnnxJudge.readLabelMap(Fixtures.text(dir.resolve("m.txt"), "High Quality\nMedium Quality\n\nLow Quality\n")))
                .containsExactly(Verdict.HIGH, Verdict.MEDIUM, Verdict.LOW);
        assertThat(OnnxJudge.readLabelMap(Fixtures.text(dir.resolve("m.json"), "{\"1\": \"not relevant\", \"0\": \"high\"}")))
                .containsExactly(Verdict.HIGH, Verdict.NOT_RELEVANT);
        assertThatThrownBy(() -> OnnxJudge.readLabelMap(Fixtures.text(dir.resolve("bad.json"), "[\"High\", \"Great\"]")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("class 1");
        assertThatThrownBy(() -> new OnnxJudge(RES.resolve("quality4.onnx"), "gray16",
                Fixtures.text(dir.resolve("three.json"), "[\"High\", \"Low\", \"Not Relevant\"]")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("3 classes but the model has 4 outputs");
        assertThat(new OnnxJudge(RES.resolve("quality4.onnx"), "gray16", RES.resolve("quality4.labels.json"))
                .decide(new double[] {0.1, 0.2, 0.6, 0.1})).satisfies(j -> {
                    assertThat(j.verdict()).isEqualTo(Verdict.LOW);
                    assertThat(j.score()).isEqualTo(0.6); // already probabilities: used as they are
                });
    }
}
