package org.cxrbench.spark;

import java.io.PrintStream;
import org.cxrbench.pipeline.Engine;
import org.cxrbench.pipeline.EngineProvider;

/** {@code --engine spark}: found by the core through java.util.ServiceLoader. */
public final class SparkEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine open(String master, PrintStream log) {
        return new SparkEngine(master, log);
    }
}
