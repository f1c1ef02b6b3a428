package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.cxrbench.cli.Main;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.data.Csv;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labels-file judge end to end through FilterJob and the CLI: outputs, policy, idempotence, atomicity, errors. */
class LabelsFileFilterTest {
    @TempDir Path dir;

    private Path images() {
        Path in = dir.resolve("synth");
        for (int i = 0; i < 6; i++) {
            Fixtures.grey8(in.resolve("img" + i + ".png"), 16, 16, i * 10);
        }
        return in;
    }

    private FilterJob.Request request(Path in, Path labels, Path out, String images) {
        return new FilterJob.Request(in, out, "labels-file", null, null, FilterWriter.Images.parse(images),
                FilterJob.JudgeSettings.defaults().withLabels(labels), null, "test", 2);
    }

    @Test
    void writesKeptSetJudgementsAndSummary() throws Exception {
        Path in = images();
        Path labels = Fixtures.text(dir.resolve("labels.csv"), "image,verdict\n"
                + "img0.png,High Quality.\nimg1.png,**low quality**\nimg2.png,Not relevant to the description\n"
                + "img3.png,medium\nimg4.png,The image is of High Quality\nimg5.png,\"{\"\"verdict\"\": \"\"Low Quality\"\"}\"\n");
        Path out = dir.resolve("out");
        FilterJob.Result r = FilterJob.run(request(in, labels, out, "link"), System.err);
        assertThat(r.kept()).isEqualTo(3);
        assertThat(r.removed()).isEqualTo(3);
        assertThat(r.counts()).containsEntry("high", 2).containsEntry("medium", 1).containsEntry("low", 2)
                .containsEntry("not-relevant", 1);
        Manifest kept = Manifest.read(out.resolve("manifest.csv"));
        assertThat(kept.records()).extracting(x -> x.id()).containsExactly("img0.png", "img3.png", "img4.png");
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.imagePath(i)).startsWith(out.resolve("images").toAbsolutePath()).exists();
            assertThat(Files.mismatch(kept.imagePath(i), in.resolve(kept.get(i).id()))).isEqualTo(-1L);
        }
        List<Csv.Row> js = Csv.read(out.resolve("judgements.csv"));
        assertThat(js.get(0).fields().subList(0, 5)).containsExactly("image", "verdict", "score", "reason", "judge");
        assertThat(js).hasSize(7);
        assertThat(js.get(2).fields().subList(0, 2)).containsExactly("img1.png", "low");
        assertThat(js.get(3).get(1)).isEqualTo("not-relevant");
        assertThat(js.get(1).get(4)).isEqualTo("labels-file");
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("kept").asInt()).isEqualTo(3);
        assertThat(s.get("removed").asInt()).isEqualTo(3);
        assertThat(s.at("/counts/not-relevant").asInt()).isEqualTo(1);
        assertThat(s.at("/policy/remove").toString()).isEqualTo("[\"low\",\"not-relevant\"]");
        assertThat(s.at("/metrics/kept/direction").asText()).isEqualTo("higher");
        assertThat(s.at("/metrics/removed/direction").asText()).isEqualTo("lower");
        assertThat(s.at("/provenance/inputs/labels").asText()).startsWith("sha256:");
        assertThat(s.at("/judge/name").asText()).isEqualTo("labels-file");

        // a second run with the same inputs changes nothing (same files, same modification times)
        FileTime before = Files.getLastModifiedTime(out.resolve("summary.json"));
        String judgements = Files.readString(out.resolve("judgements.csv"));
        FilterJob.Result again = FilterJob.run(request(in, labels, out, "link"), System.err);
        assertThat(again.upToDate()).isTrue();
        assertThat(Files.getLastModifiedTime(out.resolve("summary.json"))).isEqualTo(before);
        assertThat(Files.readString(out.resolve("judgements.csv"))).isEqualTo(judgements);

        // another policy replaces the folder as a whole
        FilterJob.Request keepLow = new FilterJob.Request(in, out, "labels-file", null,
                FilterJob.parseRemove("not-relevant"), FilterWriter.Images.NONE,
                FilterJob.JudgeSettings.defaults().withLabels(labels), null, "test", 1);
        FilterJob.Result r2 = FilterJob.run(keepLow, System.err);
        assertThat(r2.kept()).isEqualTo(5);
        assertThat(out.resolve("images")).doesNotExist();
        Manifest kept2 = Manifest.read(out.resolve("manifest.csv"));
        assertThat(kept2.imagePath(0)).isEqualTo(in.resolve("img0.png").toAbsolutePath());
    }

    @Test
    void aKilledRunLeavesNoHalfWrittenSetAndTheNextRunCleansUp() throws Exception {
        Path in = images();
        Path labels = Fixtures.text(dir.resolve("v.jsonl"), "{\"image\": \"img0.png\", \"verdict\": \"High Quality\"}\n"
                + "{\"image\": \"img1.png\", \"verdict\": \"Low Quality\"}\n\n{\"image\": \"img2\", \"verdict\": \"medium\"}\n"
                + "{\"image\": \"img3.png\", \"verdict\": \"Not Relevant\"}\n{\"image\": \"img4.png\", \"verdict\": \"high\"}\n"
                + "{\"image\": \"img5.png\", \"verdict\": \"High Quality.\"}\n");
        Path out = dir.resolve("out");
        // what a kill during writing leaves: a partial folder beside the output, no output folder
        Path partial = Files.createDirectories(dir.resolve(".out.partial-123"));
        Files.writeString(partial.resolve("manifest.csv"), "id,path\n");
        assertThatThrownBy(() -> FilterJob.run(request(in, labels, out, "none"), System.err))
                .isInstanceOf(BadInputException.class).hasMessageContaining("v.jsonl:4").hasMessageContaining("img2");
        assertThat(out).doesNotExist();
        Fixtures.text(labels, Files.readString(labels).replace("\"img2\"", "\"img2.png\""));
        FilterJob.Result r = FilterJob.run(request(in, labels, out, "copy"), System.err);
        assertThat(r.kept()).isEqualTo(4);
        assertThat(partial).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out."))).isEmpty();
        }
        assertThat(Files.isSameFile(out.resolve("images").resolve("000000_img0.png"), in.resolve("img0.png"))).isFalse();
    }

    @Test
    void badLabelsNameTheRow() {
        Path in = images();
        Path out = dir.resolve("out");
        String ok = "img1.png,low\nimg2.png,low\nimg3.png,low\nimg4.png,low\nimg5.png,low\n";
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("a.csv"),
                "image,verdict\nimg0.png,High or Medium Quality\n" + ok), out, "none"), System.err))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a.csv:2").hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("b.csv"),
                "image,verdict\nimg0.png,\n" + ok), out, "none"), System.err))
                .hasMessageContaining("b.csv:2").hasMessageContaining("empty answer");
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("c.csv"),
                "image,verdict\n" + ok), out, "none"), System.err))
                .hasMessageContaining("c.csv").hasMessageContaining("no verdict for image 'img0.png'");
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("d.csv"),
                "image,verdict\nimg0.png,high\nnope.png,high\n" + ok), out, "none"), System.err))
                .hasMessageContaining("d.csv:3").hasMessageContaining("not in the input");
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("e.csv"),
                "image,answer\nimg0.png,high\n"), out, "none"), System.err))
                .hasMessageContaining("e.csv:1").hasMessageContaining("missing column verdict");
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("f.csv"),
                "image,verdict\nimg0.png,high\nimg0.png,low\n" + ok), out, "none"), System.err))
                .hasMessageContaining("f.csv:3").hasMessageContaining("already has a verdict");
        assertThat(out).doesNotExist();
        // a folder that is not a filter output is never replaced
        Fixtures.text(dir.resolve("precious").resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> FilterJob.run(request(in, Fixtures.text(dir.resolve("g.csv"), "image,verdict\nimg0.png,high\n" + ok),
                dir.resolve("precious"), "none"), System.err)).hasMessageContaining("not the output of a filter run");
    }

    @Test
    void cliRunsTheCommandAndMapsBadInputToExitTwo() {
        Path in = images();
        Path labels = Fixtures.text(dir.resolve("l.csv"), "image,verdict\nimg0.png,High\nimg1.png,Low\nimg2.png,Medium\n"
                + "img3.png,High\nimg4.png,High\nimg5.png,Not Relevant\n");
        assertThat(Main.execute("filter", "--input", in.toString(), "--judge", "labels-file", "--labels", labels.toString(),
                "--out", dir.resolve("o").toString(), "--no-cache", "-q")).isEqualTo(Main.OK);
        assertThat(dir.resolve("o").resolve("manifest.csv")).exists();
        assertThat(Main.execute("filter", "--input", in.toString(), "--judge", "labels-file",
                "--out", dir.resolve("o2").toString(), "-q")).isEqualTo(Main.BAD_INPUT);
        assertThat(Main.execute("filter", "--input", in.toString(), "--judge", "magic", "--labels", labels.toString(),
                "--out", dir.resolve("o3").toString(), "-q")).isEqualTo(Main.BAD_INPUT);
        assertThat(Main.execute("filter", "--input", in.toString(), "--judge", "labels-file", "--labels", labels.toString(),
                "--remove", "bad", "--out", dir.resolve("o4").toString(), "-q")).isEqualTo(Main.BAD_INPUT);
    }
}
