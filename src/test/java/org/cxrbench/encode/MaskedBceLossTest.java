package org.cxrbench.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.cxrbench.data.Labels;
import org.junit.jupiter.api.Test;

/** The masked BCE against the closed form, by hand; and the label -> (target, mask) mapping. */
class MaskedBceLossTest {
    @Test
    void matchesTheClosedFormOverKnownElementsOnly() {
        CxrCnn.configureEngine();
        try (NDManager m = NDManager.newBaseManager()) {
            NDList z = new NDList(m.create(new float[] {0f, 2f, -1f, 3f}, new Shape(2, 2)));
            NDList labels = new NDList(m.create(new float[] {1f, 0f, 1f, 0f}, new Shape(2, 2)),
                    m.create(new float[] {1f, 1f, 0f, 1f}, new Shape(2, 2)));
            float loss = new MaskedBceLoss().evaluate(labels, z).getFloat();
            // -log s(0) = log 2; -log(1 - s(2)) = 2 + log(1 + e^-2); masked; -log(1 - s(3)) = 3 + log(1 + e^-3); 3 known
            double expected = (Math.log(2) + 2 + Math.log1p(Math.exp(-2)) + 3 + Math.log1p(Math.exp(-3))) / 3;
            assertThat((double) loss).isCloseTo(expected, within(1e-6));
            // nothing known: 0, not NaN
            NDList none = new NDList(m.zeros(new Shape(2, 2)), m.zeros(new Shape(2, 2)));
            assertThat(new MaskedBceLoss().evaluate(none, z).getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void uncertainAndBlankLabelsAreMasked() {
        float[] y = new float[5];
        float[] mask = new float[5];
        MaskedBceLoss.targets(new byte[] {Labels.POSITIVE, Labels.NEGATIVE, Labels.UNCERTAIN, Labels.BLANK}, y, mask, 1);
        assertThat(y).containsExactly(0, 1, 0, 0, 0);
        assertThat(mask).containsExactly(0, 1, 1, 0, 0);
    }
}
