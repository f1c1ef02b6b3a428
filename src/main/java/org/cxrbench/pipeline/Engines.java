package org.cxrbench.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.Features;
import org.cxrbench.linalg.Knn;
import org.cxrbench.linalg.Moments;
import org.cxrbench.linalg.ParallelKernels;

/** Finds engines by name; the one a command uses travels in its {@link RunContext}. */
public final class Engines {
    private Engines() {}

    /** This JVM: the core's own kernels; encoding is left to the caller's thread pool. */
    public static final Engine LOCAL = new Engine() {
        @Override
        public String describe() {
            return "local";
        }

        @Override
        public Knn.Result nearest(Features query, Features ref, int k) {
            return ParallelKernels.LOCAL.nearest(query, ref, k);
        }

        @Override
        public Moments moments(Features x) {
            return ParallelKernels.LOCAL.moments(x);
        }

        @Override
        public void encodeIntoCache(Manifest m, String encoderSpec, FeatureCache cache, int threads, PrintStream log) {}
    };

    /** Opens the named engine: "local", or one an engine module provides (e.g. "spark"). */
    public static Engine open(String name, String master, PrintStream log) {
        String n = name == null ? "local" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("local")) {
            if (master != null) {
                throw new BadInputException("--master " + master + " needs a cluster engine (--engine spark)");
            }
            return LOCAL;
        }
        List<String> found = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            if (p.name().equals(n)) {
                return p.open(master, log);
            }
            found.add(p.name());
        }
        if (n.equals("spark")) {
            throw new BadInputException("--engine spark: the Spark engine is not on the class path; run it through "
                    + "./cxrbench (which builds spark/ on first use) or build it with ./cxrbench spark-build");
        }
        found.add(0, "local");
        throw new BadInputException("unknown --engine '" + name + "'; available: " + String.join(", ", found));
    }
}
