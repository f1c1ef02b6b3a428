/**
 * Drives the stages: each job takes a request record (built by the CLI or a config), runs data -> encode ->
 * fidelity/privacy/utility -> report, and writes its outputs atomically with their provenance.
 * The only package that imports every layer below it, besides {@code cli}. The data-parallel work of a command
 * (encoding, nearest neighbours, statistics) runs on the {@link org.cxrbench.pipeline.Engine} the CLI chose: this
 * JVM, or a cluster engine module found through {@link org.cxrbench.pipeline.EngineProvider} (spark/).
 */
package org.cxrbench.pipeline;
