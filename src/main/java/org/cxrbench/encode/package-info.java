/**
 * Feature encoders (a validated registry; built-in weight-free encoders) and feature files (.npy/.csv).
 * Imports {@code data} and {@code linalg}; never a metric package.
 */
package org.cxrbench.encode;
