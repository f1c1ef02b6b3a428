package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.cxrbench.pipeline.Stage;
import org.cxrbench.pipeline.config.ConfigReader;
import org.cxrbench.pipeline.config.RunConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fidelity stages' cache keys are pinned: the hex keys below were computed on main (b42541d) before the metric
 * parameters became a typed record, so a change to how the settings are built that changes a key (and silently
 * invalidates every user's cache) fails here.
 */
class FidelityStageKeyPinTest {
    @TempDir Path dir;

    static FidelityMetrics.Options options(int bootstrap, boolean inclusive) {
        return new FidelityMetrics.Options(new LinkedHashSet<>(List.of("fid", "kid", "precision", "fid_inf")), 3, 7, 40,
                bootstrap, 11, Fid.Route.SYMMETRIC, inclusive, "lcg", 25);
    }

    @Test
    void theFidelityCommandsStageKeyIsUnchanged() throws Exception {
        Path a = Files.write(dir.resolve("a.npy"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("b.npy"), new byte[] {4, 5, 6});
        FidelityJob.AsStage plain = new FidelityJob.AsStage(new FidelityJob.Request(a, b, null, null, options(0, false),
                null, null, null, null, 10, null, null, "test"));
        FidelityJob.AsStage boot = new FidelityJob.AsStage(new FidelityJob.Request(a, b, "dinov2", java.util.Set.of("fid"),
                options(20, true), null, null, null, null, 100, null, null, "test"));
        assertThat(plain.key()).isEqualTo("sha256:3007228f50e60758da2d487c5e64490864cacd947685e13ec23b8968f06a5cb0");
        assertThat(boot.key()).isEqualTo("sha256:c859c1ea1df4dc9a7fdcdcb45a1f0eabc86cb90635c876cef26f1992c927aad6");
    }

    @Test
    void theConfigRunsFidelityStageKeyIsUnchanged() {
        String yaml = "real:\n  train: {phantom: {patients: 10, size: 64}}\n  holdout: {phantom: {patients: 10, size: 64, seed: 1}}\n"
                + "generators: [faithful]\nseed: 3\nmetrics:\n  fidelity:\n    metrics: [fid, kid, precision, recall]\n    bootstrap: 20\n";
        RunConfig cfg = ConfigReader.parse(ConfigReader.tree(yaml, "c.yaml"), dir, "c.yaml", "sha256:x");
        FidelityStages f = new FidelityStages(cfg, null, null, null);
        Object s = f.settings(FidelityStages.forSizes(options(20, true), 100, 30));
        assertThat(Stage.key("fidelity", s, Map.of("real", "r", "synthetic", "s"))).isEqualTo("sha256:612828e9c20ec5594c5f70d8524617923c2a60133c596fd5e8a33ba27561dc16");
    }
}
