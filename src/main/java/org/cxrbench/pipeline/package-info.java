/**
 * Drives the stages: each job takes a request record (built by the CLI or a config), runs data -> encode ->
 * fidelity/privacy/utility -> report, and writes its outputs atomically with their provenance.
 * The only package that imports every layer below it, besides {@code cli}.
 */
package org.cxrbench.pipeline;
