package org.cxrbench.phantom;

import org.cxrbench.data.ChexpertLabel;

/** Findings the phantom renders, each with the CheXpert label it sets. */
public enum Finding {
    CARDIOMEGALY(ChexpertLabel.CARDIOMEGALY),
    PLEURAL_EFFUSION(ChexpertLabel.PLEURAL_EFFUSION),
    LUNG_LESION(ChexpertLabel.LUNG_LESION),
    CONSOLIDATION(ChexpertLabel.CONSOLIDATION),
    PNEUMOTHORAX(ChexpertLabel.PNEUMOTHORAX),
    SUPPORT_DEVICES(ChexpertLabel.SUPPORT_DEVICES);

    public final ChexpertLabel label;

    Finding(ChexpertLabel label) {
        this.label = label;
    }
}
