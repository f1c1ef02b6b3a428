package org.cxrbench.run;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cxrbench.common.BadInputException;
import org.cxrbench.fidelity.Fid;
import org.cxrbench.fidelity.GaussianStats;
import org.cxrbench.fidelity.Kid;
import org.cxrbench.fidelity.Prdc;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.ParallelKernels;

/**
 * {@code bench --release}: the full-release shapes (SynthCheX-75K, 75,649 synthetic images, against MIMIC-CXR's
 * 230,000 training images and a holdout, d = 2048) timed on seeded synthetic features scaled down by a factor s
 * (rows x s), each stage run through the entry points a run uses (fidelity's covariances, FID, KID, PRDC radii and
 * counts; the privacy searches through {@link ParallelKernels#LOCAL}, as {@code PrivacyMetrics} makes them) and
 * projected to full size from its measured rate per FLOP (the stages are blocked, so a block at full size does the
 * same work per FLOP as at scale; the KID subsets and the FID trace do not depend on the row counts and are timed
 * at full size). Beside each stage: its FLOP-limit time at full size, the stage's GEMM (or LAPACK) FLOPs over this
 * machine's best measured sgemm or dgemm rate, its CPU ratio (the stage's process CPU seconds over its FLOPs at
 * the best GEMM rate per CPU second, which a loaded machine disturbs less than wall time; idle workers do not show in
 * it), and the stage's peak Java heap at scale and projected to full size. Before the stages, an untimed warm-up runs
 * the largest k-NN search once (its time is printed): a run's first search faults in the native buffers every later
 * search reuses, a one-time cost that the per-FLOP projection must not multiply.
 *
 * <p>Peak heap is the sum of the heap pools' peaks after a GC at the stage start (an upper bound: the pools may
 * peak at different moments); native buffers (the float copy of a k-NN reference set, OpenBLAS's) are not in it.
 * To project it, every stage runs a second time on the first half of each set's rows (row views of the same
 * inputs, so only the stage's own memory differs): the growth of what the stage leaves live (its results, measured
 * after a full GC with them still held: per-row distances, top-k lists, radii; for a blocked kernel the part of its
 * memory that grows with the rows) from half scale to scale is extrapolated linearly in the rows to full size and
 * added to the working heap at scale. Peaks themselves are not extrapolated: they include garbage the collector
 * has not yet reclaimed, and their difference between two runs is noise. The inputs are added at full size as they sit in this bench (float32 on the heap),
 * and also left out, as for memory-mapped .npy feature files. The total is printed beside issue 22's goal of
 * {@link #HEAP_GOAL_BYTES}.
 */
public final class ReleaseBench {
    private ReleaseBench() {}

    /** SynthCheX-75K's synthetic images. */
    static final int SYNTHETIC = 75_649;
    /** MIMIC-CXR-JPG's training images, as issue 22 counts them. */
    static final int TRAIN = 230_000;
    /** MIMIC-CXR-JPG's official test split (5,159 images), the holdout of the privacy checks. */
    static final int HOLDOUT = 5_159;
    /** Issue 22's bound on the peak Java heap of a full release (all fidelity and privacy metrics). */
    static final long HEAP_GOAL_BYTES = 4_000_000_000L;
    /** PRDC's k (the fidelity command's default). */
    static final int PRDC_K = 5;

    public record Request(double scale, int d, int kidSubsets, int kidSubsetSize, int threads) {
        public Request {
            if (!(scale > 0 && scale <= 1)) {
                throw new BadInputException("--scale " + scale + ": give a fraction in (0, 1], e.g. 0.05");
            }
            if (d < 1) {
                throw new BadInputException("--d " + d + ": give at least 1");
            }
        }

        int rows(int full) {
            return (int) Math.max(PRDC_K + 2, Math.round(full * scale));
        }

        /** The first half of each scaled set (at least PRDC's k + 2 rows), for the heap's growth with the rows. */
        int halfRows(int full) {
            return Math.max(PRDC_K + 2, rows(full) / 2);
        }
    }

    /** Which product bounds a stage: single or double precision GEMM (LAPACK counts as dgemm). */
    enum Gemm { SGEMM, DGEMM }

