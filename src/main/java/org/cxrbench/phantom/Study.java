package org.cxrbench.phantom;

import java.util.EnumSet;
import java.util.Set;

/**
 * One radiograph to render: the patient's anatomy, the findings, and per-study acquisition variation
 * (position shift, exposure, noise), all from seeds so pixels are reproducible on any machine.
 */
public record Study(String patientId, int studyIndex, Anatomy anatomy, Set<Finding> findings, double shiftX,
                    double shiftY, double exposure, double noise, int side, long noiseSeed) {
    public Study {
        findings = findings.isEmpty() ? EnumSet.noneOf(Finding.class) : EnumSet.copyOf(findings);
    }
}
