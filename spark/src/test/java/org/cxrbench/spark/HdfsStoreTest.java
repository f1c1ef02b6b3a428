package org.cxrbench.spark;

import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
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
 * shard each ({@link RemoteStoreChecks}). Skipped (JUnit assumption) where the cluster or Spark cannot start here.
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
        RemoteStoreChecks.resetKnobs();
        if (spark != null) {
            spark.close();
        }
        if (dfs != null) {
            dfs.shutdown();
        }
        FileSystem.closeAll();
    }

    @Test
    void privacyWithTheStoreOnHdfsEqualsTheLocalEngineAlsoWhenTiled() throws Exception {
        RemoteStoreChecks.privacyEqualsTheLocalEngineAlsoWhenTiled(spark, root + "/cxrbench/store");
    }

    @Test
    void imagesOnHdfsAreEncodedIntoOneShardPerTaskEvenWhenTasksFailAndRetry() throws Exception {
        RemoteStoreChecks.imagesAreEncodedIntoOneShardPerTaskWithRetries(spark, root + "/images", dir);
    }
}