    /**
     * One timed stage: its FLOPs at scale and at full size (equal for stages independent of the row counts), the
     * measured seconds and peak heap at scale.
     */
    record Stage(String name, Gemm gemm, double flopsAtScale, double flopsFull, double seconds, double cpuSeconds,
                 long peakHeap, long retained, long workingHeapFull) {
        Stage(String name, Gemm gemm, double flopsAtScale, double flopsFull, double seconds, double cpuSeconds,
              long peakHeap, long retained) {
            this(name, gemm, flopsAtScale, flopsFull, seconds, cpuSeconds, peakHeap, retained, -1);
        }

        Stage withWorkingHeapFull(long bytes) {
            return new Stage(name, gemm, flopsAtScale, flopsFull, seconds, cpuSeconds, peakHeap, retained, bytes);
        }

        /** The stage's process CPU seconds over its FLOPs' CPU seconds at the best sgemm/dgemm rate per CPU second. */
        double cpuRatio(Rates r) {
            double perCpuSecond = gemm == Gemm.SGEMM ? r.sgemmCpu() : r.dgemmCpu();
            return cpuSeconds / (flopsAtScale / perCpuSecond);
        }

        double projected() {
            return seconds * flopsFull / flopsAtScale;
        }

        double limit(Rates r) {
            return flopsFull / (gemm == Gemm.SGEMM ? r.sgemm() : r.dgemm());
        }
    }

    /**
     * The machine's best measured GEMM rates: FLOP per second of wall time, and FLOP per second of process CPU time
     * (on a loaded machine the CPU rates compare a stage with the GEMM better than wall time does).
     */
    record Rates(double sgemm, double dgemm, double sgemmCpu, double dgemmCpu) {
        Rates(double sgemm, double dgemm) {
            this(sgemm, dgemm, Double.NaN, Double.NaN);
        }
    }

    public static void run(Request req, PrintStream out) {
        int ns = req.rows(SYNTHETIC);
        int nt = req.rows(TRAIN);
        int nh = req.rows(HOLDOUT);
        int d = req.d();
        out.printf(Locale.ROOT, "cxrbench bench --release: %,d synthetic x %,d train (+ %,d holdout) x d=%d at scale %s"
                        + " (%,d x %,d + %,d rows), %d threads, Java heap max %.1f GB%n", SYNTHETIC, TRAIN, HOLDOUT, d,
                req.scale(), ns, nt, nh, req.threads(), Runtime.getRuntime().maxMemory() / 1e9);
        Rates before = gemmRates();
        double[] warm = new double[2];
        List<Stage> stages = measure(req, warm);
        Rates after = gemmRates();
        Rates rates = new Rates(Math.max(before.sgemm(), after.sgemm()), Math.max(before.dgemm(), after.dgemm()),
                Math.max(before.sgemmCpu(), after.sgemmCpu()), Math.max(before.dgemmCpu(), after.dgemmCpu()));
        out.printf(Locale.ROOT, "  this machine: sgemm %.0f GFLOP/s, dgemm %.0f GFLOP/s (2048^3, best of 3 before and 3"
                + " after the stages: %.0f and %.0f, %.0f and %.0f)%n", rates.sgemm() / 1e9, rates.dgemm() / 1e9,
                before.sgemm() / 1e9, after.sgemm() / 1e9, before.dgemm() / 1e9, after.dgemm() / 1e9);
        out.printf(Locale.ROOT, "  per second of process CPU time: sgemm %.0f, dgemm %.0f GFLOP (cpu ratio: a stage's CPU"
                + " seconds over its FLOPs at these rates)%n", rates.sgemmCpu() / 1e9, rates.dgemmCpu() / 1e9);
        out.printf(Locale.ROOT, "  untimed warm-up: the largest k-NN search once, %.2f s (%.2f s CPU), which faults in the run's"
                + " native k-NN buffers (reused by every later search of a run; a one-time cost, not projected)%n",
                warm[0], warm[1]);
        print(stages, rates, d, out);
    }

    /**
     * Every stage on seeded features of the request's scaled shapes, timed, with its working heap (peak less the
     * inputs) projected to full size from a second run on the first half of each set's rows.
     */
    static List<Stage> measure(Request req) {
        return measure(req, new double[2]);
    }

