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

/**
 * The end-to-end checks of a feature store and images on another file system, shared by {@link HdfsStoreTest}
 * (hdfs:// on loopback) and {@link S3aStoreTest} (s3a:// against an S3 server on loopback): every privacy metric
 * equals the local engine's bit for bit (query blocks against whole references, and tiled), the store holds only
 * complete part files and its session folder goes on close; images read by URI are encoded into one cache shard per
 * task even when first attempts fail after writing part or all of their shard.
 */
final class RemoteStoreChecks {
    private RemoteStoreChecks() {}

    /** The engine's knobs as they were before a check changed them. */
    static void resetKnobs() {
        EncodeTasks.afterShardFile = (what, file) -> {};
        EncodeTasks.minImagesPerTask = 64;
        SparkEngine.blockBytes = SparkEquivalenceTest.DEFAULT_BLOCK;
        SparkEngine.broadcastBytes = SparkEquivalenceTest.DEFAULT_BROADCAST;
    }

    /** Every file under {@code uri} (recursively, through Hadoop's FileSystem API), as paths relative to it. */
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

    /**
     * Privacy with the store under {@code store}: the local engine's bits with query blocks against the references
     * read whole and on the tiled path (both sides in blocks), k-NN with ties on float32 files; only complete
     * {@code part-NNNNN.f32|f64} files in the store, and nothing left of the session after the engine's store closes.
     */
    static void privacyEqualsTheLocalEngineAlsoWhenTiled(SparkEngine spark, String store) throws Exception {
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
                    + "part-\\d{5}\\.f(32|64)"), "complete files only, under their final names");
            assertThat(staged).anyMatch(f -> f.endsWith(".f32")).anyMatch(f -> f.endsWith(".f64"));
        } finally {
            SparkEngine.blockBytes = SparkEquivalenceTest.DEFAULT_BLOCK;
            SparkEngine.broadcastBytes = SparkEquivalenceTest.DEFAULT_BROADCAST;
            spark.storeIn(null);
        }
        assertThat(files(store)).isEmpty(); // the session's folder goes with the store
    }

    /** The manifest's images copied under {@code folderUri}: its records with those URIs as paths, and their sha256. */
    static List<ManifestRecord> copiedTo(String folderUri, Manifest onDisk) throws Exception {
        FileSystem fs = SetStore.fileSystem(folderUri);
        List<ManifestRecord> remote = new ArrayList<>();
        for (int i = 0; i < onDisk.size(); i++) {
            Path file = onDisk.imagePath(i);
            String uri = folderUri + "/" + file.getFileName();
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

    /**
     * 42 random PNGs (two of the same content) copied under {@code imagesUri} and encoded by Spark (up to 8 tasks on
     * 2 slots, two first attempts failing after writing part or all of their shard) into a local cache under
     * {@code dir}: one shard per task, and a run reading from the cache gets the local features' bits. A row given
     * by URI without its sha256 is a one-line error before any work.
     */
    static void imagesAreEncodedIntoOneShardPerTaskWithRetries(SparkEngine spark, String imagesUri, Path dir)
            throws Exception {
        Manifest onDisk = RandomPngs.write(dir.resolve("images"), 40, 40, 36);
        List<ManifestRecord> remote = copiedTo(imagesUri, onDisk);
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
        // a run then reads every row from the cache (it never opens the remote paths): the local features' bits
        Features fromCache = ImageEncoding.encode(m, enc, 1, SparkEquivalenceTest.QUIET, "test", cache);
        Features plain = ImageEncoding.encode(onDisk, enc, 2, SparkEquivalenceTest.QUIET, "test");
        assertThat(fromCache.toDoubleArray()).containsExactly(plain.toDoubleArray());
    }
}
