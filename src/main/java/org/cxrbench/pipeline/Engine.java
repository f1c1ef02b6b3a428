package org.cxrbench.pipeline;

import java.io.PrintStream;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.FeatureCache;
import org.cxrbench.linalg.ParallelKernels;

/**
 * Where the data-parallel work of a command runs: this JVM ({@link Engines#LOCAL}) or a cluster engine found with
 * {@link java.util.ServiceLoader} through {@link EngineProvider} (the Spark engine lives in its own module, so the
 * core never links against a cluster framework). An engine computes the same numbers as the local one.
 */
public interface Engine extends ParallelKernels, AutoCloseable {
    /** Short name ("local", "spark") and where it runs, for logs and provenance. */
    String describe();

    /**
     * Encodes the images of {@code m} whose features are not yet in {@code cache} and stores them there, exactly
     * as the local encoding would (each image its own forward pass, rounded to float32); the caller then reads
     * every row from the cache. The local engine does nothing here (the caller encodes what is missing).
     */
    void encodeIntoCache(Manifest m, String encoderSpec, FeatureCache cache, int threads, PrintStream log);

    @Override
    default void close() {}
}
