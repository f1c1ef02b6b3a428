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
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.KnnParts;
import org.cxrbench.linalg.Moments;
import org.cxrbench.linalg.NativeBuffers;
import org.cxrbench.pipeline.Engine;
import scala.Tuple2;

/**
 * The Spark engine: nearest-neighbour search, statistics and image encoding as Spark jobs, with the numbers of
 * the local engine. The driver ships descriptors and merges small results; executors read the rows themselves.
 *
 * <ul>
 *   <li>Feature matrices are staged once, by content, in a store every executor reaches ({@link SetStore}:
 *       float32 files when the values are floats, through Hadoop's FileSystem API); tasks carry a
 *       {@link SetRef.Block} (a URI and a row range) and read their rows by path ({@link SetReader}).</li>
 *   <li>k-NN: every task reads the smaller side whole (once per executor JVM) and one block of the larger.
 *       Reference blocks give partial top-k lists with global indices ({@link KnnParts#searchPart}), merged on the
 *       driver under the local (distance, index) order; query blocks give whole rows, concatenated in order.
 *       Bit-identical to {@link Knn#searchFast}.</li>
 *   <li>Statistics: rows cut at multiples of {@link Moments#CHUNK}, each task returns its tree pieces about the
 *       set's origin, the driver rebuilds the fixed tree ({@link Moments#combine}): the same bits as
 *       {@link Moments#of} for any number of partitions.</li>
 *   <li>Encoding: the images missing from the feature cache, grouped by content hash, are read by path and
 *       encoded by tasks that load the encoder once per executor JVM; each task writes its own cache shards
 *       atomically (temporary name, rename; no lock), and the driver then reads them. The cache folder must be
 *       reachable by every executor (always so for local[N] and a cluster on one host; a shared file system
 *       otherwise).</li>
 *   <li>Results and shuffled partial lists travel with Kryo ({@link KryoSetup}).</li>
 * </ul>
 */
public final class SparkEngine implements Engine {
    /** Bytes of feature rows (as doubles in a task's memory) per task. */
    static volatile long blockBytes = Long.getLong("cxrbench.spark.blockMB", 64L) << 20;

    /**
     * The largest side every task reads whole (once per executor JVM); when both sides are larger (e.g. a
     * 230,000-image training set searched against itself), query blocks x reference blocks are tiled instead.
     */
    static volatile long broadcastBytes = Long.getLong("cxrbench.spark.broadcastMB", 1024L) << 20;

    private final JavaSparkContext sc;
    private final String master;
    private SetStore store;
    private final int executors;
    private final JobProgress jobs;

