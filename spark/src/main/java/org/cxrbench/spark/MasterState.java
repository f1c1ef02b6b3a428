package org.cxrbench.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.deploy.master.WorkerState;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;

/**
 * Asks a standalone master for its workers over the master's own RPC endpoint (the message its web UI uses,
 * {@code RequestMasterState}), before a Spark context is started: a context costs 10-20 s to start on a loaded
 * machine, and without a worker that can take an executor the job would then only wait. Needs no web UI and no
 * port guess; a master that does not answer within the timeout gives null (nothing is decided here).
 */
final class MasterState {
    private MasterState() {}

    /** The master's live workers, and how many of them have a free core and the executor's memory free. */
    record Workers(int alive, int canTakeExecutor) {}

    /**
     * The standalone master at host:port, asked with a {@code timeoutMs} limit per question; while no worker can take
     * an executor it is asked again every 250 ms until {@code settleMs} have passed (workers started with the master
     * take a moment to register). Null when it cannot be asked.
     */
    static Workers ask(String host, int port, long timeoutMs, long settleMs, long executorMemoryMb) {
        SparkConf conf = new SparkConf().set("spark.rpc.askTimeout", timeoutMs + "ms")
                .set("spark.rpc.lookupTimeout", timeoutMs + "ms").set("spark.network.timeout", timeoutMs + "ms");
        RpcEnv env = null;
        try {
            org.apache.spark.SecurityManager security = new org.apache.spark.SecurityManager(conf,
                    scala.Option.empty(), org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE());
            env = RpcEnv.create("cxrbench-master-check", "127.0.0.1", 0, conf, security, true);
            RpcEndpointRef master = env.setupEndpointRef(new RpcAddress(host, port), "Master");
            long until = System.nanoTime() + settleMs * 1_000_000L;
            Workers w = workers(master, executorMemoryMb);
            while (w.canTakeExecutor() == 0 && System.nanoTime() < until) {
                Thread.sleep(250);
                w = workers(master, executorMemoryMb);
            }
            return w;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception | LinkageError e) { // SparkException, timeouts, an incompatible master
            return null;
        } finally {
            if (env != null) {
                env.shutdown();
            }
        }
    }

    private static Workers workers(RpcEndpointRef master, long executorMemoryMb) {
        DeployMessages.MasterStateResponse state = master.askSync(DeployMessages.RequestMasterState$.MODULE$,
                scala.reflect.ClassTag$.MODULE$.apply(DeployMessages.MasterStateResponse.class));
        {
            int alive = 0;
            int free = 0;
            for (WorkerInfo w : state.workers()) {
                if (w.state() == WorkerState.ALIVE()) {
                    alive++;
                    if (w.coresFree() >= 1 && w.memoryFree() >= executorMemoryMb) {
                        free++;
                    }
                }
            }
            return new Workers(alive, free);
        }
    }
}
