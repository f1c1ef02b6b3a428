package org.cxrbench.phantom;

import java.util.EnumSet;
import java.util.Set;
import org.cxrbench.data.ChexpertLabel;

/**
 * Findings the phantom renders, each with the CheXpert label it sets. Following CheXpert's label hierarchy,
 * consolidation, pneumonia, edema, atelectasis and lung lesions also set Lung Opacity.
 */
public enum Finding {
    CARDIOMEGALY(ChexpertLabel.CARDIOMEGALY),
    ENLARGED_CARDIOMEDIASTINUM(ChexpertLabel.ENLARGED_CARDIOMEDIASTINUM),
    PLEURAL_EFFUSION(ChexpertLabel.PLEURAL_EFFUSION),
    LUNG_LESION(ChexpertLabel.LUNG_LESION),
    CONSOLIDATION(ChexpertLabel.CONSOLIDATION),
    PNEUMONIA(ChexpertLabel.PNEUMONIA),
    EDEMA(ChexpertLabel.EDEMA),
    ATELECTASIS(ChexpertLabel.ATELECTASIS),
    PNEUMOTHORAX(ChexpertLabel.PNEUMOTHORAX),
    FRACTURE(ChexpertLabel.FRACTURE),
    SUPPORT_DEVICES(ChexpertLabel.SUPPORT_DEVICES);

    public final ChexpertLabel label;

    Finding(ChexpertLabel label) {
        this.label = label;
    }

    /** Findings that are kinds of lung opacity in CheXpert's hierarchy. */
    public static final Set<Finding> OPACITIES = EnumSet.of(CONSOLIDATION, PNEUMONIA, EDEMA, ATELECTASIS, LUNG_LESION);

    /** Mask name of this finding's region (lower-case key). */
    public String maskName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Finding parse(String s) {
        String n = s.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
        return valueOf(n);
    }
}