    public SparkEngine(String master, PrintStream log) {
        this.master = master == null || master.isBlank() ? "local[*]" : master.trim();
        long t0 = System.nanoTime();
        MasterCheck.reachable(this.master);
        MasterCheck.hasLiveWorkers(this.master);
        SetStore.checkWritable(SetStore.configuredRoot());
        SparkConf conf = conf(this.master);
        try {
            this.sc = new JavaSparkContext(conf);
        } catch (Exception e) { // Scala's SparkException is checked in Java's eyes, and thrown here
            throw new BadInputException("--master " + this.master + ": Spark cannot start a job there ("
                    + firstLine(e) + "); " + MasterCheck.CHECK);
        }
        this.executors = MasterCheck.awaitExecutors(sc, this.master, t0);
        this.store = new SetStore(this.master);
        this.jobs = new JobProgress(org.cxrbench.common.Progress.to(log));
        sc.sc().addSparkListener(jobs);
        log.printf(Locale.ROOT, "spark: %s, %s%d task slots, store %s (%.1f s to start)%n", this.master,
                this.master.startsWith("local") ? "" : executors + " executor(s), ", sc.defaultParallelism(),
                store.inMemory() ? "in this JVM" : store.session(), (System.nanoTime() - t0) / 1e9);
    }

    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("cxrbench").setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", KryoSetup.class.getName())
                .set("spark.kryoserializer.buffer.max", "1024m")
                .set("spark.driver.maxResultSize", "0")
                .set("spark.task.maxFailures", "4");
        String host = System.getProperty("cxrbench.spark.driverHost");
        if (host != null) {
            conf.set("spark.driver.host", host);
        } else if (master.startsWith("local") || master.contains("127.0.0.1") || master.contains("localhost")) {
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
        return conf;
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return root.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    /** Tests: stage into files under {@code uri} from now on (null: back to memory, for local masters). */
    void storeIn(String uri) {
        store.close();
        store = new SetStore(uri, uri == null && master.startsWith("local"));
    }

    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public String describe() {
        return "spark " + master;
    }

    /** Rows per task block: at most {@code blockMB} of doubles, in a multiple of the task slots of equal blocks. */
    private int blockRows(Features x) {
        long bytesPerRow = 8L * x.d();
        int slots = Math.max(1, sc.defaultParallelism());
        int bySize = (int) Math.max(1, blockBytes / bytesPerRow);
        // a multiple of the task slots, of equal size: 10,000 rows in blocks of at most 4,096 on 2 slots are 4
        // blocks of 2,500, not 4,096 + 4,096 + 1,808 (whose last block ran alone: 1.2x the balanced time)
        long blocks = (x.n() + (long) bySize - 1) / bySize;
        blocks = (blocks + slots - 1) / slots * slots;
        return (int) Math.max(1, (x.n() + blocks - 1) / blocks);
    }

    /** Consecutive blocks of {@code rows} rows (the last may be shorter) of a staged set, in order. */
    private static List<SetRef.Block> blocks(SetRef set, int rows) {
        List<SetRef.Block> out = new ArrayList<>();
        for (int r0 = 0, i = 0; r0 < set.n(); r0 += rows, i++) {
            out.add(set.block(i, r0, Math.min(set.n(), r0 + rows)));
        }
        return out;
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
        SetRef q = store.stage(query);
        SetRef r = store.stage(ref);
        if (8L * Math.min(query.n(), ref.n()) * query.d() > broadcastBytes) {
            return tiled(q, r, blockRows(query), blockRows(ref), k);
        }
        if (8L * ref.n() * ref.d() > broadcastBytes) {
            // the references are too big to read whole (the queries are not): every task reads the queries whole
            // and one reference block; partial top-k merged on the driver. Each block refines its own k + 8
            // candidates per query row, so this costs more than the query blocks below when they fit.
            List<SetRef.Block> parts = blocks(r, blockRows(ref));
            List<Tuple2<Integer, Neighbours>> got = jobs.run(knnName(query, ref, k), parts.size(),
                    () -> sc.parallelize(parts, parts.size()).map(p -> {
                        return new Tuple2<>(p.index(), Neighbours.search(
                                () -> KnnParts.searchPart(SetReader.whole(q), SetReader.block(p), p.from(), k)));
                    }).collect());
            return KnnParts.merge(k, query.n(), Neighbours.results(inOrder(got)));
        }
        // every task reads the references whole and one query block: each row refined once, as on one machine
        // (blocks of the references would refine k + 8 candidates per row per block: with Carlini's k = 50 on
        // 5,000 x 10,000, local[2] took 1.2-1.5x the local engine that way); rows concatenated in order
        List<SetRef.Block> parts = blocks(q, blockRows(query));
        List<Tuple2<Integer, Neighbours>> got = jobs.run(knnName(query, ref, k), parts.size(),
                () -> sc.parallelize(parts, parts.size()).map(b -> {
                    return new Tuple2<>(b.index(), Neighbours.search(
                            () -> Knn.searchFast(SetReader.block(b), SetReader.whole(r), k)));
                }).collect());
        return KnnParts.concatRows(Neighbours.results(inOrder(got)));
    }

    private static String knnName(Features query, Features ref, int k) {
        return "k-NN " + query.n() + " x " + ref.n() + " (k=" + k + ")";
    }

    /**
     * Both sides in blocks, one task per (query block, reference block) pair reading both by path: partial top-k
     * lists with global reference indices, merged per query block (top-k of a union is associative and
     * commutative under the total (distance, index) order, so Spark's reduction order cannot change a bit), query
     * blocks concatenated in order.
     */
    private Knn.Result tiled(SetRef q, SetRef r, int queryRows, int refRows, int k) {
        List<Tuple2<SetRef.Block, SetRef.Block>> pairs = new ArrayList<>();
        List<SetRef.Block> queryBlocks = blocks(q, queryRows);
        for (SetRef.Block qb : queryBlocks) {
            for (SetRef.Block rb : blocks(r, refRows)) {
                pairs.add(new Tuple2<>(qb, rb));
            }
        }
        // two stages: the block pairs, then the merge, one partition per query block
        int merges = queryBlocks.size();
        List<Tuple2<Integer, Neighbours>> got = jobs.run("k-NN " + q.n() + " x " + r.n() + " (k=" + k + ", tiled)",
                pairs.size() + merges, () -> sc.parallelize(pairs, pairs.size())
                        .mapToPair(t -> {
                            return new Tuple2<>(t._1().index(), Neighbours.search(() -> KnnParts.searchPart(
                                    SetReader.block(t._1()), SetReader.block(t._2()), t._2().from(), k)));
                        })
                        .reduceByKey((a, b) -> Neighbours.of(KnnParts.merge(Math.min(k, a.k() + b.k()), a.rows(),
                                List.of(a.result(), b.result()))), merges)
                        .collect());
        return KnnParts.concatRows(Neighbours.results(inOrder(got)));
    }

    @Override
    public Moments moments(Features x) {
        if (x.n() < 1) {
            throw new IllegalArgumentException("moments of an empty set");
        }
        double[] origin = Moments.originOf(x);
        int chunks = blockRows(x) / Moments.CHUNK;
        SetRef set = store.stage(x);
        List<SetRef.Block> parts = blocks(set, Math.max(1, chunks) * Moments.CHUNK);
        List<Moments.Piece> pieces = jobs.run("moments of " + x.n() + " x " + x.d(), parts.size(),
                () -> sc.parallelize(parts, parts.size()).flatMap(p -> {
                    return Moments.pieces(SetReader.block(p), p.from(), origin).iterator();
                }).collect());
        return Moments.combine(x.n(), pieces);
    }

    @Override
    public void encodeIntoCache(Manifest m, String encoderSpec, FeatureCache cache, int threads, PrintStream log) {
        Encoder enc = Encoders.get(encoderSpec);
        requireHashesOfRemoteImages(m);
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
                todo.add(new Tuple2<>(h, imageLocation(hashed, i)));
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
        long done = jobs.run("encode " + todo.size() + " images", byHash.size(), () -> sc.parallelize(byHash,
                byHash.size()).map(g -> EncodeTasks.encodeGroup(g, encoderSpec, fp, d, root)).reduce(Long::sum));
        double s = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "spark: encoded %d images in %d tasks (%.1f s, %.0f images/s) into %s%n", done,
                byHash.size(), s, done / s, root);
    }

