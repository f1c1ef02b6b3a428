package org.cxrbench.phantom;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded cohorts of phantom patients and their studies, with findings at fixed prevalences. */
public final class World {
    private World() {}

    /** Prevalence of each finding per study. */
    public static final double PREVALENCE = 0.15;

    public static Set<Finding> randomFindings(SplittableRandom r) {
        Set<Finding> f = EnumSet.noneOf(Finding.class);
        for (Finding x : Finding.values()) {
            if (r.nextDouble() < PREVALENCE) {
                f.add(x);
            }
        }
        return f;
    }

    /**
     * {@code patients} patients (ids prefix + number, anatomy from {@code seed} and the number) with
     * {@code studies} studies each: the same anatomy, a new pose, exposure, noise and findings per study.
     */
    public static List<Study> cohort(String prefix, long seed, int patients, int studies, int size) {
        List<Study> out = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            long ps = seed * 1_000_003L + p;
            Anatomy a = Anatomy.random(ps);
            for (int s = 0; s < studies; s++) {
                SplittableRandom r = new SplittableRandom(ps * 31 + s);
                out.add(new Study(prefix + p, s, a, randomFindings(r), (r.nextDouble() - 0.5) * 0.04,
                        (r.nextDouble() - 0.5) * 0.04, 0.9 + 0.2 * r.nextDouble(), 0.02 + 0.015 * r.nextDouble(), size,
                        r.nextLong()));
            }
        }
        return out;
    }

    /**
     * The cohort with each study's findings replaced by the donor's study at the same position (same length): a
     * real set drawn with exactly the donor's label mix, patient by patient and study by study.
     */
    public static List<Study> withFindingsOf(List<Study> cohort, List<Study> donor) {
        if (cohort.size() != donor.size()) {
            throw new IllegalArgumentException("cohort of " + cohort.size() + " studies, donor of " + donor.size());
        }
        List<Study> out = new ArrayList<>(cohort.size());
        for (int i = 0; i < cohort.size(); i++) {
            Study h = cohort.get(i);
            out.add(new Study(h.patientId(), h.studyIndex(), h.anatomy(), donor.get(i).findings(), h.shiftX(), h.shiftY(),
                    h.exposure(), h.noise(), h.side(), h.noiseSeed()));
        }
        return out;
    }

    /** A report-style prompt from the findings, like SynthCheX-75K's. */
    public static String prompt(Set<Finding> f) {
        if (f.isEmpty()) {
            return "No acute cardiopulmonary process. Heart size is normal. Lungs are clear.";
        }
        StringBuilder b = new StringBuilder();
        if (f.contains(Finding.PLEURAL_EFFUSION)) {
            b.append("Moderate left pleural effusion. ");
        }
        if (f.contains(Finding.PNEUMOTHORAX)) {
            b.append("Apical pneumothorax with visible pleural line. ");
        }
        if (f.contains(Finding.CONSOLIDATION)) {
            b.append("Patchy airspace consolidation. ");
        }
        if (f.contains(Finding.LUNG_LESION)) {
            b.append("Solitary pulmonary nodule. ");
        }
        if (f.contains(Finding.PNEUMONIA)) {
            b.append("Right lower lobe opacity consistent with pneumonia. ");
        }
        if (f.contains(Finding.EDEMA)) {
            b.append("Bilateral perihilar haziness, compatible with pulmonary edema. ");
        }
        if (f.contains(Finding.ATELECTASIS)) {
            b.append("Plate-like atelectasis at the left base. ");
        }
        if (f.contains(Finding.FRACTURE)) {
            b.append("Displaced rib fracture. ");
        }
        if (f.contains(Finding.ENLARGED_CARDIOMEDIASTINUM)) {
            b.append("The mediastinum is widened. ");
        }
        if (f.contains(Finding.SUPPORT_DEVICES)) {
            b.append("Central venous catheter and pacemaker in place. ");
        }
        b.append(f.contains(Finding.CARDIOMEGALY) ? "The heart is enlarged." : "Heart size is normal.");
        return b.toString();
    }
}
