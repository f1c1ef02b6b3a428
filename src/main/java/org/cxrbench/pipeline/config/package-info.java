/**
 * The run config model of {@code ./cxrbench run CONFIG.yaml}: {@link org.cxrbench.pipeline.config.RunConfig} (real
 * sets, generators, encoder, metric parameters, seeds, threads, engine, filter and utility blocks) and
 * {@link org.cxrbench.pipeline.config.ConfigReader}, which validates a YAML config key by key (one-line errors naming
 * the key's path and the allowed values) and resolves relative paths against the config's folder. Part of the
 * pipeline layer.
 */
package org.cxrbench.pipeline.config;
