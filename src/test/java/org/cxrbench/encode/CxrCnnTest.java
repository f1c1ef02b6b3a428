package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Renderer;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CxrCnnTest {
    @TempDir Path dir;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void shippedWeightsAreTheOnesTheDataCardDescribes() throws Exception {
        byte[] params;
        try (var in = CxrCnn.class.getResourceAsStream(CxrCnn.RESOURCE)) {
            params = in.readAllBytes();
        }
        var card = new ObjectMapper().readTree(CxrCnn.class.getResourceAsStream(CxrCnn.CARD));
        assertThat(Hashing.ofBytes(params)).isEqualTo(card.get("weights_sha256").asText());
        assertThat(params.length).isLessThan(4_000_000);
        assertThat(card.get("command").asText()).startsWith("cxrbench encoder train");
        assertThat(card.get("held_out_auroc").get("phantom-test").get("cardiomegaly").get("auroc").asDouble()).isGreaterThan(0.9);
    }

    @Test
    void featuresAre256dDeterministicAndIndependentOfThreads() {
        CxrCnnEncoder e = (CxrCnnEncoder) Encoders.get("cxr-cnn");
        var img = Renderer.render(World.cohort("c", 0, 1, 1, 128).get(0), 128).image();
        double[] a = e.encode(img);
        assertThat(a).hasSize(256).containsExactly(e.encode(img));
        for (int i = 0; i < 10; i++) {
            Fixtures.grey8(dir.resolve("i/" + i + ".png"), 40 + i, 50, i * 11);
        }
        Manifest m = FolderReader.read(dir.resolve("i"), null);
        Features one = ImageEncoding.encode(m, e, 1, QUIET, "x");
        Features two = ImageEncoding.encode(m, e, 2, QUIET, "x");
        assertThat(two.toDoubleArray()).containsExactly(one.toDoubleArray());
    }

    @Test
    void trainingIsReproducible() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (Path out : List.of(a, b)) {
            EncoderTrainJob.run(new EncoderTrainJob.Request(List.of(), 12, 1, 8, 0.002, 3, out, "test"), QUIET);
        }
        assertThat(Files.readAllBytes(a.resolve("cxr-cnn.params"))).isEqualTo(Files.readAllBytes(b.resolve("cxr-cnn.params")));
    }
}
