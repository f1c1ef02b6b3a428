package org.cxrbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closest pairs: ranked by distance (hand-made one-dimensional features whose nearest neighbours are known),
 * kept in results.json by id and found again by id, and drawn with the distance written beside each pair.
 */
class ClosestPairsTest {
    @TempDir Path dir;

    static Manifest folder(Path dir, int n, float base) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            float[] p = new float[32 * 32];
            java.util.Arrays.fill(p, base + 0.1f * i);
            ImageWriter.png8(new GreyImage(32, 32, p, 8), dir.resolve("img" + i + ".png"));
        }
        return FolderReader.read(dir, null);
    }

    @Test
    void closestFirstByIdAndWrittenOnTheSheet() throws Exception {
        Manifest train = folder(dir.resolve("train"), 4, 0.1f);
        Manifest syn = folder(dir.resolve("syn"), 3, 0.5f);
        // training rows at 0, 10, 20, 30; synthetic rows at 21 (-> 20, d 1), 9.5 (-> 10, d 0.5), 33 (-> 30, d 3)
        Features ft = Features.of(new double[][] {{0}, {10}, {20}, {30}});
        Features fs = Features.of(new double[][] {{21}, {9.5}, {33}});
        PrivacyMetrics.Result r = PrivacyMetrics.compute(ft, fs, null, new PrivacyMetrics.Options(0.05, 1, 0.5));
        List<ClosestPairs.Pair> pairs = ClosestPairs.closest(r, train, syn, 2);
        assertThat(pairs).extracting(ClosestPairs.Pair::dcr).containsExactly(0.5, 1.0);
        assertThat(pairs).extracting(ClosestPairs.Pair::syntheticId).containsExactly(syn.get(1).id(), syn.get(0).id());
        assertThat(pairs).extracting(ClosestPairs.Pair::trainId).containsExactly(train.get(1).id(), train.get(2).id());
        // the results.json block finds the same images again by id
        List<ClosestPairs.Pair> back = ClosestPairs.fromStored(ClosestPairs.stored(pairs), train, syn);
        assertThat(back).isEqualTo(pairs);
        assertThat(ClosestPairs.fromStored(null, train, syn)).isEmpty();
        // the sheet: two rows of two 32 px tiles; the text column carries ink (the distances), the tiles their grey
        BufferedImage s = ClosestPairs.sheet(pairs, 32);
        int textX = 3 * 6 + 2 * 32;
        int ink = 0;
        for (int y = 0; y < s.getHeight(); y++) {
            for (int x = textX; x < s.getWidth(); x++) {
                ink += (s.getRaster().getSample(x, y, 0) < 128) ? 1 : 0;
            }
        }
        assertThat(ink).isGreaterThan(100);
        assertThat(s.getRaster().getSample(6 + 16, 20 + 16, 0)).isEqualTo(Math.round((0.5f + 0.1f) * 255));
        Path png = dir.resolve("sheet.png");
        ClosestPairs.write(png, pairs, 32);
        assertThat(Files.readAllLines(dir.resolve("sheet.png.csv"))).hasSize(3)
                .element(1).asString().startsWith("0," + syn.get(1).id() + "," + train.get(1).id() + ",0.5");
    }
}
