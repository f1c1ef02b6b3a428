package org.cxrbench.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.cxrbench.data.Labels;

/**
 * Masked binary cross-entropy with logits, as a DJL {@link Loss}: labels are {@code (targets, mask)} of the logits'
 * shape; each element's loss {@code max(z,0) - z y + log(1 + exp(-|z|))} (the numerically stable form of
 * {@code -y log s(z) - (1-y) log(1 - s(z))}) is multiplied by its mask (1 known, 0 unknown: blank or uncertain labels)
 * and the sum is divided by the number of known elements (at least 1). Used for the 14-label classifiers and, with an
 * all-ones mask, for per-pixel segmentation.
 */
public final class MaskedBceLoss extends Loss {
    public MaskedBceLoss() {
        super("MaskedBCE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.singletonOrThrow();
        NDArray y = labels.get(0);
        NDArray m = labels.get(1);
        NDArray l = z.maximum(0).sub(z.mul(y)).add(z.abs().neg().exp().add(1).log()).mul(m);
        return l.sum().div(m.sum().maximum(1));
    }

    /**
     * Targets and mask of one label vector (values of {@link Labels}) written at {@code offset}: positive 1, negative 0,
     * both known (mask 1); uncertain and blank are masked out (mask 0, target 0).
     */
    public static void targets(byte[] labels, float[] y, float[] mask, int offset) {
        for (int l = 0; l < labels.length; l++) {
            boolean known = labels[l] == Labels.POSITIVE || labels[l] == Labels.NEGATIVE;
            mask[offset + l] = known ? 1 : 0;
            y[offset + l] = labels[l] == Labels.POSITIVE ? 1 : 0;
        }
    }
}
