package org.cxrbench.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.cxrbench.common.BadInputException;
import org.cxrbench.linalg.Features;
import scala.Tuple2;

/**
 * Driver side of the feature store: writes each matrix a job needs once, by content, under a folder every executor
 * reaches ({@code -Dcxrbench.spark.store=URI}: file:///shared/..., hdfs://..., s3a://...; default a temporary folder
 * on this host, enough for local[N] and a cluster on one host). No reader sees part of a file and no writer takes a
 * lock ({@link #writeWhole}: a temporary name then a rename on file systems; on s3a:// the final key, which appears
 * only when its upload completes). A set whose every value is a float32 (encoder features always are) is stored as
 * float32: half the bytes, and the same doubles when read back. The session's folder is removed on close.
 *
 * <p>For local masters the executors are this JVM, so the matrices are handed over in memory instead
 * ({@link SetReader#inThisJvm}) and nothing is written, unless {@code -Dcxrbench.spark.store} is set.
 */
final class SetStore implements AutoCloseable {
    /** Rows per file: at most 64 MB of payload (tests lower it). */
    static volatile long fileBytes = 64L << 20;

    private final String session;
    private final boolean inMemory;
    private final Map<String, SetRef> staged = new HashMap<>();

    SetStore(String master) {
        this(configuredRoot(), master.startsWith("local") && configuredRoot() == null);
    }

    /** A store under {@code root} (null: a temporary folder); {@code inMemory}: hand sets over in this JVM. */
    SetStore(String root, boolean inMemory) {
        this.inMemory = inMemory;
        if (root == null) {
            root = java.nio.file.Path.of(System.getProperty("java.io.tmpdir")).toUri().toString();
        }
        this.session = stripSlash(root) + "/cxrbench-spark-" + UUID.randomUUID();
    }

    static String configuredRoot() {
        String root = System.getProperty("cxrbench.spark.store", System.getenv("CXRBENCH_SPARK_STORE"));
        return root == null || root.isBlank() ? null : root;
    }

