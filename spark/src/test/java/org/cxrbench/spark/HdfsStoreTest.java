package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.TaskContext;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.privacy.PrivacyMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hdfs://} end to end: a NameNode and a DataNode on 127.0.0.1 (Hadoop's MiniDFSCluster in this JVM, the
 * shaded hadoop-client-minicluster of Spark's Hadoop version), the feature store on {@code hdfs://127.0.0.1:PORT/...}
 * and images given by {@code hdfs://} URIs, through Spark {@code local[2,4]} (2 task slots, a failed task retried up
 * to 4 times, as on a cluster). The numbers equal the local engine's bit for bit, the store and the feature cache hold
 * only complete files, and tasks whose first attempt fails after writing part or all of a cache shard leave one
 * shard each. Skipped (JUnit assumption) where the cluster or Spark cannot start here.
 */
class HdfsStoreTest {
    @TempDir
    static Path dir;
    static MiniDFSCluster dfs;
    static String root;
    static SparkEngine spark;

    @BeforeAll
    static void start() {
        dfs = SparkTests.startOrSkip("HDFS (MiniDFSCluster on 127.0.0.1)", () -> LoopbackHdfs.start(dir.resolve("dfs")));
        root = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
        spark = SparkTests.startOrSkip("Spark local[2,4]",
                () -> new SparkEngine("local[2,4]", SparkEquivalenceTest.QUIET));
    }

    @AfterAll
    static void stop() throws Exception {
        EncodeTasks.afterShardFile = (what, file) -> {};
        EncodeTasks.minImagesPerTask = 64;
        SparkEngine.blockBytes = SparkEquivalenceTest.DEFAULT_BLOCK;
        SparkEngine.broadcastBytes = SparkEquivalenceTest.DEFAULT_BROADCAST;
        if (spark != null) {
            spark.close();
        }
        if (dfs != null) {
            dfs.shutdown();
        }
        FileSystem.closeAll();
    }

    /** Every file under {@code uri} on HDFS (recursively), as paths relative to it. */
    static List<String> files(String uri) throws Exception {
        FileSystem fs = SetStore.fileSystem(uri);
        List<String> out = new ArrayList<>();
        org.apache.hadoop.fs.Path top = new org.apache.hadoop.fs.Path(uri);
        if (!fs.exists(top)) {
            return out;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(top, true);
        while (it.hasNext()) {
            out.add(it.next().getPath().toUri().getPath().substring(top.toUri().getPath().length()));
        }
        return out;
    }

    static void samePrivacy(PrivacyMetrics.Result onSpark, PrivacyMetrics.Result local) {
        assertThat(onSpark.nnTrainIndex()).containsExactly(local.nnTrainIndex());
        assertThat(onSpark.dcr()).containsExactly(local.dcr());
        assertThat(onSpark.nndr()).containsExactly(local.nndr());
        assertThat(onSpark.carliniRatio()).containsExactly(local.carliniRatio());
        assertThat(onSpark.memorized()).containsExactly(local.memorized());
        assertThat(onSpark.stats()).isEqualTo(local.stats());
    }

    @Test
    void privacyWithTheStoreOnHdfsEqualsTheLocalEngineAlsoWhenTiled() throws Exception {
        Features train = SparkEquivalenceTest.gaussian(900, 24, 0.0, 31); // not float32 values: stored as float64
        double[] synValues = SparkEquivalenceTest.gaussian(300, 24, 0.1, 32).toDoubleArray();
        for (int i = 0; i < 30; i++) { // exact copies of training rows: memorised rows and distance ties
            System.arraycopy(train.toDoubleArray(), (i * 7) * 24, synValues, i * 24, 24);
        }
        Features syn = new Features(300, 24, synValues);
        Features hold = SparkEquivalenceTest.gaussian(200, 24, 0.0, 33);
        Features ref = SparkEquivalenceTest.tied(1500, 8, 34, null); // small integers: float32, stored as such
        Features q = SparkEquivalenceTest.tied(400, 8, 35, ref);
        PrivacyMetrics.Result local = PrivacyMetrics.compute(train, syn, hold, PrivacyMetrics.Options.defaults());
        String store = root + "/cxrbench/store";
        spark.storeIn(store);
        try {
            SparkEngine.blockBytes = 8 * 24 * 300; // query blocks (of 150-300 rows) against the references read whole
            samePrivacy(PrivacyMetrics.compute(new PrivacyMetrics.Reference(train, hold, spark), syn,
                    PrivacyMetrics.Options.defaults(), null), local);
            SparkEngine.broadcastBytes = 1000; // neither side read whole: query blocks x reference blocks, 2-4 each
            samePrivacy(PrivacyMetrics.compute(new PrivacyMetrics.Reference(train, hold, spark), syn,
                    PrivacyMetrics.Options.defaults(), null), local);
            SparkEngine.blockBytes = 8 * 8 * 200; // 2 x 8 blocks of float32 rows
            for (int k : new int[] {1, 9}) {
                SparkEquivalenceTest.sameResult(spark.nearest(q, ref, k), Knn.searchFast(q, ref, k));
            }
            List<String> staged = files(store);
            assertThat(staged).isNotEmpty().allMatch(f -> f.matches("/cxrbench-spark-[-0-9a-f]+/set-[0-9a-f]{32}/"
                    + "part-\\d{5}\\.f(32|64)"), "complete, renamed files only");
            assertThat(staged).anyMatch(f -> f.endsWith(".f32")).anyMatch(f -> f.endsWith(".f64"));
        } finally {
            SparkEngine.blockBytes = SparkEquivalenceTest.DEFAULT_BLOCK;
            SparkEngine.broadcastBytes = SparkEquivalenceTest.DEFAULT_BROADCAST;
            spark.storeIn(null);
        }
        assertThat(files(store)).isEmpty(); // the session's folder goes with the store
    }

    /** 40 random 40 x 40 PNGs and two of the same content, in a local folder: their manifest. */
    static Manifest localImages(Path folder) throws Exception {
        return RandomPngs.write(folder, 40, 40, 36);
    }

    /** The manifest's images copied to hdfs://.../images/: its records with those URIs as paths, and their sha256. */
    static List<ManifestRecord> copiedToHdfs(Manifest onDisk) throws Exception {
        FileSystem fs = SetStore.fileSystem(root);
        List<ManifestRecord> remote = new ArrayList<>();
        for (int i = 0; i < onDisk.size(); i++) {
            Path file = onDisk.imagePath(i);
            String uri = root + "/images/" + file.getFileName();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path(uri));
            remote.add(onDisk.get(i).withPath(uri).withSha256(Hashing.ofFile(file)));
        }
        return remote;
    }

