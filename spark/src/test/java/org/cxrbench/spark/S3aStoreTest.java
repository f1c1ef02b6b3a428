package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3a://} end to end: an S3 API on 127.0.0.1 (moto's server, a python3 child process, {@link LoopbackS3}),
 * Hadoop's S3A client (hadoop-aws and the AWS SDK v2 modules the engine ships) pointed at it the way a user points it
 * at MinIO, with {@code -Dspark.hadoop.fs.s3a.*} settings (here system properties set before Spark starts, cleared
 * after), the feature store on {@code s3a://BUCKET/cxrbench/store} and images given by {@code s3a://} URIs, through
 * Spark {@code local[2,4]}: the checks of {@link HdfsStoreTest} ({@link RemoteStoreChecks}), so the numbers equal
 * the local engine's bit for bit and the store holds only complete objects (written straight to their final keys:
 * an S3 object appears only when its upload completes). Skipped (JUnit assumption) where python3 or moto is
 * missing, moto's server does not answer within a minute, or Spark cannot start here.
 */
class S3aStoreTest {
    static final String BUCKET = "cxrbench-test";

    @TempDir
    static Path dir;
    static LoopbackS3 s3;
    static Map<String, String> settings = Map.of();
    static SparkEngine spark;

    @BeforeAll
    static void start() throws Exception {
        s3 = SparkTests.startOrSkip("an S3 server on 127.0.0.1 (python3 -m moto.server)",
                () -> LoopbackS3.start(dir.resolve("moto")));
        s3.createBucket(BUCKET);
        settings = new java.util.LinkedHashMap<>(s3.s3aSettings());
        settings.put("fs.s3a.multipart.size", "5M"); // the smallest part S3 takes: a 6 MB file is a multipart upload
        settings.forEach((key, value) -> System.setProperty("spark.hadoop." + key, value));
        spark = SparkTests.startOrSkip("Spark local[2,4]",
                () -> new SparkEngine("local[2,4]", SparkEquivalenceTest.QUIET));
    }

    @AfterAll
    static void stop() throws Exception {
        RemoteStoreChecks.resetKnobs();
        try {
            if (spark != null) {
                spark.close();
            }
            FileSystem.closeAll();
        } finally {
            settings.keySet().forEach(key -> System.clearProperty("spark.hadoop." + key));
            if (s3 != null) {
                s3.close();
            }
        }
    }

    @Test
    void privacyWithTheStoreOnS3EqualsTheLocalEngineAlsoWhenTiled() throws Exception {
        RemoteStoreChecks.privacyEqualsTheLocalEngineAlsoWhenTiled(spark, "s3a://" + BUCKET + "/cxrbench/store");
    }

    /**
     * How the store commits a file on s3a:// ({@link SetStore#writeWhole}): straight to its key, since S3A's output
     * stream publishes nothing before close (it declares {@code fs.capability.outputstream.abortable}). A write that
     * fails after a multipart upload has begun (6 MB, parts of 5 MB) is aborted: no object, no upload left pending;
     * one that completes is the only object, with its bytes.
     */
    @Test
    void aFileIsPublishedWholeOrNotAtAll() throws Exception {
        String folder = "s3a://" + BUCKET + "/commit";
        FileSystem fs = SetStore.fileSystem(folder);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(folder + "/part-00000.f32");
        assertThat(fs.hasPathCapability(target, CommonPathCapabilities.ABORTABLE_STREAM)).isTrue();
        byte[] bytes = new byte[6 << 20];
        new java.util.Random(7).nextBytes(bytes);
        assertThatThrownBy(() -> SetStore.writeWhole(fs, target, out -> {
            out.write(bytes);
            throw new java.io.IOException("injected failure after 6 MB");
        })).hasMessage("injected failure after 6 MB");
        assertThat(RemoteStoreChecks.files(folder)).isEmpty();
        assertThat(s3.get("/" + BUCKET + "?uploads")).contains("ListMultipartUploadsResult").doesNotContain("<Upload>");
        SetStore.writeWhole(fs, target, out -> out.write(bytes));
        assertThat(RemoteStoreChecks.files(folder)).containsExactly("/part-00000.f32");
        try (var in = fs.open(target)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(s3.get("/" + BUCKET + "?uploads")).doesNotContain("<Upload>");
    }

    /** A store the driver cannot write (here a bucket that does not exist) is one line before Spark starts. */
    @Test
    void aStoreThatCannotBeWrittenIsOneLineNamingItAndTheSettings() {
        SetStore.checkWritable("s3a://" + BUCKET + "/cxrbench/writable");
        assertThatThrownBy(() -> SetStore.checkWritable("s3a://no-such-bucket/cxrbench/store"))
                .isInstanceOf(org.cxrbench.common.BadInputException.class)
                .hasMessageContaining("s3a://no-such-bucket/cxrbench/store").hasMessageContaining("fs.s3a")
                .hasMessageNotContaining("\n");
    }

    @Test
    void imagesOnS3AreEncodedIntoOneShardPerTaskEvenWhenTasksFailAndRetry() throws Exception {
        RemoteStoreChecks.imagesAreEncodedIntoOneShardPerTaskWithRetries(spark, "s3a://" + BUCKET + "/images", dir);
    }
}
