package org.cxrbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validate run gives the same bits at 1 and 2 threads, with and without the feature cache, cold or warm (every
 * image encoded once per encoder, repeated images taken from memory, verdicts of repeated images reused): on the
 * phantom world's images (no ../shared), with a pixel encoder and the builtin judge, over pixel flaws and the
 * set-level flaws that keep holdout images.
 */
class ValidateThreadsTest {
    @TempDir Path dir;

    @Test
    void sameResultsAtAnyThreadCountAndCacheState() throws Exception {
        Manifest m = PhantomDatasets.writeStudies(World.cohort("real-", 3, 30, 2, 64), 64, dir.resolve("real"), "real");
        Path real = dir.resolve("real").resolve("manifest.csv");
        m.write(real);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        JsonNode one = run(real, 1, null, "t1");
        JsonNode cold = run(real, 2, cache, "t2cold");
        JsonNode warm = run(real, 2, cache, "t2warm");
        for (String key : List.of("results", "verdicts", "filter", "recommendations")) {
            assertThat(cold.get(key)).as(key + ": 2 threads, cold cache vs 1 thread, no cache").isEqualTo(one.get(key));
            assertThat(warm.get(key)).as(key + ": warm cache vs 1 thread, no cache").isEqualTo(one.get(key));
        }
        assertThat(Files.readString(dir.resolve("t2warm/validate.csv"))).isEqualTo(Files.readString(dir.resolve("t1/validate.csv")));
        assertThat(one.get("results").size()).isGreaterThan(0);
        assertThat(one.get("filter").get("flagged").size()).isEqualTo(5 * (Flaw.STRENGTHS + 1));
    }

    private JsonNode run(Path real, int threads, FeatureCache cache, String out) throws Exception {
        ValidateJob.run(new ValidateJob.Request(real, List.of("pixels16"), "fid,recall,dcr_median", "builtin",
                "noise,gamma,memorize,mode-collapse,off-topic", 5, 20, 0.02, dir.resolve(out), cache, "test", threads),
                new PrintStream(OutputStream.nullOutputStream()));
        return new ObjectMapper().readTree(dir.resolve(out).resolve("validate.json").toFile());
    }
}
