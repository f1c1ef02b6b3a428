package org.cxrbench.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own model (here a tiny ONNX network) can supply the embeddings of the same-patient verifier. */
class ReidEncoderTest {
    @TempDir Path dir;

    @Test
    void reidEncoderIsUsedAndRecorded() throws Exception {
        var train = World.cohort("t", 0, 30, 2, 64);
        PhantomDatasets.writeStudies(train, 64, dir.resolve("train"), "train");
        PhantomDatasets.writeStudies(World.cohort("s", 1, 20, 1, 64), 64, dir.resolve("syn"), "");
        Path onnx = Path.of(ReidEncoderTest.class.getResource("/onnx/tokens224.onnx").toURI());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        org.cxrbench.pipeline.RunContext ctx = new org.cxrbench.pipeline.RunContext(null, 1, quiet, quiet);
        org.cxrbench.common.Evaluation e = PrivacyJob.run(new PrivacyJob.Request(dir.resolve("train/manifest.csv"),
                dir.resolve("syn/manifest.csv"), null, "pixels8", null, PrivacyMetrics.Options.defaults(), 0.9, 0, null,
                null, null, onnx + "@dinov2", "test"), ctx).evaluation();
        assertThat(e.blocks().reid().validationAuc()).isNotNull();
        assertThat(e.provenance().settings().get("reid_encoder")).startsWith("onnx;model=sha256:");
        // feature files carry no images: a re-id encoder cannot be applied to them
        Path f = dir.resolve("f.npy");
        org.cxrbench.encode.FeatureFiles.writeNpy(f, new org.cxrbench.linalg.Features(4, 2, new double[8]));
        assertThatThrownBy(() -> PrivacyJob.run(new PrivacyJob.Request(f, f, null, null, null,
                PrivacyMetrics.Options.defaults(), 0.9, 0, null, null, null, onnx + "@dinov2", "test"),
                new org.cxrbench.pipeline.RunContext(null, 1, quiet, quiet)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--reid-encoder");
    }
}
