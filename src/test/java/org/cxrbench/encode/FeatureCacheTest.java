package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    @TempDir Path dir;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Counts how many images it really encodes. */
    static final class Counting implements Encoder {
        final Encoder inner = new PixelEncoder(4);
        final AtomicInteger calls = new AtomicInteger();

        public String name() { return "counting"; }
        public int dimension() { return inner.dimension(); }
        public String fingerprint() { return "counting;" + inner.fingerprint(); }
        public double[] encode(GreyImage g) {
            calls.incrementAndGet();
            return inner.encode(g);
        }
    }

    Manifest images(int n) {
        for (int i = 0; i < n; i++) {
            Fixtures.grey8(dir.resolve("img/" + String.format("%04d", i) + ".png"), 16, 12, i * 7);
        }
        return FolderReader.read(dir.resolve("img"), null).withImageHashes();
    }

    @Test
    void resumesFromCompleteShardsAndGivesIdenticalFeatures() {
        Manifest m = images(30);
        Features plain = ImageEncoding.encode(m, new PixelEncoder(4), 1, QUIET, "x");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        // a run killed after encoding the first 12 images: one complete shard of 12 rows
        Counting first = new Counting();
        Manifest head = new Manifest(m.records().subList(0, 12), m.baseDir());
        ImageEncoding.encode(head, first, 2, QUIET, "x", cache);
        assertThat(first.calls.get()).isEqualTo(12);
        // and a half-written shard left behind: an .npy without its .keys, plus a temp file
        Path folder = cache.dir(first.fingerprint());
        Fixtures.text(folder.resolve("shard-dead.npy"), "garbage");
        Fixtures.text(folder.resolve(".shard-x.npy.123.tmp"), "garbage");
        Counting second = new Counting();
        Features resumed = ImageEncoding.encode(m, second, 2, QUIET, "x", cache);
        assertThat(second.calls.get()).as("only the missing images are encoded").isEqualTo(18);
        assertThat(resumed.toDoubleArray()).containsExactly(plain.toDoubleArray());
        Counting third = new Counting();
        assertThat(ImageEncoding.encode(m, third, 1, QUIET, "x", cache).toDoubleArray()).containsExactly(plain.toDoubleArray());
        assertThat(third.calls.get()).isZero();
        var r = cache.gc(false);
        assertThat(r.get("removed_files")).isEqualTo(2L);
        assertThat(cache.list().get(0).entries()).isEqualTo(30L);
        assertThat(cache.list().get(0).shards()).isEqualTo(1);
        assertThat(ImageEncoding.encode(m, new Counting(), 1, QUIET, "x", cache).toDoubleArray()).containsExactly(plain.toDoubleArray());
    }

    @Test
    void aCorruptImageLeavesTheCacheUntouched() {
        for (int i = 0; i < 1100; i++) {
            Fixtures.grey8(dir.resolve("img/" + String.format("%05d", i) + ".png"), 8, 8, i % 200);
        }
        Fixtures.text(dir.resolve("img/99999.png"), "not an image"); // last in file order: fails after a full chunk
        Manifest m = FolderReader.read(dir.resolve("img"), null);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageEncoding.encode(m, new PixelEncoder(4), 2, QUIET, "x", cache))
                .isInstanceOf(org.cxrbench.common.BadInputException.class).hasMessageContaining("99999.png");
        assertThat(cache.list().isEmpty() || cache.list().get(0).entries() == 0L).isTrue();
    }

    @Test
    void damagedShardIsIgnoredAndImagesReencoded() throws Exception {
        Manifest m = images(5);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        Counting c = new Counting();
        Features a = ImageEncoding.encode(m, c, 1, QUIET, "x", cache);
        Path folder = cache.dir(c.fingerprint());
        List<Path> npys = new ArrayList<>();
        try (var s = Files.list(folder)) {
            s.filter(p -> p.toString().endsWith(".npy")).forEach(npys::add);
        }
        Fixtures.truncate(npys.get(0), 40);
        Counting again = new Counting();
        assertThat(ImageEncoding.encode(m, again, 1, QUIET, "x", cache).toDoubleArray()).containsExactly(a.toDoubleArray());
        assertThat(again.calls.get()).isEqualTo(5);
    }

    @Test
    void featuresDoNotDependOnThreadsOrCacheAndDifferentEncodersDoNotMix() {
        Manifest m = images(9);
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        Features one = ImageEncoding.encode(m, new PixelEncoder(4), 1, QUIET, "x");
        Features two = ImageEncoding.encode(m, new PixelEncoder(4), 2, QUIET, "x", cache);
        assertThat(two.toDoubleArray()).containsExactly(one.toDoubleArray());
        Features other = ImageEncoding.encode(m, new PixelEncoder(3), 2, QUIET, "x", cache);
        assertThat(other.d()).isEqualTo(9);
        assertThat(cache.list()).hasSize(2);
    }
}