    boolean inMemory() {
        return inMemory;
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    String session() {
        return session;
    }

    /**
     * The content ids of the matrices hashed here, by matrix object (weakly held: a matrix no longer used is
     * forgotten; {@link Features} has identity equality), with a sample of its values to check against.
     */
    private final Map<Features, Remembered> ids = new WeakHashMap<>();

    private record Remembered(String id, long sample) {}

    /** The descriptor of {@code x}, writing it on first use (a matrix already staged by content is reused). */
    synchronized SetRef stage(Features x) {
        String id = idOf(x);
        SetRef have = staged.get(id);
        if (have != null) {
            return have;
        }
        boolean f32 = x.isFloat32() || allFloats(x);
        int fileRows = (int) Math.max(1, Math.min(x.n(), fileBytes / ((f32 ? 4L : 8L) * Math.max(1, x.d()))));
        SetRef ref = new SetRef(id, session + "/" + id, x.n(), x.d(), fileRows, f32);
        if (inMemory) {
            SetReader.inThisJvm.put(id, x);
        } else {
            write(ref, x);
        }
        staged.put(id, ref);
        return ref;
    }

    private static void write(SetRef ref, Features x) {
        try {
            FileSystem fs = fileSystem(ref.uri());
            int parts = (x.n() + ref.fileRows() - 1) / ref.fileRows();
            for (int p = 0; p < parts; p++) {
                int r0 = p * ref.fileRows();
                int r1 = Math.min(x.n(), r0 + ref.fileRows());
                writeWhole(fs, new Path(ref.file(p)), out -> {
                    ByteBuffer row = ByteBuffer.allocate(ref.bytesPerValue() * x.d()).order(ByteOrder.LITTLE_ENDIAN);
                    double[] a = new double[x.d()];
                    for (int i = r0; i < r1; i++) {
                        row.clear();
                        x.row(i, a, 0);
                        for (int j = 0; j < x.d(); j++) {
                            if (ref.float32()) {
                                row.putFloat((float) a[j]);
                            } else {
                                row.putDouble(a[j]);
                            }
                        }
                        out.write(row.array());
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Spark feature store " + ref.uri() + " (set "
                    + "-Dcxrbench.spark.store to a folder every executor can write and read): " + e.getMessage(), e);
        }
    }

    /** What writes a file's bytes. */
    interface Body {
        void writeTo(FSDataOutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} so that no reader ever sees part of it. On a file system (file://, hdfs://): to a
     * temporary name in the same folder, then renamed. On an object store whose output streams publish nothing
     * before {@code close()} (Hadoop's {@code fs.capability.outputstream.abortable}: s3a://, where the object appears
     * only when its PUT or multipart upload completes on close, and where a rename would be a server-side copy and a
     * delete): straight to the final key, and aborted (nothing published) if writing fails.
     */
    static void writeWhole(FileSystem fs, Path target, Body body) throws IOException {
        if (fs.hasPathCapability(target, CommonPathCapabilities.ABORTABLE_STREAM)) {
            FSDataOutputStream out = fs.create(target, true);
            boolean published = false;
            try {
                body.writeTo(out);
                out.close();
                published = true;
            } finally {
                if (!published) {
                    out.abort();
                }
            }
            return;
        }
        Path tmp = new Path(target + ".tmp-" + UUID.randomUUID());
        boolean renamed = false;
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                body.writeTo(out);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
            renamed = true;
        } finally {
            if (!renamed) {
                try {
                    fs.delete(tmp, false);
                } catch (IOException e) {
                    // a leftover .tmp-UUID file, never read; the failure that got here is the one to report
                }
            }
        }
    }

    /** Hadoop's settings and the {@code spark.hadoop.*} entries they were made from. */
    private record Settings(Map<String, String> entries, Configuration conf) {}

    private static volatile Settings hadoop;

    /**
     * Hadoop's settings: its XML resources on the class path (core-site.xml ...), then every
     * {@code spark.hadoop.KEY=VALUE} of the running Spark as {@code KEY=VALUE}, as Spark itself does for its own
     * Hadoop configuration (on the driver, {@code -Dspark.hadoop.fs.s3a.endpoint=...}; executors get the driver's
     * Spark settings), or of this JVM's system properties where no Spark runs. Made once and shared while those
     * entries do not change: a {@code new Configuration()} per call re-reads its XML resources on first use, which
     * cost ~10 ms of CPU per block read (measured: 8-row blocks, 11-16 ms each, file:// and hdfs:// alike, before
     * this was shared; StoreReadBench).
     */
    static Configuration hadoopConf() {
        Map<String, String> entries = new TreeMap<>();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (Tuple2<String, String> e : env.conf().getAllWithPrefix(SPARK_HADOOP)) {
                entries.put(e._1(), e._2());
            }
        } else {
            for (String key : System.getProperties().stringPropertyNames()) {
                if (key.startsWith(SPARK_HADOOP)) {
                    entries.put(key.substring(SPARK_HADOOP.length()), System.getProperty(key));
                }
            }
        }
        Settings have = hadoop;
        if (have == null || !have.entries().equals(entries)) {
            Configuration conf = new Configuration();
            entries.forEach(conf::set);
            have = new Settings(entries, conf);
            hadoop = have;
        }
        return have.conf();
    }

    private static final String SPARK_HADOOP = "spark.hadoop.";

    /** Hadoop's file system for a URI (cached by Hadoop per scheme and authority); for file:// the raw one (no .crc side files). */
    static FileSystem fileSystem(String uri) throws IOException {
        FileSystem fs = FileSystem.get(URI.create(uri), hadoopConf());
        return fs instanceof LocalFileSystem l ? l.getRaw() : fs;
    }

    /**
     * Before Spark starts: a store named by {@code -Dcxrbench.spark.store} must be writable from here, else one line
     * naming it and what to check (exit 2). Asked once, with Hadoop's retries cut short (one attempt, 5 s to
     * connect), so an endpoint nobody answers on fails in seconds instead of after S3A's minutes of retries.
     */
    static void checkWritable(String root) {
        if (root == null) {
            return;
        }
        Configuration quick = new Configuration(hadoopConf());
        quick.setInt("fs.s3a.attempts.maximum", 1);
        quick.setInt("fs.s3a.retry.limit", 1);
        quick.set("fs.s3a.retry.interval", "100ms");
        quick.set("fs.s3a.connection.establish.timeout", "5000");
        quick.set("fs.s3a.connection.timeout", "10000");
        quick.setInt("ipc.client.connect.max.retries", 1);
        quick.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
        try (FileSystem fs = FileSystem.newInstance(URI.create(root), quick)) {
            fs.mkdirs(new Path(root));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("the Spark store " + root + " (-Dcxrbench.spark.store or"
                    + " $CXRBENCH_SPARK_STORE): cannot write there ("
                    + SparkEngine.firstLine(e) + "); check the URI, that the folder or bucket exists and, for s3a://,"
                    + " the -Dspark.hadoop.fs.s3a.* settings (endpoint, region, path style, credentials; see"
                    + " spark/README.md, Storage)");
        }
    }

    static boolean allFloats(Features x) {
        double[] a = new double[x.d()];
        for (int i = 0; i < x.n(); i++) {
            x.row(i, a, 0);
            if (!allFloats(a)) {
                return false;
            }
        }
        return true;
    }

    static boolean allFloats(double[] a) {
        for (double v : a) {
            if ((double) (float) v != v && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #contentId} of {@code x}, hashed once per matrix object: a matrix searched again (the training set of
     * every privacy search, each generator of a run) is found by identity, checked against a hash of
     * {@link #SAMPLE_ROWS} of its rows spread over it, instead of hashing every value on the driver again (one
     * thread, 60-100 ms per 10,000 x 2048 on this project's 2-core machine; the five searches of {@code privacy}
     * hashed 69,000 rows each time). A matrix's values are not meant to change ({@link Features} uses the array it
     * is given, as every engine does); one changed in place since is hashed again when the change reaches a sampled
     * row.
     */
    private String idOf(Features x) {
        long sample = sampleHash(x);
        Remembered have = ids.get(x);
        if (have != null && have.sample() == sample) {
            return have.id();
        }
        String id = contentId(x);
        ids.put(x, new Remembered(id, sample));
        return id;
    }

    /** Rows whose every value {@link #sampleHash} reads (the first, the last and evenly spaced between). */
    static final int SAMPLE_ROWS = 64;

    /** A hash of (n, d, the bits of every value of {@link #SAMPLE_ROWS} rows spread evenly over x). */
    static long sampleHash(Features x) {
        int rows = Math.min(x.n(), SAMPLE_ROWS);
        long h = 0x9E3779B97F4A7C15L ^ x.n() ^ ((long) x.d() << 32);
        double[] row = new double[x.d()];
        for (int s = 0; s < rows; s++) {
            int i = rows == 1 ? 0 : (int) ((long) s * (x.n() - 1) / (rows - 1));
            x.row(i, row, 0);
            for (double v : row) {
                h = Long.rotateLeft(h ^ mix(Double.doubleToRawLongBits(v)), 27) * 0x9E3779B97F4A7C15L + i;
            }
        }
        return mix(h);
    }

    /** A 128-bit content hash of (n, d, every value's bits): two different matrices share it by chance only. */
    static String contentId(Features x) {
        long h1 = 0x9E3779B97F4A7C15L ^ x.n();
        long h2 = 0xC2B2AE3D27D4EB4FL ^ ((long) x.d() << 32);
        double[] row = new double[x.d()];
        for (int i = 0; i < x.n(); i++) {
            x.row(i, row, 0);
            for (double v : row) {
                long b = Double.doubleToRawLongBits(v);
                h1 = Long.rotateLeft(h1 ^ mix(b), 27) * 0x9E3779B97F4A7C15L + 0x52DCE729L;
                h2 = Long.rotateLeft(h2 + mix(b ^ 0x5bd1e995L), 31) * 0xC2B2AE3D27D4EB4FL;
            }
        }
        return String.format(java.util.Locale.ROOT, "set-%016x%016x", mix(h1 ^ h2), mix(h2 + x.n()));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe53e5ec3L;
        return z ^ (z >>> 33);
    }

    @Override
    public synchronized void close() {
        for (String id : staged.keySet()) {
            SetReader.inThisJvm.remove(id);
        }
        if (!inMemory && !staged.isEmpty()) {
            try {
                fileSystem(session).delete(new Path(session), true);
            } catch (IOException e) {
                // a leftover folder in the store is harmless; it is named by session
            }
        }
        staged.clear();
        ids.clear();
    }
}
