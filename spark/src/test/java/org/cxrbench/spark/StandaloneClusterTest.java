package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on 127.0.0.1: Spark's own Master and two Workers (one core each) as separate
 * JVMs started from the Maven jars, executors launched by the workers. A privacy job and an encoding job are
 * compared with the local engine; one worker is killed in the middle of a job and the result must not change.
 */
class StandaloneClusterTest {
    static final long DEFAULT_BLOCK = SparkEngine.blockBytes;
    static LoopbackCluster cluster;
    @TempDir static Path home;

    @BeforeAll
    static void startCluster() throws Exception {
        System.setProperty("cxrbench.spark.executorMemory", "1g");
        // executors are separate JVMs started by the workers: slow on a loaded test machine
        System.setProperty("cxrbench.spark.executorWaitSeconds", "180");
        cluster = SparkTests.startOrSkip("a loopback standalone cluster", () -> new LoopbackCluster(home, 2, 1, "1200m"));
    }

    @AfterAll
    static void stopCluster() {
        System.clearProperty("cxrbench.spark.executorMemory");
        System.clearProperty("cxrbench.spark.executorWaitSeconds");
        if (cluster != null) {
            cluster.close();
        }
    }

    static SparkEngine engine() throws InterruptedException {
        return cluster.engine(quiet());
    }

    static java.io.PrintStream quiet() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }

    @Test
    void privacyOnTheClusterEqualsTheLocalEngineEvenWhenAWorkerIsKilledMidJob() throws Exception {
        Features train = SparkEquivalenceTest.gaussian(6000, 64, 0.0, 41);
        double[] synValues = SparkEquivalenceTest.gaussian(1500, 64, 0.05, 42).toDoubleArray();
        double[] trainValues = train.toDoubleArray();
        for (int i = 0; i < 40; i++) {
            System.arraycopy(trainValues, (i * 13) * 64, synValues, i * 64, 64);
        }
        Features syn = new Features(1500, 64, synValues);
        Features hold = SparkEquivalenceTest.gaussian(800, 64, 0.0, 43);
        PrivacyMetrics.Result local = PrivacyMetrics.compute(train, syn, hold, PrivacyMetrics.Options.defaults());
        SparkEngine.blockBytes = 8L * 64 * 250; // 24 reference blocks: many tasks, so a kill lands mid-job
        try (SparkEngine spark = engine()) {
            PrivacyMetrics.Result plain = PrivacyMetrics.compute(new PrivacyMetrics.Reference(train, hold, spark), syn, PrivacyMetrics.Options.defaults(), null);
            assertThat(plain.dcr()).containsExactly(local.dcr());
            assertThat(plain.nnTrainIndex()).containsExactly(local.nnTrainIndex());
            assertThat(plain.stats()).isEqualTo(local.stats());

            // kill worker 2 (and its executor) when the third task of the next job has finished
            AtomicBoolean killed = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (ended.incrementAndGet() == 3 && killed.compareAndSet(false, true)) {
                        cluster.killWorker(1);
                    }
                }
            });
            PrivacyMetrics.Result afterKill = PrivacyMetrics.compute(new PrivacyMetrics.Reference(train, hold, spark), syn, PrivacyMetrics.Options.defaults(), null);
            assertThat(killed).as("a worker was killed during the job").isTrue();
            assertThat(cluster.aliveWorkers()).isEqualTo(1);
            assertThat(afterKill.dcr()).containsExactly(local.dcr());
            assertThat(afterKill.nnTrainIndex()).containsExactly(local.nnTrainIndex());
            assertThat(afterKill.nndr()).containsExactly(local.nndr());
            assertThat(afterKill.memorized()).containsExactly(local.memorized());
            assertThat(afterKill.stats()).isEqualTo(local.stats());
        } finally {
            SparkEngine.blockBytes = DEFAULT_BLOCK;
        }
    }

    @Test
    void encodingOnTheClusterFillsTheCacheWithTheLocalFeatures(@TempDir Path dir) throws Exception {
        Random r = new Random(9);
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 24; i++) {
            float[] px = new float[64 * 64];
            for (int j = 0; j < px.length; j++) {
                px[j] = (float) (0.5 + 0.3 * Math.sin(j * 0.01 * (i + 1)) + 0.1 * r.nextGaussian());
                px[j] = Math.max(0, Math.min(1, px[j]));
            }
            ImageWriter.png8(new GreyImage(64, 64, px, 8), images.resolve("cxr" + i + ".png"));
        }
        Manifest m = FolderReader.read(images, null);
        Encoder enc = Encoders.get("cxr-cnn");
        Features plain = ImageEncoding.encode(m, enc, 2, quiet(), "test");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        try (SparkEngine spark = engine()) {
            spark.encodeIntoCache(m, "cxr-cnn", cache, 1, quiet());
        }
        // every row now comes from the cache, with the bits of a local encoding
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Features fromCache = ImageEncoding.encode(m, enc, 1, new java.io.PrintStream(log), "test", cache);
        assertThat(log.toString()).contains("24 of 24 images' features from the cache");
        assertThat(fromCache.toDoubleArray()).containsExactly(plain.toDoubleArray());
    }
}
