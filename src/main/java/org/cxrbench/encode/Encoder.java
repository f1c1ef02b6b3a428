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

    /** Images per {@link #encodeBatch} call that suit the device this encoder runs on (1 on the CPU). */
    default int batchSize() {
        return 1;
    }

    /** Encodes several images in one model call where the encoder can (a GPU); by default one at a time. */
    default double[][] encodeBatch(java.util.List<GreyImage> images) {
        double[][] out = new double[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(images.get(i));
        }
        return out;
    }

    /** Frees native resources, if any; the encoder is unusable afterwards. */
    @Override
    default void close() {}
}
