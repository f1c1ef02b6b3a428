package org.cxrbench.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone Spark cluster on 127.0.0.1 for tests and benchmarks: Spark's own Master and Workers as separate
 * JVMs on this JVM's class path (the Maven jars), with a Spark "home" whose jars/ links that class path (what a
 * worker puts on its executors' class path). Executors also get the class path's folders (the module's classes).
 */
final class LoopbackCluster implements AutoCloseable {
    final String url;
    /** The master's web UI port (its /json/ says how many workers are alive). */
    final int webUiPort;
    final List<Process> workers = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private final Path home;

    LoopbackCluster(Path home, int workerCount, int coresEach, String workerMemory) throws IOException {
        this.home = home;
        Path jars = Files.createDirectories(home.resolve("spark-home").resolve("jars"));
        StringBuilder dirs = new StringBuilder();
        for (String e : classPath().split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            } else if (Files.isDirectory(p)) {
                dirs.append(dirs.length() == 0 ? "" : File.pathSeparator).append(p.toAbsolutePath());
            }
        }
        System.setProperty("cxrbench.spark.executorClassPath", dirs.toString());
        int port = freePort();
        url = "spark://127.0.0.1:" + port;
        webUiPort = freePort();
        startJvm("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--webui-port", String.valueOf(webUiPort)));
        awaitPort(port);
        for (int i = 1; i <= workerCount; i++) {
            workers.add(startJvm("worker" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--cores", String.valueOf(coresEach), "--memory", workerMemory, "--webui-port",
                    String.valueOf(freePort()), "--work-dir", home.resolve("work" + i).toString(), url)));
        }
    }

    /** Waits (up to 2 minutes) until the master accepts connections, so drivers and workers find it at once. */
    private void awaitPort(int port) throws IOException {
        long until = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < until) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw new IOException("the Spark master did not listen on port " + port + " within 2 minutes; see "
                + home.resolve("master.log"));
    }

    static String classPath() {
        return System.getProperty("java.class.path");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Process startJvm(String name, List<String> args) throws IOException {
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
        started.add(p);
        return p;
    }

    int aliveWorkers() {
        return (int) workers.stream().filter(Process::isAlive).count();
    }

    /** Kills worker i (0-based) and the executors it launched. */
    void killWorker(int i) {
        Process w = workers.get(i);
        w.descendants().forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
    }

    /** Opens an engine on the cluster and waits until every live worker has an executor registered. */
    SparkEngine engine(java.io.PrintStream log) throws InterruptedException {
        long until = System.currentTimeMillis() + 180_000;
        // the workers register with the master a few seconds after they start; the engine's fail-fast check would
        // (rightly) refuse a master without live workers, so wait for the master to count them first
        Integer registered = MasterCheck.aliveWorkers("127.0.0.1", webUiPort);
        while ((registered == null || registered < aliveWorkers()) && System.currentTimeMillis() < until) {
            Thread.sleep(200);
            registered = MasterCheck.aliveWorkers("127.0.0.1", webUiPort);
        }
        SparkEngine e = new SparkEngine(url, log);
        int want = 1 + aliveWorkers(); // the driver counts too
        while (e.context().sc().getExecutorMemoryStatus().size() < want && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
        if (e.context().sc().getExecutorMemoryStatus().size() < want) {
            e.close();
            throw new IllegalStateException("executors did not register in 3 minutes; see " + home + "/*.log");
        }
        return e;
    }

    @Override
    public void close() {
        System.clearProperty("cxrbench.spark.executorClassPath");
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
