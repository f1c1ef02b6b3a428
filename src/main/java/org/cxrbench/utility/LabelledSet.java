package org.cxrbench.utility;

import org.cxrbench.linalg.Features;

/**
 * A data set of the utility experiment: features with one label vector per row (values of
 * {@link org.cxrbench.data.Labels}) and, when known, the patient of each row.
 *
 * @param name     how results name it (e.g. the synthetic set's folder name)
 * @param patients patient id per row, or null when the source has none (feature files without a manifest)
 */
public record LabelledSet(String name, Features features, byte[][] labels, String[] patients) {
    public LabelledSet {
        if (labels.length != features.n()) {
            throw new IllegalArgumentException(name + ": " + labels.length + " label rows for " + features.n() + " feature rows");
        }
        if (patients != null && patients.length != features.n()) {
            throw new IllegalArgumentException(name + ": " + patients.length + " patients for " + features.n() + " rows");
        }
    }

    public int n() {
        return features.n();
    }
}
