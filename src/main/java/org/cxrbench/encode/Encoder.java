package org.cxrbench.encode;

import org.cxrbench.data.GreyImage;

/** Maps one decoded grey image to a feature vector. Implementations are stateless and thread-safe. */
public interface Encoder {
    /** Registry name, e.g. "pixels". */
    String name();

    /** Feature dimension. */
    int dimension();

    /** Everything that changes the features (size, resize rule, normalisation, version): part of the cache key. */
    String fingerprint();

    double[] encode(GreyImage image);
}
