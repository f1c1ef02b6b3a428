package org.cxrbench.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.cxrbench.common.BadInputException;

/**
 * Fails fast, in one line, on a master that cannot serve the job: a spark:// URL nobody listens on (checked with a
 * plain TCP connection before Spark tries, which otherwise retries for a minute and prints stack traces) and a
 * cluster that gives no executor within the wait ({@code -Dcxrbench.spark.executorWaitSeconds}, default 10 for
 * spark:// and 120 for yarn and k8s, whose containers take longer to schedule); a standalone master that reports no
 * live worker able to take an executor (asked over its RPC, else its web UI) fails before Spark starts
 * ({@link #hasLiveWorkers}).
 */
final class MasterCheck {
    private MasterCheck() {}

    static final String CHECK = "check the URL (local[N], spark://HOST:7077, yarn, k8s://...) and that the master runs";

    /** Every host:port of a spark:// URL (HA lists them comma-separated) must accept a TCP connection. */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String hosts = master.substring("spark://".length());
        IOException last = null;
        for (String hp : hosts.split(",")) {
            int colon = hp.lastIndexOf(':');
            if (colon < 1) {
                throw new BadInputException("--master " + master + ": '" + hp + "' has no port; " + CHECK);
            }
            String host = hp.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(hp.substring(colon + 1).replace("/", ""));
            } catch (NumberFormatException e) {
                throw new BadInputException("--master " + master + ": '" + hp + "' has no valid port; " + CHECK);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 3000);
                return; // one live master of an HA list is enough
            } catch (IOException e) {
                last = e;
            }
        }
        throw new BadInputException("--master " + master + ": no Spark master answers there (" + last.getMessage()
                + "); " + CHECK + " (sbin/start-master.sh or the java command in spark/README.md)");
    }

    /**
     * A standalone master that says it has no live worker for 3 s, or no live worker with a free core and the
     * executor's memory, fails then, before Spark starts: the job would only wait for executors that cannot come.
     * The master's web UI ({@code -Dcxrbench.spark.masterWebUiPort}, default 8080, on the master's host) is read
     * first (a plain HTTP request); when it does not answer, the master is asked over its own RPC
     * ({@link MasterState}; this loads Spark's RPC classes, which the context needs anyway). No answer from either
     * changes nothing (the executor wait still applies).
     */
    static void hasLiveWorkers(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        long memMb = executorMemoryMb();
        long settle = Math.min(3000, waitMillis(master));
        for (String hp : master.substring("spark://".length()).split(",")) {
            int colon = hp.lastIndexOf(':');
            String host = hp.substring(0, Math.max(0, colon));
            // the web UI first: a plain HTTP request, no Spark class to load
            if (byWebUi(master, host, settle)) {
                return;
            }
            if (!Boolean.parseBoolean(System.getProperty("cxrbench.spark.askMaster", "true"))) {
                return; // -Dcxrbench.spark.askMaster=false: leave it to the executor wait
            }
            int rpcPort = Integer.parseInt(hp.substring(colon + 1).replace("/", ""));
            MasterState.Workers w = MasterState.ask(host, rpcPort, 5000, settle, memMb);
            if (w == null || w.canTakeExecutor() > 0) {
                return; // no answer: the executor wait still applies
            }
            if (w.alive() == 0) {
                throw new BadInputException("--master " + master + ": the master has no live worker (asked over its "
                        + "RPC); start one (./cxrbench spark-worker " + master + ", see spark/README.md) or name another"
                        + " master");
            }
            throw new BadInputException("--master " + master + ": none of the master's " + w.alive() + " live "
                    + "worker(s) has a free core and " + memMb + " MB of memory free for an executor "
                    + "(-Dcxrbench.spark.executorMemory); free them (other applications hold them) or add a worker");
        }
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The executor memory asked for, in MB (Spark's default 1g). */
    static long executorMemoryMb() {
        String mem = System.getProperty("cxrbench.spark.executorMemory", "1g");
        return new org.apache.spark.SparkConf().set("spark.executor.memory", mem).getSizeAsMb("spark.executor.memory");
    }

    /**
     * The web UI's live worker count ({@code -Dcxrbench.spark.masterWebUiPort}, default 8080): true when it says
     * there are live workers, an error when it says none for {@code settleMs}, false when it does not answer.
     */
    private static boolean byWebUi(String master, String host, long settleMs) {
        int port = Integer.getInteger("cxrbench.spark.masterWebUiPort", 8080);
        Integer alive = aliveWorkers(host, port);
        long until = System.nanoTime() + settleMs * 1_000_000L;
        while (alive != null && alive == 0 && System.nanoTime() < until) {
            if (!pause(250)) {
                return true;
            }
            alive = aliveWorkers(host, port);
        }
        if (alive != null && alive == 0) {
            throw new BadInputException("--master " + master + ": the master has no live worker (its web UI, http://"
                    + host + ":" + port + ", says aliveworkers 0); start one (./cxrbench spark-worker " + master
                    + ", see spark/README.md) or name another master");
        }
        return alive != null;
    }

    /** The master's live worker count from its web UI's JSON, or null when it cannot be read. */
    static Integer aliveWorkers(String host, int port) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://" + host + ":" + port
                    + "/json/").toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(2000);
            try (java.io.InputStream in = c.getInputStream()) {
                String body = new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)")
                        .matcher(body);
                return m.find() ? Integer.valueOf(m.group(1)) : null;
            } finally {
                c.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static long waitMillis(String master) {
        long dflt = master.startsWith("yarn") || master.startsWith("k8s") ? 120 : 10;
        return 1000L * Long.getLong("cxrbench.spark.executorWaitSeconds", dflt);
    }

    /**
     * Waits from {@code startNanos} until at least one executor has registered; returns their number. The driver
     * counts in Spark's list, so a cluster master needs two entries; local masters run tasks in the driver.
     */
    static int awaitExecutors(JavaSparkContext sc, String master, long startNanos) {
        if (master.startsWith("local")) {
            return 1;
        }
        long until = startNanos + waitMillis(master) * 1_000_000L;
        while (executors(sc) < 1 && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int n = executors(sc);
        if (n < 1) {
            String mem = sc.getConf().get("spark.executor.memory", "1g");
            String msg = String.format(Locale.ROOT, "--master %s: the cluster started no executor "
                    + "for this job in %.0f s; check that workers are registered with this master (its web UI, port "
                    + "8080) with a free core and %s of memory free each (-Dcxrbench.spark.executorMemory), and that "
                    + "they can connect back to this host (-Dcxrbench.spark.driverHost)", master,
                    (System.nanoTime() - startNanos) / 1e9, mem);
            sc.stop();
            throw new BadInputException(msg);
        }
        return n;
    }

    static int executors(JavaSparkContext sc) {
        return Math.max(0, sc.sc().getExecutorMemoryStatus().size() - 1);
    }
}
