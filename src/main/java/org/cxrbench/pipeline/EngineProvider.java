package org.cxrbench.pipeline;

import java.io.PrintStream;

/**
 * Service interface of an engine module (META-INF/services/org.cxrbench.pipeline.EngineProvider): a name for
 * {@code --engine NAME} and a factory taking the {@code --master} URL (null: the engine's default).
 */
public interface EngineProvider {
    String name();

    Engine open(String master, PrintStream log);
}