    /** {@link #measure(Request)}; {@code warm} receives the untimed warm-up's wall and CPU seconds. */
    static List<Stage> measure(Request req, double[] warm) {
        Features syn = features(req.rows(SYNTHETIC), req.d(), 11, 0.02);
        Features train = features(req.rows(TRAIN), req.d(), 12, 0);
        Features holdout = features(req.rows(HOLDOUT), req.d(), 13, 0);
        warmUp(syn, train, warm);
        List<Stage> stages = new ArrayList<>();
        fidelityStages(req, syn, train, stages);
        privacyStages(req, syn, train, holdout, stages);
        List<Stage> half = new ArrayList<>();
        fidelityStages(req, syn.rows(0, req.halfRows(SYNTHETIC)), train.rows(0, req.halfRows(TRAIN)), half);
        privacyStages(req, syn.rows(0, req.halfRows(SYNTHETIC)), train.rows(0, req.halfRows(TRAIN)),
                holdout.rows(0, req.halfRows(HOLDOUT)), half);
        long inputs = inputBytes(syn.n() + train.n() + holdout.n(), req.d());
        double rowsScale = train.n();
        double rowsHalf = req.halfRows(TRAIN);
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            long growth = projectWorkingHeap(s.retained(), half.get(i).retained(), rowsHalf, rowsScale, TRAIN)
                    - s.retained();
            stages.set(i, s.withWorkingHeapFull(Math.max(0, s.peakHeap() - inputs) + growth));
        }
        return stages;
    }

    /** Bytes of n float32 rows of d values. */
    static long inputBytes(long n, int d) {
        return 4L * n * d;
    }

    /**
     * A working heap measured at two row counts, extrapolated linearly to {@code rowsFull} (growth below zero, GC
     * noise, is taken as none: the projection is never below the measurement at scale).
     */
    static long projectWorkingHeap(long atScale, long atHalf, double rowsHalf, double rowsScale, double rowsFull) {
        double slope = Math.max(0, (atScale - atHalf) / (rowsScale - rowsHalf));
        return Math.max(0, Math.round(atScale + slope * (rowsFull - rowsScale)));
    }

    private static void fidelityStages(Request req, Features syn, Features train, List<Stage> stages) {
        double d = req.d();
        GaussianStats[] g = new GaussianStats[2];
        stages.add(time("fid covariance, train", Gemm.DGEMM, train.n() * d * d, TRAIN * d * d,
                () -> g[0] = GaussianStats.of(train)));
        stages.add(time("fid covariance, synthetic", Gemm.DGEMM, syn.n() * d * d, SYNTHETIC * d * d,
                () -> g[1] = GaussianStats.of(syn)));
        // Cholesky x2 (d^3/3 each), L1'L2 (2 d^3), its Gram (d^3), the Gram's tridiagonal reduction (4/3 d^3)
        double trace = 5 * d * d * d;
        stages.add(time("fid trace (symmetric route)", Gemm.DGEMM, trace, trace,
                () -> Fid.compute(g[0], g[1], Fid.Route.SYMMETRIC)));
        int m = Math.min(req.kidSubsetSize(), Math.min(syn.n(), train.n()));
        int fullM = Math.min(req.kidSubsetSize(), SYNTHETIC);
        Kid.Subsets subsets = Kid.lcgSubsets(train.n(), syn.n(), m, req.kidSubsets(), 0);
        // per subset: Kxx and Kyy by dsyrk (m^2 d each), Kxy by dgemm (2 m^2 d)
        stages.add(time("kid " + req.kidSubsets() + " subsets of " + m, Gemm.DGEMM,
                req.kidSubsets() * 4.0 * m * m * d, req.kidSubsets() * 4.0 * fullM * fullM * d,
                () -> Kid.compute(train, syn, subsets)));
        double[][] radii = new double[2][];
        stages.add(time("prdc radii, train (k=" + PRDC_K + ")", Gemm.SGEMM, 2.0 * train.n() * train.n() * d,
                2.0 * TRAIN * TRAIN * d, () -> radii[0] = Prdc.radii(train, PRDC_K)));
        stages.add(time("prdc radii, synthetic", Gemm.SGEMM, 2.0 * syn.n() * syn.n() * d,
                2.0 * SYNTHETIC * SYNTHETIC * d, () -> radii[1] = Prdc.radii(syn, PRDC_K)));
        stages.add(time("prdc ball counts, train x synthetic", Gemm.SGEMM, 2.0 * train.n() * syn.n() * d,
                2.0 * TRAIN * SYNTHETIC * d, () -> Prdc.compute(train, syn, PRDC_K, false, radii[0], radii[1])));
    }

    private static void privacyStages(Request req, Features syn, Features train, Features holdout,
                                      List<Stage> stages) {
        ParallelKernels k = ParallelKernels.LOCAL;
        stages.add(search("privacy synthetic -> train 2-NN (dcr, nndr)", syn, train, SYNTHETIC, TRAIN, 2, req, k));
        stages.add(search("privacy train -> train 2-NN (identifiability)", train, train, TRAIN, TRAIN, 2, req, k));
        stages.add(search("privacy train -> synthetic 1-NN (identifiability)", train, syn, TRAIN, SYNTHETIC, 1, req, k));
        stages.add(search("privacy synthetic -> holdout 1-NN (holdout share)", syn, holdout, SYNTHETIC, HOLDOUT, 1, req,
                k));
        stages.add(search("privacy holdout -> train 1-NN (memorised threshold)", holdout, train, HOLDOUT, TRAIN, 1, req,
                k));
    }

    private static Stage search(String name, Features q, Features ref, int fullQ, int fullRef, int kNn, Request req,
                                ParallelKernels kernels) {
        double d = req.d();
        return time(name, Gemm.SGEMM, 2.0 * q.n() * ref.n() * d, 2.0 * fullQ * fullRef * d,
                () -> kernels.nearest(q, ref, kNn));
    }

    /**
     * Runs {@code body} once after a GC, timing it and recording the heap pools' peak and what its result keeps
     * live (heap in use after a full GC with the result held, less the same before).
     */
    static Stage time(String name, Gemm gemm, double flopsAtScale, double flopsFull,
                      java.util.function.Supplier<?> body) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        long live0 = mem.getHeapMemoryUsage().getUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        Object result = body.get();
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - c0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long retained = Math.max(0, mem.getHeapMemoryUsage().getUsed() - live0);
        java.lang.ref.Reference.reachabilityFence(result);
        return new Stage(name, gemm, flopsAtScale, flopsFull, s, cpu, peak, retained);
    }

    /** CPU time of the whole process (every thread), nanoseconds; -1 where the JVM does not say. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static void print(List<Stage> stages, Rates r, int d, PrintStream out) {
        out.printf(Locale.ROOT, "  %-52s %-5s %10s %12s %12s %7s %9s %10s %11s%n", "stage", "gemm", "at scale",
                "full (proj.)", "FLOP limit", "ratio", "cpu ratio", "peak heap", "work, full");
        double proj = 0;
        double lim = 0;
        double scaled = 0;
        long peak = 0;
        long work = 0;
        for (Stage s : stages) {
            out.printf(Locale.ROOT, "  %-52s %-5s %8.2f s %10.1f s %10.1f s %6.2fx %8.2fx %7.0f MB %8.0f MB%n",
                    s.name(), s.gemm().name().toLowerCase(Locale.ROOT), s.seconds(), s.projected(), s.limit(r),
                    s.projected() / s.limit(r), s.cpuRatio(r), s.peakHeap() / 1e6, s.workingHeapFull() / 1e6);
            proj += s.projected();
            lim += s.limit(r);
            scaled += s.seconds();
            peak = Math.max(peak, s.peakHeap());
            work = Math.max(work, s.workingHeapFull());
        }
        out.printf(Locale.ROOT, "  %-52s %-5s %8.2f s %8.1f min %8.1f min %6.2fx %9s %7.0f MB %8.0f MB%n", "total", "",
                scaled, proj / 60, lim / 60, proj / lim, "", peak / 1e6, work / 1e6);
        long inputs = inputBytes((long) SYNTHETIC + TRAIN + HOLDOUT, d);
        out.printf(Locale.ROOT, "  peak heap at full size (proj.): %.2f GB with the inputs on the heap (%.2f GB of float32"
                        + " rows, as here), %.2f GB with them memory-mapped from .npy files; goal %.0f GB: %s%n",
                (work + inputs) / 1e9, inputs / 1e9, work / 1e9, HEAP_GOAL_BYTES / 1e9,
                work + inputs <= HEAP_GOAL_BYTES ? "met" : work <= HEAP_GOAL_BYTES ? "met with mapped inputs only"
                        : "not met");
        out.println("  full (proj.): the time at scale x (FLOPs at full size / FLOPs at scale); FLOP limit: FLOPs at"
                + " full size / the best sgemm or dgemm rate above; cpu ratio: the stage's process CPU seconds (every"
                + " thread, at scale) over its FLOPs at the best sgemm or dgemm rate per CPU second (load-robust, but"
                + " blind to idle workers); peak heap: at scale, inputs included; work, full:"
                + " the peak less the inputs, plus the growth of what the stage keeps live (its results) from half"
                + " scale to scale, extrapolated linearly in the rows to full size");
    }

    /** The best of three 2048^3 products per precision, on the run's workers (as the kernels call them). */
    static Rates gemmRates() {
        int n = 2048;
        float[] af = new float[n * n];
        double[] ad = new double[n * n];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < af.length; i++) {
            af[i] = (float) rnd.nextDouble();
            ad[i] = af[i];
        }
        double flops = 2.0 * n * n * n;
        double bestS = Double.MAX_VALUE;
        double bestD = Double.MAX_VALUE;
        double bestSCpu = Double.MAX_VALUE;
        double bestDCpu = Double.MAX_VALUE;
        try (org.bytedeco.javacpp.FloatPointer a = new org.bytedeco.javacpp.FloatPointer(af);
             org.bytedeco.javacpp.FloatPointer c = new org.bytedeco.javacpp.FloatPointer((long) n * n);
             org.bytedeco.javacpp.DoublePointer ap = new org.bytedeco.javacpp.DoublePointer(ad);
             org.bytedeco.javacpp.DoublePointer cp = new org.bytedeco.javacpp.DoublePointer((long) n * n)) {
            for (int rep = 0; rep < 4; rep++) { // the first of each is a warm-up
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                org.cxrbench.linalg.Blas.sgemm(false, true, n, n, n, 1f, a, n, a, n, 0f, c, n);
                long t1 = System.nanoTime();
                long c1 = processCpuNanos();
                org.cxrbench.linalg.Blas.gemm(false, true, n, n, n, 1.0, ap, n, ap, n, 0.0, cp, n);
                long t2 = System.nanoTime();
                long c2 = processCpuNanos();
                if (rep > 0) {
                    bestS = Math.min(bestS, (t1 - t0) / 1e9);
                    bestD = Math.min(bestD, (t2 - t1) / 1e9);
                    bestSCpu = Math.min(bestSCpu, Math.max(1e-3, (c1 - c0) / 1e9));
                    bestDCpu = Math.min(bestDCpu, Math.max(1e-3, (c2 - c1) / 1e9));
                }
            }
        }
        return new Rates(flops / bestS, flops / bestD, flops / bestSCpu, flops / bestDCpu);
    }

    /**
     * n seeded rows like encoder features: non-negative (ReLU-like), column scales decaying with the column index,
     * every value a float32 (as encoders write them); {@code shift} moves the set's mean.
     */
    static Features features(int n, int d, long seed, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            double v = (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.2) / Math.sqrt(1 + (i % d) / 64.0) + shift;
            a[i] = (float) Math.max(0, v);
        }
        return Features.float32(n, d, a); // as encoders and feature files give them
    }

    /**
     * Loads the native library and JIT-compiles the kernels on small inputs; then runs the largest k-NN search (the
     * training set against itself) once, untimed ({@code warm}: its wall and CPU seconds), so that the run's native
     * k-NN buffers ({@code linalg.NativeBuffers}: query rows, reference tiles, product blocks) are faulted in before
     * the timed stages, as they are after a run's first search. Faulting in fresh memory is a one-time cost of a run
     * (about 3 ms of CPU per MB measured on this project's machine, some 200 MB at d = 2048), spread over hours at
     * full size; timed at scale it would be multiplied by the FLOP ratio like the stages' per-FLOP work.
     */
    private static void warmUp(Features syn, Features train, double[] warm) {
        Features q = syn.rows(0, Math.min(200, syn.n()));
        Features ref = train.rows(0, Math.min(400, train.n()));
        ParallelKernels.LOCAL.nearest(q, ref, 2);
        Prdc.compute(ref, q, PRDC_K, false);
        Fid.compute(GaussianStats.of(q), GaussianStats.of(ref), Fid.Route.SYMMETRIC);
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        ParallelKernels.LOCAL.nearest(train, train, 1);
        warm[0] = (System.nanoTime() - t0) / 1e9;
        warm[1] = (processCpuNanos() - c0) / 1e9;
    }
}
