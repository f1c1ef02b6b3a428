package org.cxrbench.data;

import java.nio.file.Path;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.World;

/**
 * Phantom chest X-rays for tests that need images but not the demo's metrics: the demo's own train and holdout
 * cohorts (same seeds, two studies per patient), written with their manifests, in a fraction of a demo's time.
 */
public final class PhantomImages {
    private PhantomImages() {}

    /** Writes {@code data/train} and {@code data/holdout} under {@code root}, as the demo lays them out. */
    public static void trainAndHoldout(Path root, int patients, int size) {
        PhantomDatasets.writeStudies(World.cohort("train-", 0, patients, 2, size), size, root.resolve("data/train"),
                "train");
        PhantomDatasets.writeStudies(World.cohort("holdout-", 1, patients, 2, size), size, root.resolve("data/holdout"),
                "holdout");
    }
}
