package org.cxrbench.fidelity;

import org.cxrbench.pipeline.Inputs;
import org.cxrbench.pipeline.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cxrbench.common.Hashing;
import org.cxrbench.encode.FeatureFiles;

/**
 * Sufficient statistics on disk beside the feature cache ({@code <cache>/stats/}), keyed by content: the data
 * set's hash (of its images or feature file) and the encoder's fingerprint. A second run against the same real set
 * reads its mean and covariance instead of recomputing them; the numbers are the stored doubles, bit for bit.
 */
public final class StatsCache {
    private StatsCache() {}

    /** The statistics context of a loaded input: its Gaussian statistics from the cache when stored there. */
    public static SetStats of(Inputs.Loaded in, RunContext ctx) {
        if (ctx.cache() == null) {
            return SetStats.of(in.features(), ctx.clusterKernels());
        }
        Path file = ctx.cache().root().resolve("stats").resolve(
                Hashing.ofString(in.hash() + "\n" + in.encoder()).replace("sha256:", "") + ".gaussian.npz");
        if (Files.isRegularFile(file)) {
            Map<String, FeatureFiles.NpyArray> a = FeatureFiles.readNpz(file);
            GaussianStats g = new GaussianStats((long) a.get("n").data()[0], in.features().d(), a.get("mu").data(),
                    a.get("sigma").data());
            if (g.n() == in.features().n()) {
                ctx.log().println("statistics of " + in.features().n() + " rows from the cache");
                return SetStats.withGaussian(in.features(), g);
            }
        }
        SetStats s = SetStats.of(in.features(), ctx.clusterKernels());
        GaussianStats g = s.gaussian();
        Map<String, FeatureFiles.NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("mu", new FeatureFiles.NpyArray(new long[] {g.d()}, g.mean()));
        arrays.put("sigma", new FeatureFiles.NpyArray(new long[] {g.d(), g.d()}, g.cov()));
        arrays.put("n", new FeatureFiles.NpyArray(new long[] {1}, new double[] {g.n()}));
        try {
            Files.createDirectories(file.getParent());
            FeatureFiles.writeNpz(file, arrays);
        } catch (java.io.IOException | RuntimeException e) {
            ctx.log().println("note: statistics not cached (" + e.getMessage() + ")");
        }
        return s;
    }
}
