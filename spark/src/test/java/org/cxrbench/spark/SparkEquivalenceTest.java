package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.fidelity.Prdc;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.Moments;
import org.cxrbench.privacy.PrivacyMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine on local[2] against the local engine: the same numbers (bits where the issue asks for them). */
class SparkEquivalenceTest {
    static final long DEFAULT_BLOCK = SparkEngine.blockBytes;
    static final long DEFAULT_BROADCAST = SparkEngine.broadcastBytes;
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static SparkEngine spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.startOrSkip("Spark local[2]", () -> new SparkEngine("local[2]", QUIET));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        SparkEngine.blockBytes = DEFAULT_BLOCK;
    }

    /** Rows with many equal distances: small integers, planted duplicates, queries that copy reference rows. */
    static Features tied(int n, int d, long seed, Features copyFrom) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(3);
        }
        if (copyFrom != null) {
            for (int i = 0; i < n; i += 4) {
                System.arraycopy(copyFrom.toDoubleArray(), r.nextInt(copyFrom.n()) * d, a, i * d, d);
            }
        }
        return new Features(n, d, a);
    }

    static Features gaussian(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = shift + r.nextGaussian() * (1 + (i % d) * 0.1);
        }
        return new Features(n, d, a);
    }

    static void sameResult(Knn.Result a, Knn.Result b) {
        assertThat(a.k()).isEqualTo(b.k());
        assertThat(a.indices()).containsExactly(b.indices());
        assertThat(a.distances()).containsExactly(b.distances());
    }

    @Test
    void nearestNeighboursAreBitIdenticalForBothBroadcastSidesAndManyPartitions() {
        Features ref = tied(1500, 8, 1, null);
        Features q = tied(400, 8, 2, ref);
        for (long bytes : new long[] {DEFAULT_BLOCK, 8 * 8 * 97, 8 * 8 * 500}) {
            SparkEngine.blockBytes = bytes; // 2, 16 and 3 reference blocks
            for (int k : new int[] {1, 2, 9}) {
                sameResult(spark.nearest(q, ref, k), Knn.searchFast(q, ref, k)); // query blocks, references whole
                sameResult(spark.nearest(ref, q, k), Knn.searchFast(ref, q, k));
            }
        }
        // references too big to read whole, queries not: reference blocks, partial top-k lists merged
        SparkEngine.broadcastBytes = 50_000; // queries 400 x 8 doubles = 25,600 bytes, references 96,000
        SparkEngine.blockBytes = 8 * 8 * 97;
        for (int k : new int[] {1, 9, 90}) {
            sameResult(spark.nearest(q, ref, k), Knn.searchFast(q, ref, k));
        }
        // neither side broadcast: query blocks x reference blocks, partial lists reduced by Spark in any order
        SparkEngine.broadcastBytes = 1000;
        SparkEngine.blockBytes = 8 * 8 * 61; // 7 query x 25 reference blocks, blocks smaller than k for k = 90
        for (int k : new int[] {1, 9, 90}) {
            sameResult(spark.nearest(q, ref, k), Knn.searchFast(q, ref, k));
        }
        sameResult(spark.nearest(ref, ref, 2), Knn.searchFast(ref, ref, 2));
        SparkEngine.broadcastBytes = DEFAULT_BROADCAST;
        SparkEngine.blockBytes = DEFAULT_BLOCK;
    }

    @Test
    void executorsReadingBlocksFromTheFileStoreGiveTheSameBits(@TempDir Path dir) throws java.io.IOException {
        Features ref = tied(1500, 8, 11, null);
        Features q = tied(400, 8, 12, ref);
        Features g = gaussian(3000, 16, 0.5, 13); // not float32 values: stored as float64
        spark.storeIn(dir.toUri().toString());
        try {
            SparkEngine.blockBytes = 8 * 8 * 97;
            for (int k : new int[] {1, 9}) {
                sameResult(spark.nearest(q, ref, k), Knn.searchFast(q, ref, k));
                sameResult(spark.nearest(ref, q, k), Knn.searchFast(ref, q, k));
            }
            SparkEngine.broadcastBytes = 1000;
            sameResult(spark.nearest(q, ref, 9), Knn.searchFast(q, ref, 9));
            SparkEngine.broadcastBytes = DEFAULT_BROADCAST;
            SparkEngine.blockBytes = 8 * 16 * 1024;
            Moments m = spark.moments(g);
            assertThat(m.covariance()).containsExactly(Moments.of(g).covariance());
            try (var files = java.nio.file.Files.walk(dir)) {
                assertThat(files.filter(p -> p.toString().endsWith(".f32"))).isNotEmpty();
            }
        } finally {
            SparkEngine.blockBytes = DEFAULT_BLOCK;
            SparkEngine.broadcastBytes = DEFAULT_BROADCAST;
            spark.storeIn(null);
        }
    }

    @Test
    void privacyMetricsAndPrdcRadiiEqualTheLocalEngine() {
        Features train = gaussian(900, 24, 0.0, 3);
        double[] synValues = gaussian(300, 24, 0.1, 4).toDoubleArray();
        double[] trainValues = train.toDoubleArray();
        // plant copies and near-copies of training rows (exact copies, memorised rows, distance ties)
        for (int i = 0; i < 30; i++) {
            System.arraycopy(trainValues, (i * 7) * 24, synValues, i * 24, 24);
        }
        Features syn = new Features(300, 24, synValues);
        Features hold = gaussian(200, 24, 0.0, 5);
        SparkEngine.blockBytes = 8 * 24 * 128;
        PrivacyMetrics.Result local = PrivacyMetrics.compute(train, syn, hold, PrivacyMetrics.Options.defaults());
        PrivacyMetrics.Result onSpark = PrivacyMetrics.compute(new PrivacyMetrics.Reference(train, hold, spark), syn, PrivacyMetrics.Options.defaults(), null);
        RemoteStoreChecks.samePrivacy(onSpark, local);
        assertThat(local.stats().holdout().memorized()).isGreaterThanOrEqualTo(30);
        // PRDC radii: the local engine's double-precision search vs partial top-k on Spark
        assertThat(Prdc.radii(train, 5, spark)).containsExactly(Prdc.radii(train, 5));
        assertThat(Prdc.radii(syn, 3, spark)).containsExactly(Prdc.radii(syn, 3));
        SparkEngine.blockBytes = DEFAULT_BLOCK;
    }

    @Test
    void fidStatisticsDoNotDependOnThePartitionCount() {
        Features real = gaussian(5000, 32, 0.5, 6);
        Features syn = gaussian(4000, 32, 0.6, 7);
        double onePass = Fid.compute(GaussianStats.of(real), GaussianStats.of(syn), Fid.Route.SYMMETRIC).value();
        Moments treeReal = Moments.of(real);
        Moments treeSyn = Moments.of(syn);
        double tree = Fid.compute(GaussianStats.of(treeReal), GaussianStats.of(treeSyn), Fid.Route.SYMMETRIC).value();
        for (long bytes : new long[] {DEFAULT_BLOCK, 8 * 32 * 1024, 8 * 32 * 2048, 8 * 32 * 3000}) {
            SparkEngine.blockBytes = bytes; // 3, 5, 3 and 3 partitions of whole 1024-row chunks (real set)
            Moments r = spark.moments(real);
            Moments s = spark.moments(syn);
            assertThat(r.covariance()).containsExactly(treeReal.covariance());
            assertThat(r.mean()).containsExactly(treeReal.mean());
            double f = Fid.compute(GaussianStats.of(r), GaussianStats.of(s), Fid.Route.SYMMETRIC).value();
            assertThat(f).isEqualTo(tree);
            assertThat(Math.abs(f - onePass) / onePass).isLessThan(1e-12);
        }
        SparkEngine.blockBytes = DEFAULT_BLOCK;
    }

    @Test
    void sparkEncodingFillsTheCacheWithTheLocalFeatures(@TempDir Path dir) throws Exception {
        Manifest m = RandomPngs.write(dir, 40, 48, 8);
        EncodeTasks.minImagesPerTask = 4; // 8 tasks on 2 slots: concurrent stores into one cache from one JVM
        for (String spec : new String[] {"pixels16", "cxr-cnn"}) {
            Encoder enc = Encoders.get(spec);
            Features plain = ImageEncoding.encode(m, enc, 2, QUIET, "test");
            FeatureCache cache = new FeatureCache(dir.resolve("cache-" + spec));
            spark.encodeIntoCache(m, spec, cache, 2, QUIET);
            java.util.Set<String> keys = new java.util.HashSet<>();
            Manifest hashed = m.withImageHashes();
            for (int i = 0; i < hashed.size(); i++) {
                keys.add(hashed.get(i).sha256());
            }
            assertThat(cache.load(enc.fingerprint(), enc.dimension(), keys)).hasSize(41);
            // a local run then reads every row from the cache and gets the same bits as encoding without it
            Features fromCache = ImageEncoding.encode(m, enc, 1, QUIET, "test", cache);
            assertThat(fromCache.toDoubleArray()).containsExactly(plain.toDoubleArray());
        }
        EncodeTasks.minImagesPerTask = 64;
    }
}