    /** The first attempt of task 0 fails after writing its .npy, that of task 1 after its whole shard. */
    static void failFirstAttempts(AtomicInteger injected) {
        EncodeTasks.afterShardFile = (what, file) -> {
            TaskContext task = TaskContext.get();
            if (task != null && task.attemptNumber() == 0 && (task.partitionId() == 0 && what.equals("npy")
                    || task.partitionId() == 1 && what.equals("keys"))) {
                injected.incrementAndGet();
                throw new IllegalStateException("injected failure after writing " + file.getFileName());
            }
        };
    }

    /** The cache's one encoder folder holds only complete shards, {@code tasks} of them, every key in exactly one. */
    static void oneShardPerTask(Path cacheRoot, int tasks, int keys) throws Exception {
        Path folder;
        try (Stream<Path> s = Files.list(cacheRoot)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<String> names;
        try (Stream<Path> s = Files.list(folder)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).allMatch(n -> n.equals("encoder.json") || n.matches("shard-[0-9a-f]{32}\\.(npy|keys)"),
                "no temporary or partial files");
        long npy = names.stream().filter(n -> n.endsWith(".npy")).count();
        assertThat(names.stream().filter(n -> n.endsWith(".keys")).count()).isEqualTo(npy).isEqualTo(tasks);
        Map<String, Integer> timesStored = new HashMap<>();
        for (String n : names) {
            if (n.endsWith(".keys")) {
                for (String key : Files.readAllLines(folder.resolve(n))) {
                    timesStored.merge(key, 1, Integer::sum);
                }
            }
        }
        assertThat(timesStored).hasSize(keys).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
    }

    @Test
    void imagesOnHdfsAreEncodedIntoOneShardPerTaskEvenWhenTasksFailAndRetry() throws Exception {
        Manifest onDisk = localImages(dir.resolve("images"));
        List<ManifestRecord> remote = copiedToHdfs(onDisk);
        Encoder enc = Encoders.get("pixels16");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        // without the hashes the driver would have to read the images: one line, before any work
        List<ManifestRecord> unhashed = new ArrayList<>(remote);
        unhashed.set(3, unhashed.get(3).withSha256(""));
        assertThatThrownBy(() -> spark.encodeIntoCache(new Manifest(unhashed, dir), "pixels16", cache, 2,
                SparkEquivalenceTest.QUIET)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("manifest row 4").hasMessageContaining("sha256").hasMessageNotContaining("\n");
        assertThat(dir.resolve("cache")).doesNotExist();

        EncodeTasks.minImagesPerTask = 4; // up to 8 tasks on 2 slots (groups by content hash; an empty one is dropped)
        List<scala.Tuple2<String, String>> todo = new ArrayList<>();
        remote.stream().map(ManifestRecord::sha256).distinct().forEach(h -> todo.add(new scala.Tuple2<>(h, "")));
        int tasks = EncodeTasks.groupByHash(todo, EncodeTasks.groupCount(todo.size(), 2)).size();
        assertThat(todo).hasSize(41);
        assertThat(tasks).isGreaterThan(2);
        AtomicInteger injected = new AtomicInteger();
        failFirstAttempts(injected);
        Manifest m = new Manifest(remote, dir);
        try {
            spark.encodeIntoCache(m, "pixels16", cache, 2, SparkEquivalenceTest.QUIET);
        } finally {
            EncodeTasks.afterShardFile = (what, file) -> {};
            EncodeTasks.minImagesPerTask = 64;
        }
        assertThat(injected.get()).isEqualTo(2); // both failed once and were retried
        oneShardPerTask(dir.resolve("cache"), tasks, 41);
        // a run then reads every row from the cache (it never opens the hdfs:// paths): the local features' bits
        Features fromCache = ImageEncoding.encode(m, enc, 1, SparkEquivalenceTest.QUIET, "test", cache);
        Features plain = ImageEncoding.encode(onDisk, enc, 2, SparkEquivalenceTest.QUIET, "test");
        assertThat(fromCache.toDoubleArray()).containsExactly(plain.toDoubleArray());
    }
}
