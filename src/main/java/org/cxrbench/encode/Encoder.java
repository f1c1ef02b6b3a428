package org.cxrbench.encode;

import org.cxrbench.data.GreyImage;

/**
 * Maps one decoded grey image to a feature vector. Implementations are stateless and thread-safe. An encoder that
 * holds a native session (ONNX Runtime, PyTorch) frees it in {@link #close}; those from {@link Encoders#get} belong
 * to the run that loaded them and are closed when it ends.
 */
public interface Encoder extends AutoCloseable {
    /** Registry name, e.g. "pixels". */
    String name();

    /** Feature dimension. */
    int dimension();

    /** Everything that changes the features (size, resize rule, normalisation, version): part of the cache key. */
    String fingerprint();

    double[] encode(GreyImage image);

    /** Frees native resources, if any; the encoder is unusable afterwards. */
    @Override
    default void close() {}
}
