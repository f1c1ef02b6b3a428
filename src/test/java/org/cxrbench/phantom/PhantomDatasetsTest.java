package org.cxrbench.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Written phantom outputs: a mask-conditioned output's manifest row names the mask it follows, bit for bit. */
class PhantomDatasetsTest {
    @TempDir Path dir;

    @Test
    void maskConditionedOutputsCarryTheirConditioningMask() {
        List<Study> train = World.cohort("t-", 0, 3, 1, 32);
        List<Generators.Output> outs = Generators.generate("mask-conditioned", train, 32, 0);
        Manifest m = Manifest.read(PhantomDatasets.writeOutputs(outs, dir.resolve("mc"), "mask-conditioned")
                .baseDir().resolve("manifest.csv"));
        assertThat(m.size()).isEqualTo(3);
        for (int i = 0; i < m.size(); i++) {
            Path mask = m.resolve(m.get(i).masks().get("lungs_heart"));
            assertThat(mask).startsWith(dir.resolve("mc-masks"));
            GreyImage g = ImageDecoder.decode(mask);
            byte[] want = outs.get(i).conditionMask();
            int ones = 0;
            for (int p = 0; p < want.length; p++) {
                assertThat(Math.round(g.pixels()[p])).isEqualTo((int) want[p]);
                ones += want[p];
            }
            assertThat(ones).isPositive();
        }
        List<Generators.Output> plain = Generators.generate("faithful", train, 32, 0);
        assertThat(PhantomDatasets.writeOutputs(plain, dir.resolve("f"), "faithful").get(0).masks()).isEmpty();
    }
}
