package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads N} holds for every kernel and parallel loop of a command: at {@code --threads 1} the JVM's
 * threads that did the command's work (counted by CPU time, independently of cxrbench's own bookkeeping) are one
 * cxrbench worker, never the common fork-join pool or another helper; and the numbers are the same bits at 1 and
 * 2 threads. The fidelity run covers the blocked dgemm/dsyrk products (FID, KID, PRDC distance blocks) and KID's
 * parallel bootstrap loop; the privacy run the single-precision k-NN search and its parallel selection.
 */
class ThreadsTest {
    @TempDir Path dir;

    /** CPU time a thread must use during a run to count as having worked in it (a JVM's idle threads use ~0). */
    static final long WORKED_NANOS = 30_000_000L;

    @Test
    void fidelityAtOneThreadUsesOneWorkerAndGivesTheBitsOfTwo() throws Exception {
        Path real = CliTest.features(dir.resolve("r.npy"), 900, 48, 0, 1);
        Path syn = CliTest.features(dir.resolve("s.npy"), 700, 48, 0.3, 2);
        String[] common = {"fidelity", "--real", real.toString(), "--synthetic", syn.toString(), "--kid-subsets", "20",
                "--kid-subset-size", "300", "--bootstrap", "40", "--k", "3", "-q", "--json"};
        JsonNode one = runAndCheckOneWorker(common, dir.resolve("one.json"));
        JsonNode two = run(common, dir.resolve("two.json"), "2");
        assertThat(one.get("metrics").get("fid").get("ci95")).isNotNull();
        assertThat(one.get("metrics").toString()).isEqualTo(two.get("metrics").toString());
    }

    @Test
    void privacyAtOneThreadUsesOneWorkerAndGivesTheBitsOfTwo() throws Exception {
        Path train = CliTest.features(dir.resolve("t.npy"), 1500, 48, 0, 3);
        Path syn = CliTest.features(dir.resolve("s.npy"), 1200, 48, 0.1, 4);
        Path hold = CliTest.features(dir.resolve("h.npy"), 600, 48, 0, 5);
        String[] common = {"privacy", "--train", train.toString(), "--synthetic", syn.toString(), "--holdout",
                hold.toString(), "-q", "--json"};
        JsonNode one = runAndCheckOneWorker(common, dir.resolve("one.json"));
        JsonNode two = run(common, dir.resolve("two.json"), "2");
        assertThat(one.get("metrics").get("dcr_median")).isNotNull();
        assertThat(one.get("metrics").toString()).isEqualTo(two.get("metrics").toString());
    }

    @Test
    void cudaWithoutAGpuStopsBeforeAnyWork() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.cxrbench.encode.ComputeDevice.cudaPresent(), "a CUDA device is here");
        Path real = CliTest.features(dir.resolve("r.npy"), 50, 4, 0, 1);
        Path json = dir.resolve("f.json");
        CliTest.Run r = CliTest.run("fidelity", "--real", real.toString(), "--synthetic", real.toString(), "--device",
                "cuda", "--json", json.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: --device cuda:0: no CUDA device here").doesNotContain("\n");
        assertThat(json).doesNotExist();
        CliTest.Run bad = CliTest.run("fidelity", "--real", real.toString(), "--synthetic", real.toString(), "--device",
                "gpu0", "--json", json.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--device gpu0: give cpu, cuda or cuda:N");
    }

    private JsonNode runAndCheckOneWorker(String[] args, Path json) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = cpuTimes(mx, new HashMap<>());
        // the command's workers end with it: sample every thread's CPU time while it runs
        Map<Long, Long> last = new java.util.concurrent.ConcurrentHashMap<>(before);
        Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                cpuTimes(mx, names).forEach(last::put);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "threads-test-sampler");
        sampler.start();
        JsonNode out;
        java.io.PrintStream stdout = System.out;
        // the command's tables go nowhere, so the test harness's stdout pump has nothing to do
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            out = run(args, json, "1");
        } finally {
            System.setOut(stdout);
            running.set(false);
            sampler.join();
        }
        cpuTimes(mx, names).forEach(last::put);
        List<String> worked = new java.util.ArrayList<>();
        long self = Thread.currentThread().getId();
        for (Map.Entry<Long, Long> e : last.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = names.get(e.getKey());
            // the test harness's own I/O threads (surefire-*) are not the command's
            if (e.getKey() != self && e.getKey() != sampler.getId() && used >= WORKED_NANOS
                    && !name.startsWith("surefire-")) {
                worked.add(name);
            }
        }
        assertThat(worked).as("threads that worked at --threads 1").hasSize(1);
        assertThat(worked.get(0)).startsWith("cxrbench-worker-");
        return out;
    }

    private static JsonNode run(String[] args, Path json, String threads) throws Exception {
        String[] all = java.util.Arrays.copyOf(args, args.length + 3);
        all[args.length] = json.toString();
        all[args.length + 1] = "--threads";
        all[args.length + 2] = threads;
        CliTest.Run r = CliTest.run(all);
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(json.toFile());
    }

    private static Map<Long, Long> cpuTimes(ThreadMXBean mx, Map<Long, String> names) {
        Map<Long, Long> t = new HashMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(info.getThreadId());
            if (ns >= 0) {
                t.put(info.getThreadId(), ns);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return t;
    }
}
