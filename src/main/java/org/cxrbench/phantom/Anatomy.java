package org.cxrbench.phantom;

import java.util.SplittableRandom;

/**
 * A patient's own anatomy, in units of the image width (0..1): body habitus, lung fields, heart, rib spacing,
 * diaphragm. Drawn once per patient from a seeded stream, so every study of the patient shares it.
 */
public record Anatomy(double bodyHalfWidth, double lungHalfGap, double lungWidth, double lungTop, double lungBottom,
                      double heartHalfWidth, double heartCenterX, double heartTop, double ribSpacing,
                      double ribPhase, double diaphragmDome, double vesselSeedX, double vesselSeedY, long textureSeed) {

    public static Anatomy random(long patientSeed) {
        SplittableRandom r = new SplittableRandom(patientSeed * 0x9E3779B97F4A7C15L + 17);
        return new Anatomy(
                0.40 + 0.05 * r.nextDouble(),   // body half width
                0.045 + 0.02 * r.nextDouble(),  // half gap between lungs (mediastinum)
                0.24 + 0.05 * r.nextDouble(),   // lung width
                0.14 + 0.04 * r.nextDouble(),   // lung apex
                0.72 + 0.07 * r.nextDouble(),   // lung base (costophrenic angle height)
                0.10 + 0.025 * r.nextDouble(),  // heart half width (CTR ~ 0.35-0.48 when normal)
                0.035 + 0.02 * r.nextDouble(),  // heart centre offset to the patient's left (image right)
                0.38 + 0.05 * r.nextDouble(),   // heart top
                0.075 + 0.02 * r.nextDouble(),  // rib spacing
                r.nextDouble(),                  // rib phase
                0.05 + 0.03 * r.nextDouble(),   // diaphragm dome height
                r.nextDouble(), r.nextDouble(),
                r.nextLong());
    }

    /** Thoracic half width: lungs' outer edges. */
    public double thoraxHalfWidth() {
        return lungHalfGap + lungWidth;
    }
}
