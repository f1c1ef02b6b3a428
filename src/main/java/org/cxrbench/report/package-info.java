/** Rendering of results (HTML, images); never computes a metric. Imports the metric packages' result types. */
package org.cxrbench.report;
