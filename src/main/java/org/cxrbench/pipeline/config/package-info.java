/**
 * The run config model of {@code ./cxrbench run CONFIG.yaml}: {@link org.cxrbench.pipeline.config.RunConfig} (real
 * sets, generators, encoder, metric parameters, seeds, threads, engine, filter and utility blocks) and
 * {@link org.cxrbench.pipeline.config.ConfigReader}, which checks a YAML config against its JSON Schema
 * ({@code schema/config.schema.json}, packaged; {@code ConfigSchema} turns the first violation into a one-line error
 * naming the key's path and the allowed values), binds the checked blocks to records ({@code filter:} and
 * {@code utility:} by Jackson), then checks the rules across keys and files itself and resolves relative paths against
 * the config's folder. Part of the pipeline layer.
 */
package org.cxrbench.pipeline.config;
