package org.cxrbench.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23: {@code filter --calibrate M.csv#split} is read as every other data option reads it. */
class FilterCalibrateSplitTest {
    @TempDir Path dir;

    @Test
    void calibrateTakesOneSplitOfAManifest() {
        List<ManifestRecord> recs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path p = Fixtures.grey8(dir.resolve(String.format("i%d.png", i)), 16, 16, i);
            recs.add(ManifestRecord.builder("i" + i, p.toString()).split(i < 4 ? "train" : "test").build());
        }
        Path m = dir.resolve("m.csv");
        new Manifest(recs, dir).write(m);
        Path train = dir.resolve("m.csv#train");
        FilterJob.Request req = new FilterJob.Request(m, dir.resolve("out"), "builtin", train, null, null, null, null, "test", 1);
        req.check(); // before: "m.csv#train: not found"
        assertThat(org.cxrbench.pipeline.Inputs.images(train, null, "--calibrate").records()).extracting(ManifestRecord::id)
                .containsExactly("i0", "i1", "i2", "i3");
        assertThat(org.cxrbench.pipeline.Inputs.images(m, null, "--calibrate").size()).isEqualTo(6);
        assertThatThrownBy(() -> org.cxrbench.pipeline.Inputs.images(dir.resolve("m.csv#holdout"), null, "--calibrate"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holdout").hasMessageContaining("train");
    }
}
