package org.cxrbench.data;

import java.util.Locale;
import java.util.Optional;

/** The 14 CheXpert observations, in CheXpert's column order. */
public enum ChexpertLabel {
    NO_FINDING("No Finding"),
    ENLARGED_CARDIOMEDIASTINUM("Enlarged Cardiomediastinum"),
    CARDIOMEGALY("Cardiomegaly"),
    LUNG_OPACITY("Lung Opacity"),
    LUNG_LESION("Lung Lesion"),
    EDEMA("Edema"),
    CONSOLIDATION("Consolidation"),
    PNEUMONIA("Pneumonia"),
    ATELECTASIS("Atelectasis"),
    PNEUMOTHORAX("Pneumothorax"),
    PLEURAL_EFFUSION("Pleural Effusion"),
    PLEURAL_OTHER("Pleural Other"),
    FRACTURE("Fracture"),
    SUPPORT_DEVICES("Support Devices");

    public static final int COUNT = 14;

    private final String displayName;

    ChexpertLabel(String displayName) {
        this.displayName = displayName;
    }

    /** CheXpert's own column name, e.g. "Pleural Effusion". */
    public String displayName() {
        return displayName;
    }

    /** Snake-case key used in manifests and JSON, e.g. "pleural_effusion". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the display name, the key, or the enum name, case-insensitively; underscores equal spaces. */
    public static Optional<ChexpertLabel> parse(String s) {
        String norm = s.trim().replace('_', ' ').toLowerCase(Locale.ROOT);
        for (ChexpertLabel l : values()) {
            if (l.displayName.toLowerCase(Locale.ROOT).equals(norm)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
