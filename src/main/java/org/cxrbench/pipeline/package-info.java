/**
 * The generic machinery every family's stages run on, and nothing family-specific: the stage declaration
 * ({@link org.cxrbench.pipeline.Stage}) with its content key over its typed settings (each stage declares a settings
 * record, e.g. {@link org.cxrbench.pipeline.EncodeSettings}), the content-addressed stage cache under a run's
 * {@code .stages/} ({@link org.cxrbench.pipeline.StageCache}), the run context, input loading and output checks, the
 * config reader ({@code pipeline.config}), and the two stages every family consumes: resolving data sets
 * ({@link org.cxrbench.pipeline.ConfigData}: folders, manifests, rendered phantom sets) and encoding them. The
 * data-parallel work of a command (encoding, nearest neighbours, statistics) runs on the
 * {@link org.cxrbench.pipeline.Engine} the CLI chose: this JVM, or a cluster engine module found through
 * {@link org.cxrbench.pipeline.EngineProvider} (spark/). Sits below the families ({@code fidelity}, {@code privacy},
 * {@code filter}, {@code utility}), which own their stages; imports only {@code common}, {@code data},
 * {@code encode}, {@code linalg} and {@code phantom}.
 */
package org.cxrbench.pipeline;
