package org.cxrbench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;

/**
 * The feature store's read rate, file:// against hdfs:// on loopback (a MiniDFSCluster in this JVM: one NameNode, one
 * DataNode, replication 1) and s3a:// on loopback (moto's S3 server, a python3 child process, {@link LoopbackS3}; left
 * out where it does not start), as the tiled k-NN path reads it: {@code reads N D BLOCK ROUNDS} stages N x D float32
 * rows in each store, then in each round reads every BLOCK-row block ({@link SetReader#rows}: positioned reads, float32
 * widened to double) from each store in turn, and prints seconds per block and MB/s of stored bytes. {@code tiled Q
 * R D ROUNDS} times Spark local[2] k-NN (k = 2) on the tiled path (both sides in blocks, each task reading both of
 * its blocks) with the rows in memory and in each store, results checked equal. Run from spark/ (see
 * spark/README.md): java [Spark's JVM options] -cp "target/test-classes:target/classes:target/lib/*:MINICLUSTER_JAR"
 * org.cxrbench.spark.StoreReadBench reads 16384 2048 4096 3
 */
public final class StoreReadBench {
    /** The s3a:// server (another process: its CPU time is printed beside this JVM's). */
    static LoopbackS3 server;

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("cxrbench-storebench");
        long t0 = System.nanoTime();
        MiniDFSCluster dfs = LoopbackHdfs.start(tmp.resolve("dfs"));
        System.out.printf(Locale.ROOT, "MiniDFSCluster started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        LoopbackS3 s3 = null;
        List<String> stores = new ArrayList<>(List.of(tmp.resolve("store").toUri().toString(),
                "hdfs://127.0.0.1:" + dfs.getNameNodePort() + "/bench"));
        try {
            t0 = System.nanoTime();
            s3 = LoopbackS3.start(tmp.resolve("moto"));
            server = s3;
            s3.createBucket("bench");
            s3.s3aSettings().forEach((key, value) -> System.setProperty("spark.hadoop." + key, value));
            stores.add("s3a://bench/store");
            System.out.printf(Locale.ROOT, "moto's S3 server started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } catch (Exception e) {
            System.out.println("no s3a:// (moto's server did not start: " + e.getMessage() + ")");
        }
        try {
            if (args[0].equals("reads")) {
                reads(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), stores);
            } else {
                tiled(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), stores);
            }
        } finally {
            dfs.shutdown();
            if (s3 != null) {
                s3.close();
            }
        }
        System.exit(0);
    }

    static void reads(int n, int d, int blockRows, int rounds, List<String> roots) {
        Features x = SparkBench.random(n, d, 1);
        List<SetStore> stores = new ArrayList<>();
        try {
            List<SetRef> refs = new ArrayList<>();
            double mb = 4.0 * n * d / 1e6;
            for (String root : roots) {
                SetStore store = new SetStore(root, false);
                stores.add(store);
                long t0 = System.nanoTime();
                refs.add(store.stage(x));
                System.out.printf(Locale.ROOT, "staged %d x %d float32 (%.0f MB) in %s: %.2f s%n", n, d, mb,
                        name(root), (System.nanoTime() - t0) / 1e9);
            }
            for (int round = 1; round <= rounds; round++) {
                for (SetRef ref : refs) {
                    int blocks = 0;
                    long s0 = System.nanoTime();
                    long c0 = cpuNanos();
                    long sc0 = server == null ? 0 : server.cpuNanos();
                    double check = 0;
                    for (int r0 = 0; r0 < n; r0 += blockRows) {
                        Features b = SetReader.rows(ref, r0, Math.min(n, r0 + blockRows));
                        check += b.get(b.n() - 1, d - 1);
                        blocks++;
                    }
                    double s = (System.nanoTime() - s0) / 1e9;
                    double cpu = (cpuNanos() - c0) / 1e9;
                    double serverCpu = server == null || !ref.uri().startsWith("s3a")
                            ? 0 : (server.cpuNanos() - sc0) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d %-7s %d blocks of %d rows (%.1f MB each): %.3f s per"
                            + " block, %.0f MB/s; process CPU %.3f s per block, %.0f MB per CPU-second; S3 server"
                            + " CPU %.3f s per block (check %.3f)%n", round, name(ref.uri()), blocks, blockRows,
                            4.0 * blockRows * d / 1e6, s / blocks, mb / s, cpu / blocks, mb / cpu,
                            serverCpu / blocks, check);
                }
            }
        } finally {
            stores.forEach(SetStore::close);
        }
    }

    /** CPU time of this whole JVM (the DataNode's threads included, which serve the hdfs:// reads). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String name(String store) {
        return store == null ? "in memory" : store.substring(0, store.indexOf("://") + 3);
    }

    static void tiled(int nq, int nr, int d, int rounds, List<String> roots) {
        Features q = SparkBench.random(nq, d, 1);
        Features r = SparkBench.random(nr, d, 2);
        SparkEngine.broadcastBytes = 1L << 20; // neither side read whole: the tiled path
        try (SparkEngine spark = new SparkEngine("local[2]", SparkBench.QUIET)) {
            Knn.Result want = null;
            List<String> stores = new ArrayList<>();
            stores.add(null);
            stores.addAll(roots);
            for (String store : stores) {
                spark.storeIn(store);
                long t0 = System.nanoTime();
                spark.nearest(q, r, 2); // stages both sides in the store (once per session), then runs
                System.out.printf(Locale.ROOT, "tiled k-NN %d x %d x %d, store %s: first run (staging included)"
                        + " %.2f s%n", nq, nr, d, name(store), (System.nanoTime() - t0) / 1e9);
                for (int round = 1; round <= rounds; round++) {
                    t0 = System.nanoTime();
                    Knn.Result got = spark.nearest(q, r, 2);
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (want == null) {
                        want = got;
                    }
                    boolean same = java.util.Arrays.equals(got.indices(), want.indices())
                            && java.util.Arrays.equals(got.distances(), want.distances());
                    System.out.printf(Locale.ROOT, "round %d tiled k-NN %d x %d x %d, store %s: %.2f s, same bits"
                            + " as in memory: %s%n", round, nq, nr, d, name(store), s, same);
                }
            }
            spark.storeIn(null);
        }
    }
}
