package org.cxrbench.pipeline;

import org.cxrbench.fidelity.FidelityJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.FidelityMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage's content key: the same inputs' contents and settings give the same key, any change another. */
class StageKeyTest {
    @TempDir Path dir;

    static FidelityJob.AsStage stage(Path real, Path syn, int k) {
        FidelityMetrics.Options o = new FidelityMetrics.Options(new LinkedHashSet<>(List.of("fid", "precision")), k, 10, 50,
                0, 0, Fid.Route.SYMMETRIC, false);
        return new FidelityJob.AsStage(new FidelityJob.Request(real, syn, null, null, o, null, null, null, null, 10, null,
                null, "test"));
    }

    @Test
    void keyFollowsContentAndSettingsNotNames() throws Exception {
        Path a = Files.write(dir.resolve("a.npy"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("b.npy"), new byte[] {4, 5, 6});
        Path a2 = Files.copy(a, dir.resolve("copy-of-a.npy"));
        String key = stage(a, b, 5).key();
        assertThat(stage(a2, b, 5).key()).isEqualTo(key);            // renamed input: same key
        assertThat(stage(b, a, 5).key()).isNotEqualTo(key);          // roles swapped
        assertThat(stage(a, b, 3).key()).isNotEqualTo(key);          // a setting changed
        Files.write(a2, new byte[] {1, 2, 4});
        assertThat(stage(a2, b, 5).key()).isNotEqualTo(key);         // one byte changed
        // a folder input: keyed by its files' relative paths and contents
        Files.createDirectories(dir.resolve("f1/sub"));
        Files.write(dir.resolve("f1/sub/x.png"), new byte[] {9});
        Files.createDirectories(dir.resolve("f2/sub"));
        Files.write(dir.resolve("f2/sub/x.png"), new byte[] {9});
        assertThat(stage(dir.resolve("f1"), b, 5).key()).isEqualTo(stage(dir.resolve("f2"), b, 5).key());
    }
}
