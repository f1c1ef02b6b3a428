package org.cxrbench.fidelity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.linalg.Features;

/**
 * The statistics context of one feature set: its features and, computed on first use and then shared by every
 * metric and every comparison that uses this set, its Gaussian statistics (mean, covariance) and its k-NN radii.
 * A real set compared with nine generators has its covariance and radii computed once. Thread-safe; the values do
 * not depend on which caller computes them first.
 */
public final class SetStats {
    private final Features features;
    private GaussianStats gaussian;
    private final Map<Integer, double[]> radii = new HashMap<>();
    /** A cluster engine's kernels, or null: the one-machine routines. */
    private final org.cxrbench.linalg.ParallelKernels kernels;

    private SetStats(Features features, GaussianStats gaussian, org.cxrbench.linalg.ParallelKernels kernels) {
        this.features = features;
        this.gaussian = gaussian;
        this.kernels = kernels;
    }

    public static SetStats of(Features features) {
        return new SetStats(features, null, null);
    }

    /**
     * A context whose statistics come from {@code kernels} (a cluster engine; null: this machine): the covariance
     * from mergeable {@link org.cxrbench.linalg.Moments} (equal to the one-pass covariance to round-off, FID within
     * 1e-12 relative), the radii from its nearest-neighbour search (bit-identical).
     */
    public static SetStats of(Features features, org.cxrbench.linalg.ParallelKernels kernels) {
        return new SetStats(features, null, kernels);
    }

    /** A context whose Gaussian statistics are already known (e.g. loaded from the statistics cache). */
    public static SetStats withGaussian(Features features, GaussianStats gaussian) {
        if (gaussian != null && (gaussian.d() != features.d() || gaussian.n() != features.n())) {
            throw new IllegalArgumentException("statistics of " + gaussian.n() + " x " + gaussian.d() + " for features of "
                    + features.n() + " x " + features.d());
        }
        return new SetStats(features, gaussian, null);
    }

    public Features features() {
        return features;
    }

    public int n() {
        return features.n();
    }

    public int d() {
        return features.d();
    }

    public synchronized GaussianStats gaussian() {
        return gaussian(org.cxrbench.common.Progress.current());
    }

    /** The Gaussian statistics, a long computation reporting to {@code progress} (a heartbeat, then rows/s). */
    synchronized GaussianStats gaussian(org.cxrbench.common.Progress progress) {
        if (gaussian == null) {
            org.cxrbench.common.Progress.Meter meter = progress.meter("fid covariance of " + features.n() + " x "
                    + features.d(), features.n(), "rows");
            try (org.cxrbench.common.Progress.Ticking t = meter.ticking()) {
                gaussian = kernels == null ? GaussianStats.of(features) : GaussianStats.of(kernels.moments(features));
            }
            meter.add(features.n());
        }
        return gaussian;
    }

    public synchronized boolean hasGaussian() {
        return gaussian != null;
    }

    /** Distance of every row to its k-th nearest other row of this set (prdc's radius). */
    public synchronized double[] radii(int k) {
        return radii.computeIfAbsent(k, kk -> kernels == null ? Prdc.radii(features, kk) : Prdc.radii(features, kk, kernels));
    }

    /**
     * Computes the Gaussian statistics of several sets at once, one set per thread (at most {@code threads}), so a
     * two-set FID uses both cores; each set's numbers are those of a single-threaded pass.
     */
    public static void prepareGaussians(List<SetStats> sets, int threads) {
        List<SetStats> todo = sets.stream().distinct().filter(s -> !s.hasGaussian()).toList();
        if (threads < 2 || todo.size() < 2) {
            todo.forEach(SetStats::gaussian);
            return;
        }
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(threads, todo.size()), r -> {
                    Thread t = new Thread(r, "cxrbench-stats");
                    t.setDaemon(true);
                    return t;
                });
        try {
            org.cxrbench.common.Progress progress = org.cxrbench.common.Progress.current(); // the run's, not the pool's
            List<java.util.concurrent.Future<GaussianStats>> fs = todo.stream()
                    .map(s -> ex.submit(() -> s.gaussian(progress))).toList();
            for (java.util.concurrent.Future<GaussianStats> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }
}
