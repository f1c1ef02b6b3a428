/**
 * Feature encoders (a validated registry; built-in weight-free encoders; models loaded once per run and closed with
 * it, on the run's {@link org.cxrbench.encode.ComputeDevice}), feature files (.npy/.csv), and the one DJL training
 * loop ({@link org.cxrbench.encode.NetTrainer}, with its own checkpointable Adam).
 * Also {@link org.cxrbench.encode.EncoderTrainJob} ({@code ./cxrbench encoder train}: the cxr-cnn encoder trained on
 * NIH or phantom images, with its card, the {@link org.cxrbench.encode.EncoderCard} record). Imports {@code common}, {@code data}, {@code linalg}, {@code phantom} and
 * {@code stats}; never a metric package.
 */
package org.cxrbench.encode;
