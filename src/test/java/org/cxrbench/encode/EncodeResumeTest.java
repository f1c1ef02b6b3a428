package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cxrbench.data.Fixtures;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.Manifest;
import org.cxrbench.linalg.Features;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encode stopped by SIGTERM keeps the features it finished (a shard every {@link ImageEncoding#FLUSH_IMAGES}
 * images or {@link ImageEncoding#FLUSH_SECONDS} s), and the resumed run encodes only the rest and gives the same
 * bits as an uncached run (issue 11, item 10: with 1,024-image shards, 420 images stopped at 12 s kept nothing).
 */
class EncodeResumeTest {
    @TempDir Path dir;

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final int IMAGES = 400;
    /** The child's encoder blocks from this image on, so the run is stopped part-way. */
    static final int BLOCK_AFTER = 300;

    /** Pixel features under a test fingerprint; counts its calls; blocks forever after {@code blockAfter} calls. */
    static final class Gate implements Encoder {
        final Encoder inner = new PixelEncoder(4);
        final AtomicInteger calls = new AtomicInteger();
        final int blockAfter;

        Gate(int blockAfter) {
            this.blockAfter = blockAfter;
        }

        public String name() { return "resume-test"; }
        public int dimension() { return inner.dimension(); }
        public String fingerprint() { return "resume-test;" + inner.fingerprint(); }
        public double[] encode(GreyImage g) {
            if (calls.incrementAndGet() > blockAfter) {
                if (calls.get() == blockAfter + 1) {
                    System.out.println("blocked");
                    System.out.flush();
                }
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.encode(g);
        }
    }

    static Manifest images(Path folder) {
        return FolderReader.read(folder, null).withImageHashes();
    }

    @Test
    void aStoppedEncodeKeepsItsFinishedShardsAndTheResumeIsBitIdentical() throws Exception {
        for (int i = 0; i < IMAGES; i++) {
            // distinct content for every image (equal images share a cache entry): offsets i * 7 mod 256 differ
            // within each 256 images, and the width changes from one 256 to the next
            Fixtures.grey8(dir.resolve("img/" + String.format("%04d", i) + ".png"), 16 + i / 256, 12, i * 7);
        }
        Path cacheDir = dir.resolve("cache");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                dir.resolve("img").toString(), cacheDir.toString())).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = r.readLine();
            } while (line != null && !line.equals("blocked"));
            assertThat(line).as("the child reached the blocking image").isEqualTo("blocked");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(143);
        Manifest m = images(dir.resolve("img"));
        FeatureCache cache = new FeatureCache(cacheDir);
        Gate resumed = new Gate(Integer.MAX_VALUE);
        // steps of 64 images: the shard of the first 256 was written; the step holding image 300 never finished
        assertThat(cache.load(resumed.fingerprint(), resumed.dimension())).hasSize(ImageEncoding.FLUSH_IMAGES);
        Features again = ImageEncoding.encode(m, resumed, 2, QUIET, "x", cache);
        assertThat(resumed.calls.get()).isEqualTo(IMAGES - ImageEncoding.FLUSH_IMAGES);
        Features plain = ImageEncoding.encode(m, new PixelEncoder(4), 1, QUIET, "x");
        assertThat(again.toDoubleArray()).isEqualTo(plain.toDoubleArray());
    }

    /** Child process: encodes the folder into the cache with an encoder that blocks after {@link #BLOCK_AFTER}. */
    public static final class Child {
        public static void main(String[] args) {
            ImageEncoding.encode(images(Path.of(args[0])), new Gate(BLOCK_AFTER), 2, QUIET, "x",
                    new FeatureCache(Path.of(args[1])));
        }
    }
}
