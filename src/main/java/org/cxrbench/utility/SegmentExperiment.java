package org.cxrbench.utility;

import org.cxrbench.common.TrainingRun;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.cxrbench.linalg.Features;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.encode.NetTrainer;
import org.cxrbench.stats.Score;
import org.cxrbench.stats.SegmentationScores;

/**
 * The segmentation utility experiment: the same conditions and seeds as {@link ProbeExperiment} (seed s fixes the
 * condition's rows through {@link Condition#build}, so conditions are paired by seed), with the model the
 * {@link UNetSmall} trained by {@link Segmenter} on pixel rows (sets encoded with {@code pixelsN}) and their masks,
 * scored on the real test set with Dice and IoU per structure ({@code dice_<structure>}, {@code iou_<structure>}).
 * Seed s also fixes the U-Net's initialisation and shuffles.
 * <p>
 * Resuming: with a checkpoint folder, each finished (seed, condition) writes its scores there, and each training
 * writes its last finished epoch (weights, optimizer state, shuffle state; {@link Segmenter}); a rerun with the same
 * folder, inputs and settings reads finished entries back and continues an interrupted training from its last epoch.
 */
public final class SegmentExperiment {
    private SegmentExperiment() {}

    /** A set of the experiment: its pixel rows and labels, and per row one 0/1 mask per structure. */
    public record MaskedSet(LabelledSet set, List<byte[][]> masks) {
        public MaskedSet {
            if (masks.size() != set.n()) {
                throw new IllegalArgumentException(set.name() + ": " + masks.size() + " mask rows for " + set.n() + " images");
            }
        }
    }

    /**
     * @param checkpoints   folder for finished entries and epoch checkpoints (null: none)
     * @param checkpointKey hash of the inputs and settings, stored with each entry
     */
    public record Settings(List<Condition> conditions, double realFraction, int seeds, Segmenter.Options unet,
                           String[] structures, SegmentationScores.EmptyPolicy policy, Path checkpoints,
                           String checkpointKey) {}

    public static ProbeExperiment.Outcome run(MaskedSet real, List<MaskedSet> synthetic, MaskedSet test, Settings s,
                                              PrintStream log) {
        int size = CnnClassifier.side(test.set().features().d());
        List<LabelledSet> synSets = synthetic.stream().map(MaskedSet::set).toList();
        Segmenter.Data testData = data(List.of(test), List.of(allRows(test)), size);
        CnnCheckpoints cp = new CnnCheckpoints(s.checkpoints(), s.checkpointKey(), "unet");
        List<Score> scores = new ArrayList<>();
        Map<String, List<TrainingRun>> training = new LinkedHashMap<>();
        java.util.TreeSet<String> warnings = new java.util.TreeSet<>();
        int total = s.seeds() * s.conditions().size();
        int done = 0;
        int trained = 0;
        long t0 = System.nanoTime();
        for (int seed = 0; seed < s.seeds(); seed++) {
            for (Condition c : s.conditions()) {
                Condition.Built b = c.build(real.set(), synSets, s.realFraction(), seed);
                TrainingRun desc;
                CnnCheckpoints.Entry saved = cp.read(c.name(), seed);
                Map<String, Double> metrics;
                if (saved != null) {
                    TrainingRun.UnetCheckpoint stored = saved.training(TrainingRun.UnetCheckpoint.class);
                    metrics = unpack(saved.probabilities()[0], stored.metrics());
                    desc = b.description().withUnet(stored.unet());
                    log.printf(Locale.ROOT, "utility unet: seed %d, %s: read back from %s%n", seed + 1, c.name(), s.checkpoints());
                } else {
                    Segmenter.Data train = data(real, synthetic, b.rows(), size);
                    EpochCheckpoint epochFile = cp.epochFile(c.name(), seed);
                    SegmentationScores.Result r;
                    try (NetTrainer net = Segmenter.fit(train, s.structures().length, s.unet(), seed, epochFile, log)) {
                        r = Segmenter.score(net, testData, s.structures(), s.policy());
                    }
                    warnings.addAll(r.warnings());
                    metrics = r.metrics();
                    TrainingRun.UnetTraining unet = new TrainingRun.UnetTraining(s.unet().epochs(),
                            Math.min(s.unet().batch(), train.images().size()), s.unet().learningRate(), train.images().size());
                    desc = b.description().withUnet(unet);
                    cp.write(c.name(), seed, new double[][] {metrics.values().stream().mapToDouble(Double::doubleValue).toArray()},
                            new TrainingRun.UnetCheckpoint(unet, new ArrayList<>(metrics.keySet())));
                    cp.deleteEpochFile(c.name(), seed);
                    trained++;
                }
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    scores.add(new Score(c.name(), seed, e.getKey(), e.getValue()));
                }
                training.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(desc);
                done++;
                double elapsed = (System.nanoTime() - t0) / 1e9;
                String first = metrics.keySet().iterator().next();
                log.printf(Locale.ROOT, "utility unet: seed %d/%d, %s: %s %.4f; %d/%d done, ETA %.0f s%n", seed + 1, s.seeds(),
                        c.name(), first, metrics.get(first), done, total, trained == 0 ? 0 : elapsed / trained * (total - done));
            }
        }
        return new ProbeExperiment.Outcome(List.copyOf(scores), training, List.of(s.structures()), Map.of(), Map.of(),
                List.copyOf(warnings));
    }

    private static Map<String, Double> unpack(double[] values, List<String> keys) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values[i]);
        }
        return m;
    }

    private static int[] allRows(MaskedSet s) {
        int[] r = new int[s.set().n()];
        for (int i = 0; i < r.length; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The images and masks of a condition's training rows, in design order. */
    static Segmenter.Data data(MaskedSet real, List<MaskedSet> synthetic, TrainingRows rows, int size) {
        List<MaskedSet> owners = new ArrayList<>();
        List<int[]> picks = new ArrayList<>();
        for (TrainingRows.Block b : rows.blocks()) {
            MaskedSet owner = b.features() == real.set().features() ? real : null;
            for (MaskedSet s : synthetic) {
                owner = owner == null && b.features() == s.set().features() ? s : owner;
            }
            if (owner == null) {
                throw new IllegalStateException("training block from an unknown set");
            }
            owners.add(owner);
            picks.add(b.rows());
        }
        return data(owners, picks, size);
    }

    private static Segmenter.Data data(List<MaskedSet> sets, List<int[]> rows, int size) {
        List<float[]> x = new ArrayList<>();
        List<byte[][]> m = new ArrayList<>();
        int px = size * size;
        for (int k = 0; k < sets.size(); k++) {
            MaskedSet s = sets.get(k);
            Features f = s.set().features();
            for (int i : rows.get(k)) {
                float[] img = new float[px];
                f.row(i, img, 0);
                x.add(img);
                m.add(s.masks().get(i));
            }
        }
        return new Segmenter.Data(x, m, size);
    }
}
