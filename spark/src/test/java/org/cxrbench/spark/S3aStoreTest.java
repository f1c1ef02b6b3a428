package org.cxrbench.spark;

import java.nio.file.Path;
import java.util.Map;
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
        settings = s3.s3aSettings();
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

    @Test
    void imagesOnS3AreEncodedIntoOneShardPerTaskEvenWhenTasksFailAndRetry() throws Exception {
        RemoteStoreChecks.imagesAreEncodedIntoOneShardPerTaskWithRetries(spark, "s3a://" + BUCKET + "/images", dir);
    }
}
