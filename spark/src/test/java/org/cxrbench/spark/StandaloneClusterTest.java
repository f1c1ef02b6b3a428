package org.cxrbench.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;
import org.cxrbench.privacy.PrivacyMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on 127.0.0.1: Spark's own Master and two Workers (one core each) as separate
 * JVMs started from the Maven jars, executors launched by the workers. A privacy job and an encoding job are
 * compared with the local engine; one worker is killed in the middle of a job and the result must not change.
 */
class StandaloneClusterTest {
    static final List<Process> STARTED = new ArrayList<>();
    static Process master;
    static Process worker1;
    static Process worker2;
    static String url;
    @TempDir static Path home;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String classPath() {
        return System.getProperty("java.class.path");
    }

    static Process startJvm(String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        for (String o : System.getProperty("cxrbench.spark.jvmOpens", "").split(" ")) {
            if (!o.isBlank()) {
                cmd.add(o);
            }
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        STARTED.add(p);
        return p;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        // a Spark "home" whose jars/ holds the Maven class path (what the workers put on their executors' class path)
        Path jars = Files.createDirectories(home.resolve("spark-home").resolve("jars"));
        for (String e : classPath().split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        int port = freePort();
        url = "spark://127.0.0.1:" + port;
        master = startJvm("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        worker1 = startJvm("worker1", worker(1));
        worker2 = startJvm("worker2", worker(2));
        // the module's own classes and test resources are directories on the class path, not jars
        StringBuilder dirs = new StringBuilder();
        for (String e : classPath().split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(e))) {
                dirs.append(dirs.length() == 0 ? "" : File.pathSeparator).append(e);
            }
        }
        System.setProperty("cxrbench.spark.executorClassPath", dirs.toString());
        System.setProperty("cxrbench.spark.executorMemory", "1g");
    }

    static List<String> worker(int i) throws IOException {
        return List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1200m",
                "--webui-port", String.valueOf(freePort()), "--work-dir", home.resolve("work" + i).toString(), url);
    }

    @AfterAll
    static void stopCluster() {
        System.clearProperty("cxrbench.spark.executorClassPath");
        System.clearProperty("cxrbench.spark.executorMemory");
        for (Process p : STARTED) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Opens the engine on the cluster once both workers have an executor up. */
    static SparkEngine engine() throws InterruptedException {
        SparkEngine e = new SparkEngine(url, StandaloneClusterTest.quiet());
        int want = 1 + (worker1.isAlive() ? 1 : 0) + (worker2.isAlive() ? 1 : 0); // driver + one executor per worker
        long until = System.currentTimeMillis() + 120_000;
        while (e.context().sc().getExecutorMemoryStatus().size() < want && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
        assertThat(e.context().sc().getExecutorMemoryStatus().size()).as("executors registered").isEqualTo(want);
        return e;
    }

    static java.io.PrintStream quiet() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }

    @Test
    void privacyOnTheClusterEqualsTheLocalEngineEvenWhenAWorkerIsKilledMidJob() throws Exception {
        Features train = SparkEquivalenceTest.gaussian(6000, 64, 0.0, 41);
        Features syn = SparkEquivalenceTest.gaussian(1500, 64, 0.05, 42);
        for (int i = 0; i < 40; i++) {
            System.arraycopy(train.data(), (i * 13) * 64, syn.data(), i * 64, 64);
        }
        Features hold = SparkEquivalenceTest.gaussian(800, 64, 0.0, 43);
        PrivacyMetrics.Result local = PrivacyMetrics.compute(train, syn, hold, PrivacyMetrics.Options.defaults());
        SparkEngine.blockBytes = 8L * 64 * 250; // 24 reference blocks: many tasks, so a kill lands mid-job
        try (SparkEngine spark = engine()) {
            PrivacyMetrics.Result plain = PrivacyMetrics.compute(train, syn, hold, PrivacyMetrics.Options.defaults(), spark);
            assertThat(plain.dcr()).containsExactly(local.dcr());
            assertThat(plain.nnTrainIndex()).containsExactly(local.nnTrainIndex());
            assertThat(plain.summary()).isEqualTo(local.summary());

            // kill worker 2 (and its executor) when the third task of the next job has finished
            AtomicBoolean killed = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (ended.incrementAndGet() == 3 && killed.compareAndSet(false, true)) {
                        worker2.descendants().forEach(ProcessHandle::destroyForcibly);
                        worker2.destroyForcibly();
                    }
                }
            });
            PrivacyMetrics.Result afterKill = PrivacyMetrics.compute(train, syn, hold, PrivacyMetrics.Options.defaults(), spark);
            assertThat(killed).as("a worker was killed during the job").isTrue();
            assertThat(worker2.isAlive()).isFalse();
            assertThat(afterKill.dcr()).containsExactly(local.dcr());
            assertThat(afterKill.nnTrainIndex()).containsExactly(local.nnTrainIndex());
            assertThat(afterKill.nndr()).containsExactly(local.nndr());
            assertThat(afterKill.memorized()).containsExactly(local.memorized());
            assertThat(afterKill.summary()).isEqualTo(local.summary());
        } finally {
            SparkEngine.blockBytes = 32L << 20;
        }
    }

    @Test
    void encodingOnTheClusterFillsTheCacheWithTheLocalFeatures(@TempDir Path dir) throws Exception {
        Random r = new Random(9);
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 24; i++) {
            float[] px = new float[64 * 64];
            for (int j = 0; j < px.length; j++) {
                px[j] = (float) (0.5 + 0.3 * Math.sin(j * 0.01 * (i + 1)) + 0.1 * r.nextGaussian());
                px[j] = Math.max(0, Math.min(1, px[j]));
            }
            ImageWriter.png8(new GreyImage(64, 64, px, 8), images.resolve("cxr" + i + ".png"));
        }
        Manifest m = FolderReader.read(images, null);
        Encoder enc = Encoders.get("cxr-cnn");
        Features plain = ImageEncoding.encode(m, enc, 2, quiet(), "test");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        try (SparkEngine spark = engine()) {
            spark.encodeIntoCache(m, "cxr-cnn", cache, 1, quiet());
        }
        // every row now comes from the cache, with the bits of a local encoding
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Features fromCache = ImageEncoding.encode(m, enc, 1, new java.io.PrintStream(log), "test", cache);
        assertThat(log.toString()).contains("24 of 24 images' features from the cache");
        assertThat(fromCache.data()).containsExactly(plain.data());
    }
}
