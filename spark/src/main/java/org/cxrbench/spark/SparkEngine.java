package org.cxrbench.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Blas;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.KnnParts;
import org.cxrbench.linalg.Moments;
import org.cxrbench.pipeline.Engine;
import scala.Tuple2;

/**
 * The Spark engine: nearest-neighbour search, statistics and image encoding as Spark jobs, with the numbers of
 * the local engine.
 *
 * <ul>
 *   <li>k-NN: the smaller side is broadcast, the larger is cut into row blocks, one task each. Reference blocks
 *       give partial top-k lists with global indices ({@link KnnParts#searchPart}), merged on the driver under the
 *       local (distance, index) order; query blocks give whole rows, concatenated in order. Bit-identical to
 *       {@link Knn#searchFast}.</li>
 *   <li>Statistics: rows cut at multiples of {@link Moments#CHUNK}, each task returns its tree pieces about the
 *       set's origin, the driver rebuilds the fixed tree ({@link Moments#combine}): the same bits as
 *       {@link Moments#of} for any number of partitions.</li>
 *   <li>Encoding: the images missing from the feature cache, grouped by content hash, are encoded by tasks that
 *       load the encoder once per executor JVM and store shards in the cache, which the driver then reads. The
 *       cache folder must be reachable by every executor (always so for local[N] and a cluster on one host; a
 *       shared file system otherwise).</li>
 * </ul>
 */
public final class SparkEngine implements Engine {
    /** Bytes of feature rows per task (the task is serialised whole; Spark's RPC limit is set well above). */
    static volatile long blockBytes = Long.getLong("cxrbench.spark.blockMB", 64L) << 20;

    /**
     * The largest side broadcast whole to every executor; when both sides are larger (e.g. a 230,000-image
     * training set searched against itself), query blocks x reference blocks are tiled instead.
     */
    static volatile long broadcastBytes = Long.getLong("cxrbench.spark.broadcastMB", 1024L) << 20;

    private final JavaSparkContext sc;
    private final String master;
    private final PrintStream log;