    /**
     * Where an executor reads image {@code i}: a URI written in the manifest (hdfs://, s3a://, file://, read through
     * Hadoop's FileSystem API by {@link EncodeTasks#decode}) as it is, otherwise the absolute local path.
     */
    static String imageLocation(Manifest m, int i) {
        String p = m.get(i).path();
        return isUri(p) ? p : m.imagePath(i).toAbsolutePath().toString();
    }

    static boolean isUri(String path) {
        return path.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    /**
     * Images given by URI are read by the executors only; the driver does not hash them, so their content hashes
     * (the cache keys) must come with the manifest. One line naming the first row that lacks one, before any work.
     */
    static void requireHashesOfRemoteImages(Manifest m) {
        for (int i = 0; i < m.size(); i++) {
            String p = m.get(i).path();
            if (isUri(p) && m.get(i).sha256().isEmpty()) {
                throw new BadInputException("manifest row " + (i + 1) + " (id '" + m.get(i).id() + "'): the image " + p
                        + " is read by the executors through Hadoop's FileSystem API, not by the driver; give its"
                        + " content hash (sha256:<hex> of the file) in the manifest's sha256 column");
            }
        }
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

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            sc.stop();
            if (master.startsWith("local")) {
                // the executors were this JVM: free the native buffers its tasks kept (executor JVMs free theirs
                // when they exit)
                NativeBuffers.closeShared();
            }
        }
    }
}
