/**
 * Feature encoders (a validated registry; built-in weight-free encoders; models loaded once per run and closed with
 * it, on the run's {@link org.cxrbench.encode.ComputeDevice}), feature files (.npy/.csv), and the one DJL training
 * loop ({@link org.cxrbench.encode.NetTrainer}, with its own checkpointable Adam).
 * Imports {@code data} and {@code linalg}; never a metric package.
 */
package org.cxrbench.encode;
