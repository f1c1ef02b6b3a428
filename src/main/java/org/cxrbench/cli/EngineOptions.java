package org.cxrbench.cli;

import java.io.PrintStream;
import java.util.function.Function;
import org.cxrbench.pipeline.Engine;
import org.cxrbench.pipeline.Engines;
import picocli.CommandLine.Option;

/** --engine and --master, for the commands whose data-parallel work can run on a cluster (encode, fidelity, privacy, run). */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where encoding, nearest-neighbour search and statistics run: this JVM (default) or Apache "
                    + "Spark (same numbers). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark: local[*] (default), local[N], spark://host:7077, yarn, k8s://...")
    String master;

    /** Runs the command's body with the chosen engine open (and closed afterwards). */
    <T> T run(PrintStream log, Function<Engine, T> body) {
        try (Engine e = Engines.open(engine, master, log)) {
            return body.apply(e);
        }
    }
}
