/**
 * Feature encoders (a validated registry; built-in weight-free encoders) and feature files (.npy/.csv).
 * Also {@link org.cxrbench.encode.EncoderTrainJob} ({@code ./cxrbench encoder train}: the cxr-cnn encoder trained on
 * NIH or phantom images, with its card). Imports {@code common}, {@code data}, {@code linalg}, {@code phantom} and
 * {@code stats}; never a metric package.
 */
package org.cxrbench.encode;
