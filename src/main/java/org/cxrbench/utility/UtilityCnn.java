package org.cxrbench.utility;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.stats.ClassificationScores;

/**
 * The CNN side of ./cxrbench utility: its settings, the pixel encoding its inputs go through, and the call of
 * {@link CnnExperiment}.
 *
 * @param size        side of the square network input (images are read as {@code pixelsN})
 * @param checkpoints folder for finished (condition, seed) results, for resuming a killed run (null: none)
 */
public record UtilityCnn(int size, int maxEpochs, int batch, double learningRate, int patience, Path checkpoints) {
    public static UtilityCnn defaults() {
        CnnClassifier.Options o = CnnClassifier.Options.defaults();
        return new UtilityCnn(64, o.maxEpochs(), o.batch(), o.learningRate(), o.patience(), null);
    }

    void check() {
        if (size < 8 || size > 256 || size % 4 != 0) {
            throw new BadInputException("--cnn-size " + size + ": give a multiple of 4 in 8..256");
        }
        if (maxEpochs < 1 || batch < 1 || patience < 1) {
            throw new BadInputException("--cnn-epochs, --cnn-batch and --cnn-patience must be at least 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new BadInputException("--cnn-lr " + learningRate + ": give a positive number");
        }
    }

    /** The encoder the CNN reads its inputs with: a pixelsN spec as given, otherwise pixels at {@link #size}. */
    String encoder(String requested, PrintStream log) {
        if (requested != null && requested.startsWith("pixels")) {
            return requested;
        }
        log.printf("utility cnn: images read as pixels%d (the CNN trains on pixels; %s not used)%n", size,
                requested == null ? "the default encoder" : "--encoder " + requested);
        return "pixels" + size;
    }

    CnnClassifier.Options options() {
        return new CnnClassifier.Options(maxEpochs, batch, learningRate, patience, 0.15, 10);
    }

    ProbeExperiment.Outcome run(LabelledSet real, List<LabelledSet> syn, LabelledSet test, String[] keys,
                                List<Condition> conditions, UtilityJob.Request req, String inputsKey, PrintStream log) {
        String key = Hashing.ofString(inputsKey + "|" + this + "|" + req.realFraction() + "|" + req.ratios() + "|"
                + req.mixedShare() + (req.tunedF1() ? "|tuned" : ""));
        return CnnExperiment.run(real, syn, test, keys, new CnnExperiment.Settings(conditions, req.realFraction(),
                req.seeds(), options(), ClassificationScores.Options.defaults(), req.bootstrap(), checkpoints, key,
                req.tunedF1()), log);
    }
}