    public SparkEngine(String master, PrintStream log) {
        this.master = master == null || master.isBlank() ? "local[*]" : master.trim();
        this.log = log;
        SparkConf conf = new SparkConf().setAppName("cxrbench").setMaster(this.master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.maxResultSize", "0")
                .set("spark.rpc.message.maxSize", "1024")
                .set("spark.task.maxFailures", "4");
        if (this.master.startsWith("local") || this.master.contains("127.0.0.1") || this.master.contains("localhost")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        String cp = System.getProperty("cxrbench.spark.executorClassPath");
        if (cp != null && !cp.isBlank()) {
            conf.set("spark.executor.extraClassPath", cp);
        }
        String mem = System.getProperty("cxrbench.spark.executorMemory");
        if (mem != null) {
            conf.set("spark.executor.memory", mem);
        }
        long t0 = System.nanoTime();
        this.sc = new JavaSparkContext(conf);
        log.printf(Locale.ROOT, "spark: %s, %d task slots (%.1f s to start)%n", this.master, sc.defaultParallelism(),
                (System.nanoTime() - t0) / 1e9);
    }

    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public String describe() {
        return "spark " + master;
    }

    private int blockRows(Features x) {
        long bytesPerRow = 8L * x.d();
        int slots = Math.max(1, sc.defaultParallelism());
        int bySize = (int) Math.max(1, blockBytes / bytesPerRow);
        int bySlots = (x.n() + slots - 1) / slots;
        return Math.max(1, Math.min(bySize, bySlots));
    }

    @Override
    public Knn.Result nearest(Features query, Features ref, int k) {
        if (query.d() != ref.d()) {
            throw new IllegalArgumentException("dimension mismatch: " + query.d() + " vs " + ref.d());
        }
        if (k < 1 || k > ref.n()) {
            throw new IllegalArgumentException("k=" + k + " with " + ref.n() + " reference rows");
        }
        if (query.n() == 0) {
            return Knn.searchFast(query, ref, k);
        }
        try {
            if (8L * Math.min(query.n(), ref.n()) * query.d() > broadcastBytes) {
                return tiled(query, ref, k);
            }
            if ((long) query.n() <= ref.n()) {
                // broadcast the queries, one task per reference block, partial top-k merged on the driver
                Broadcast<Rows> q = sc.broadcast(Rows.of(query));
                List<Rows> parts = Rows.split(ref, blockRows(ref));
                List<Tuple2<Integer, Neighbours>> got = sc.parallelize(parts, parts.size()).map(p -> {
                    Blas.setThreads(1);
                    return new Tuple2<>(p.index(), Neighbours.of(
                            KnnParts.searchPart(q.value().features(), p.features(), p.offset(), k)));
                }).collect();
                q.destroy();
                return KnnParts.merge(k, query.n(), Neighbours.results(inOrder(got)));
            }
            // broadcast the references, one task per query block, rows concatenated in order
            Broadcast<Rows> r = sc.broadcast(Rows.of(ref));
            List<Rows> blocks = Rows.split(query, blockRows(query));
            List<Tuple2<Integer, Neighbours>> got = sc.parallelize(blocks, blocks.size()).map(b -> {
                Blas.setThreads(1);
                return new Tuple2<>(b.index(), Neighbours.of(Knn.searchFast(b.features(), r.value().features(), k)));
            }).collect();
            r.destroy();
            return KnnParts.concatRows(Neighbours.results(inOrder(got)));
        } finally {
            restoreDriverThreads();
        }
    }

    /**
     * Both sides in blocks, one task per (query block, reference block) pair: partial top-k lists with global
     * reference indices, merged per query block (top-k of a union is associative and commutative under the total
     * (distance, index) order, so Spark's reduction order cannot change a bit), query blocks concatenated in order.
     */
    private Knn.Result tiled(Features query, Features ref, int k) {
        List<Rows> qb = Rows.split(query, blockRows(query));
        List<Rows> rb = Rows.split(ref, blockRows(ref));
        List<Tuple2<Integer, Neighbours>> got = sc.parallelize(qb, qb.size()).cartesian(sc.parallelize(rb, rb.size()))
                .mapToPair(t -> {
                    Blas.setThreads(1);
                    return new Tuple2<>(t._1().index(), Neighbours.of(
                            KnnParts.searchPart(t._1().features(), t._2().features(), t._2().offset(), k)));
                })
                .reduceByKey((a, b) -> Neighbours.of(KnnParts.merge(Math.min(k, a.k() + b.k()), a.rows(),
                        List.of(a.result(), b.result()))))
                .collect();
        return KnnParts.concatRows(Neighbours.results(inOrder(got)));
    }

    @Override
    public Moments moments(Features x) {
        if (x.n() < 1) {
            throw new IllegalArgumentException("moments of an empty set");
        }
        double[] origin = Moments.originOf(x);
        int chunks = blockRows(x) / Moments.CHUNK;
        List<Rows> parts = Rows.split(x, Math.max(1, chunks) * Moments.CHUNK);
        try {
            List<Moments.Piece> pieces = sc.parallelize(parts, parts.size()).flatMap(p -> {
                Blas.setThreads(1);
                return Moments.pieces(p.features(), p.offset(), origin).iterator();
            }).collect();
            return Moments.combine(x.n(), pieces);
        } finally {
            restoreDriverThreads();
        }
    }

    @Override
    public void encodeIntoCache(Manifest m, String encoderSpec, FeatureCache cache, int threads, PrintStream log) {
        Encoder enc = Encoders.get(encoderSpec);
        Manifest hashed = m.withImageHashes();
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < hashed.size(); i++) {
            wanted.add(hashed.get(i).sha256());
        }
        Map<String, float[]> have = cache.load(enc.fingerprint(), enc.dimension(), wanted);
        List<Tuple2<String, String>> todo = new ArrayList<>();
        Set<String> queued = new HashSet<>();
        for (int i = 0; i < hashed.size(); i++) {
            String h = hashed.get(i).sha256();
            if (!have.containsKey(h) && queued.add(h)) {
                todo.add(new Tuple2<>(h, hashed.imagePath(i).toAbsolutePath().toString()));
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        int groups = EncodeTasks.groupCount(todo.size(), sc.defaultParallelism());
        List<List<Tuple2<String, String>>> byHash = EncodeTasks.groupByHash(todo, groups);
        String root = cache.root().toAbsolutePath().toString();
        String fp = enc.fingerprint();
        int d = enc.dimension();
        long done = sc.parallelize(byHash, byHash.size())
                .map(g -> EncodeTasks.encodeGroup(g, encoderSpec, fp, d, root)).reduce(Long::sum);
        double s = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "spark: encoded %d images in %d tasks (%.1f s, %.0f images/s) into %s%n", done,
                byHash.size(), s, done / s, root);
        restoreDriverThreads();
    }

    private static <T> List<T> inOrder(List<Tuple2<Integer, T>> got) {
        List<Tuple2<Integer, T>> sorted = new ArrayList<>(got);
        sorted.sort(Comparator.comparingInt(Tuple2::_1));
        List<T> out = new ArrayList<>(sorted.size());
        for (Tuple2<Integer, T> t : sorted) {
            out.add(t._2());
        }
        return out;
    }

    /** Tasks of local[N] run in this JVM and set OpenBLAS to one thread; the driver's own work gets all cores back. */
    private void restoreDriverThreads() {
        if (master.startsWith("local")) {
            Blas.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Override
    public void close() {
        sc.stop();
    }
}
