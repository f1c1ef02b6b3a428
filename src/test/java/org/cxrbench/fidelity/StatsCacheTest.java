package org.cxrbench.fidelity;

import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.RunContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics cached on disk by content give the same doubles as computing them. */
class StatsCacheTest {
    @TempDir Path dir;

    @Test
    void secondRunReadsTheSameStatistics() {
        Random r = new Random(5);
        double[] x = new double[300 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        Path f = dir.resolve("real.npy");
        FeatureFiles.writeNpy(f, new Features(300, 7, x));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        RunContext ctx = new RunContext(new FeatureCache(dir.resolve("cache")), 1, new PrintStream(log, true), none);
        Inputs.Loaded in = Inputs.load(ctx, f, null, "real", null);
        GaussianStats first = StatsCache.of(in, ctx).gaussian();
        assertThat(log.toString()).doesNotContain("from the cache");
        SetStats second = StatsCache.of(in, ctx);
        assertThat(log.toString()).contains("from the cache");
        assertThat(second.gaussian().mean()).isEqualTo(first.mean());
        assertThat(second.gaussian().cov()).isEqualTo(first.cov());
        assertThat(second.gaussian().cov()).isEqualTo(GaussianStats.of(in.features()).cov());
    }
}
