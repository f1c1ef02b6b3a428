package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.PhantomImages;
import org.junit.jupiter.api.Test;

/**
 * Paths given relative to the working directory (as users type them, e.g. the README's default
 * {@code --out reports/demo}) must resolve to the right files: a manifest resolves relative paths against its own
 * folder, so creators must not store cwd-relative paths.
 */
class RelativePathsTest {
    static Path scratch(String name) throws Exception {
        Path p = Path.of("target", "relative-paths-test", name); // relative to the Maven working directory
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return p;
    }

    @Test
    void folderGivenRelativeResolvesItsImages() throws Exception {
        Path dir = scratch("folder");
        Fixtures.grey8(dir.resolve("a.png"), 8, 8, 0);
        Fixtures.grey8(dir.resolve("sub/b.png"), 8, 8, 5);
        assertThat(dir.isAbsolute()).isFalse();
        Manifest m = FolderReader.read(dir, null);
        assertThat(Files.isRegularFile(m.imagePath(0))).as(m.imagePath(0).toString()).isTrue();
        assertThat(Files.isRegularFile(m.imagePath(1))).as(m.imagePath(1).toString()).isTrue();
        // written next to the images and read back, the paths still resolve
        m.write(dir.resolve("manifest.csv"));
        Manifest back = Manifest.read(dir.resolve("manifest.csv"));
        assertThat(Files.isRegularFile(back.imagePath(1))).isTrue();
    }

    /** (The demo with a relative --out runs in {@link CommandsSmokeTest}: one demo run for the suite.) */
    @Test
    void encodeOfARelativeImageFolderRuns() throws Exception {
        Path out = scratch("phantom");
        PhantomImages.trainAndHoldout(out, 5, 64);
        Path rel = Path.of("target", "relative-paths-test", "phantom", "data", "train");
        assertThat(rel.isAbsolute()).isFalse();
        Path npy = scratch("enc").resolve("f.npy");
        assertThat(CommandsSmokeTest.run("encode", "--input", rel.toString(), "--encoder", "pixels8", "--out",
                npy.toString(), "--no-cache", "-q")).isZero();
        assertThat(org.cxrbench.encode.FeatureFiles.read(npy).n()).isEqualTo(10);
    }
}
