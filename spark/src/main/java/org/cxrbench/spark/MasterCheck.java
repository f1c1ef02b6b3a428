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
 * spark:// and 120 for yarn and k8s, whose containers take longer to schedule).
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
