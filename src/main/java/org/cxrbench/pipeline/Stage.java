package org.cxrbench.pipeline;

import java.nio.file.Path;
import java.util.Map;

/**
 * One step of a run (encode, filter, fidelity, privacy, utility, report) with declared inputs, outputs and
 * settings. The {@link Runner} checks the declared locations before any work, derives the stage's content key
 * (the hash of its name, settings and inputs' contents: the same key means the same result) and times it. The
 * CLI commands, the demo and config runs all go through it; a config run caches a stage's outputs by its key.
 *
 * @param <O> what the stage returns (e.g. an {@link org.cxrbench.common.Evaluation})
 */
public interface Stage<O> {
    /** Short name: "encode", "fidelity", "privacy", ... */
    String name();

    /** Input data sets by role (null paths are optional inputs not given); "FILE.csv#split" selects a split. */
    Map<String, Path> inputs();

    /** Files the stage writes, by option name (null: not asked for). */
    Map<String, Path> outputs();

    /** The settings that change the result (metrics, k, seed, encoder, ...), JSON-ready. */
    Map<String, Object> settings();

    O run(RunContext ctx);
}
