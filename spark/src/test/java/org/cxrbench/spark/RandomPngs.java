package org.cxrbench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;

/** Test images for the engine's encoding tests: seeded random grey PNGs and two of the same (black) content. */
final class RandomPngs {
    private RandomPngs() {}

    /** {@code count} random {@code side} x {@code side} PNGs (img0.png ...) plus dup0.png and dup1.png: their manifest. */
    static Manifest write(Path folder, int count, int side, long seed) throws java.io.IOException {
        Files.createDirectories(folder);
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            float[] px = new float[side * side];
            for (int j = 0; j < px.length; j++) {
                px[j] = r.nextInt(256) / 255f;
            }
            ImageWriter.png8(new GreyImage(side, side, px, 8), folder.resolve("img" + i + ".png"));
        }
        ImageWriter.png8(new GreyImage(side, side, new float[side * side], 8), folder.resolve("dup0.png"));
        ImageWriter.png8(new GreyImage(side, side, new float[side * side], 8), folder.resolve("dup1.png")); // same content
        return FolderReader.read(folder, null);
    }
}
