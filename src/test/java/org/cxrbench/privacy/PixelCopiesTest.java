package org.cxrbench.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.encode.PixelEncoder;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pixel-identical copies: found through the pixel features, confirmed on the full decoded pixels. */
class PixelCopiesTest {
    @TempDir
    Path dir;

    @Test
    void countsExactlyTheSyntheticImagesWithAPixelIdenticalTrainingImage() throws Exception {
        for (int k = 0; k < 4; k++) {
            Fixtures.grey8(dir.resolve("train/t" + k + ".png"), 64, 48, 10 * k);
        }
        // synthetic: two exact copies (of t1 and t3, under other names), a copy of t2 with one pixel one level
        // brighter (not identical), a copy at another size, and an unrelated image
        Fixtures.grey8(dir.resolve("syn/a.png"), 64, 48, 10);
        Fixtures.grey8(dir.resolve("syn/b.png"), 64, 48, 30);
        BufferedImage near = javax.imageio.ImageIO.read(Fixtures.grey8(dir.resolve("syn/c.png"), 64, 48, 20).toFile());
        near.getRaster().setSample(5, 7, 0, near.getRaster().getSample(5, 7, 0) + 1);
        Fixtures.write(near, dir.resolve("syn/c.png"));
        Fixtures.grey8(dir.resolve("syn/d.png"), 64, 49, 10);
        Fixtures.grey8(dir.resolve("syn/e.png"), 64, 48, 5);
        Manifest train = FolderReader.read(dir.resolve("train"), null);
        Manifest syn = FolderReader.read(dir.resolve("syn"), null);
        PixelEncoder enc = new PixelEncoder(32);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        Features ft = ImageEncoding.encode(train, enc, 2, quiet, "train");
        Features fs = ImageEncoding.encode(syn, enc, 2, quiet, "synthetic");
        assertThat(PixelCopies.identicalCopies(train, ft, syn, fs)).isEqualTo(2);
        // the changed pixel (5, 7) lies outside the 48 x 48 centre crop, so the near copy's features equal t2's:
        // only the full-pixel comparison keeps it out of the count
        assertThat(syn.get(2).id()).contains("c");
        assertThat(java.util.Arrays.equals(java.util.Arrays.copyOfRange(fs.toDoubleArray(), 2 * 1024, 3 * 1024),
                java.util.Arrays.copyOfRange(ft.toDoubleArray(), 2 * 1024, 3 * 1024))).isTrue();
        // the same count as comparing every synthetic image's pixels with every training image's
        java.util.Set<String> trainPixels = new java.util.HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            trainPixels.add(PixelCopies.pixelHash(org.cxrbench.data.ImageDecoder.decode(train.imagePath(i))));
        }
        long brute = 0;
        for (int i = 0; i < syn.size(); i++) {
            brute += trainPixels.contains(PixelCopies.pixelHash(org.cxrbench.data.ImageDecoder.decode(syn.imagePath(i)))) ? 1 : 0;
        }
        assertThat(brute).isEqualTo(2);
    }
}
