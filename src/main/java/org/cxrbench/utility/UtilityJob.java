package org.cxrbench.utility;

import org.cxrbench.common.UtilityResult;

import org.cxrbench.pipeline.Inputs;
import org.cxrbench.common.Outputs;
import org.cxrbench.pipeline.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.PatientSplits;
import org.cxrbench.stats.Alternative;
import org.cxrbench.stats.ClassificationScores;
import org.cxrbench.stats.Comparisons;
import org.cxrbench.stats.Correction;
import org.cxrbench.stats.TTestKind;

/**
 * ./cxrbench utility: does synthetic data help a downstream model? Loads the real training, real test and synthetic
 * sets (feature files with label manifests, or images encoded through the feature cache), runs the conditions over
 * seeds with the linear probe, compares each condition with {@code real} (one-tailed paired t-tests, corrected over
 * the family) and writes the results JSON and the scores CSV. Every check of the request runs before any work.
 */
public final class UtilityJob {
    private UtilityJob() {}

    public static final List<String> CONDITIONS = List.of("real", "synthetic", "mixed", "augmented");
    /** Metrics compared against real by default (the declared family; every metric is in the scores CSV). */
    public static final List<String> HEADLINE = List.of("f1_macro", "f1_micro", "auroc_macro");

    /**
     * @param synthetic       synthetic sets (may be empty with --conditions real)
     * @param syntheticLabels label manifests for synthetic feature files, in the order of {@code synthetic} (may be empty)
     * @param compareMetrics  metrics tested against real (null: {@link #HEADLINE}; ["all"]: every metric)
     * @param bootstrap       test-image resamples for 95% CIs of the first seed's AUROCs (0: none)
     */
    public record Request(Path train, Path test, List<Path> synthetic, Path trainLabels, Path testLabels,
                          List<Path> syntheticLabels, String encoder, String task, String model, List<String> conditions,
                          double realFraction, List<Double> ratios, double mixedShare, int seeds, double probeC,
                          double probeTol, String correction, String testKind, double alpha, List<String> compareMetrics,
                          int bootstrap, Path json, Path scores, String command, int threads, String f1Thresholds) {
        public Request {
            synthetic = synthetic == null ? List.of() : List.copyOf(synthetic);
            syntheticLabels = syntheticLabels == null ? List.of() : List.copyOf(syntheticLabels);
            f1Thresholds = f1Thresholds == null ? "0.5" : f1Thresholds;
        }

        /** --f1-thresholds tuned: per-label thresholds tuned on a patient-disjoint validation split of the training rows. */
        public boolean tunedF1() {
            return "tuned".equals(f1Thresholds);
        }

        /** Every option check, before any input is read (a bad request exits 2 with one line). */
        public void checkOptions() {
            if (!"classify".equals(task) && !"segment".equals(task)) {
                throw new BadInputException("--task " + task + ": use classify or segment");
            }
            if ("segment".equals(task) && !"unet".equals(model)) {
                throw new BadInputException("--model " + model + ": --task segment trains a U-Net; give --model unet");
            }
            if ("classify".equals(task) && !"probe".equals(model) && !"cnn".equals(model)) {
                throw new BadInputException("--model " + model + ": use probe (linear probe on frozen features) or cnn"
                        + " (a small ResNet trained on the images) for --task classify");
            }
            if (conditions.isEmpty()) {
                throw new BadInputException("--conditions is empty; give some of " + String.join(",", CONDITIONS));
            }
            for (String c : conditions) {
                if (!CONDITIONS.contains(c)) {
                    throw new BadInputException("--conditions: unknown condition '" + c + "'; use " + String.join(",", CONDITIONS));
                }
            }
            if (!conditions.contains("real")) {
                throw new BadInputException("--conditions " + String.join(",", conditions) + ": the comparisons need the"
                        + " baseline; add 'real'");
            }
            if (!(realFraction > 0 && realFraction <= 1)) {
                throw new BadInputException("--real-fraction " + realFraction + ": give a share in (0, 1]");
            }
            for (double r : ratios) {
                if (!(r > 0) || Double.isInfinite(r)) {
                    throw new BadInputException("--synthetic-ratios: " + r + " is not a positive ratio");
                }
            }
            if (conditions.contains("augmented") && ratios.isEmpty()) {
                throw new BadInputException("--conditions augmented needs --synthetic-ratios (e.g. 0.25,0.5,1,2)");
            }
            if (!(mixedShare > 0 && mixedShare <= 1)) {
                throw new BadInputException("--mixed-share " + mixedShare + ": give a share in (0, 1]");
            }
            if (seeds < 1) {
                throw new BadInputException("--seeds " + seeds + ": give at least 1");
            }
            if (!(probeC > 0) || Double.isInfinite(probeC)) {
                throw new BadInputException("--probe-c " + probeC + ": give a positive number (scikit-learn's C)");
            }
            if (!(probeTol > 0)) {
                throw new BadInputException("--probe-tol " + probeTol + ": give a positive number");
            }
            if (bootstrap < 0) {
                throw new BadInputException("--bootstrap " + bootstrap + ": give 0 (none) or a number of resamples");
            }
            if (!"0.5".equals(f1Thresholds) && !"tuned".equals(f1Thresholds)) {
                throw new BadInputException("--f1-thresholds " + f1Thresholds + ": use 0.5 (fixed) or tuned (per label, on a"
                        + " validation split of the training patients)");
            }
            if (tunedF1() && "segment".equals(task)) {
                throw new BadInputException("--f1-thresholds tuned: F1 is a classification score; drop it with --task segment");
            }
            comparisonOptions();
        }

        /** The checks of a request that reads files: options, then outputs writable and inputs present. */
        public void check() {
            checkOptions();
            if (conditions.size() > 1 && synthetic.isEmpty()) {
                throw new BadInputException("--conditions " + String.join(",", conditions) + " need synthetic data; give"
                        + " --synthetic S (or use --conditions real)");
            }
            if (!syntheticLabels.isEmpty() && syntheticLabels.size() != synthetic.size()) {
                throw new BadInputException(syntheticLabels.size() + " --synthetic-labels for " + synthetic.size()
                        + " --synthetic sets; give one per set, in the same order");
            }
            Outputs.requireWritable("json", json, "scores", scores);
            if (train == null || test == null) {
                throw new BadInputException("--train and --test are required");
            }
            List<Object> paths = new ArrayList<>(java.util.Arrays.asList("train", train, "test", test, "train-labels",
                    trainLabels, "test-labels", testLabels));
            for (Path s : synthetic) {
                paths.add("synthetic");
                paths.add(s);
            }
            for (Path s : syntheticLabels) {
                paths.add("synthetic-labels");
                paths.add(s);
            }
            Inputs.requireExisting(paths.toArray());
        }

        Comparisons.Options comparisonOptions() {
            try {
                return new Comparisons.Options("real", TTestKind.parse(testKind), Correction.parse(correction), alpha,
                        Alternative.GREATER);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("utility: " + e.getMessage());
            }
        }
    }

    /** Runs the request; the comparisons table goes to the context's results stream, progress to its log. */
    public static UtilityResult run(Request req, RunContext ctx) {
        return run(req, UtilityCnn.defaults(), ctx);
    }

    /** @param cnn settings of --model cnn (unused by the probe) */
    public static UtilityResult run(Request req, UtilityCnn cnn, RunContext ctx) {
        return run(req, cnn, UtilitySegment.defaults(), ctx);
    }

    /**
     * The sets of a utility run in memory: each set's features with its labels and patients, what provenance records
     * of each, the synthetic sets' names, and whether train and test were checked patient-disjoint.
     */
    public record Sets(Inputs.Loaded train, Inputs.Loaded test, List<Inputs.Loaded> synthetic, LabelledSet real,
                       LabelledSet testSet, List<LabelledSet> syntheticSets, List<String> names, boolean patientsChecked) {}

    /**
     * @param cnn settings of --model cnn (unused by the other models)
     * @param seg settings of --task segment --model unet (unused by the classifiers)
     */
    public static UtilityResult run(Request req, UtilityCnn cnn, UtilitySegment seg, RunContext ctx) {
        req.check();
        boolean isCnn = "cnn".equals(req.model());
        boolean isSeg = "segment".equals(req.task());
        if (isCnn) {
            cnn.check();
        }
        Map<String, List<String>> structures = null;
        if (isSeg) {
            seg.check();
            List<Path> all = new ArrayList<>(List.of(req.train(), req.test()));
            all.addAll(req.synthetic());
            structures = seg.resolve(all);
        }
        String encoder = isSeg ? "pixels" + seg.size() : isCnn ? cnn.encoder(req.encoder(), ctx.log()) : req.encoder();
        return runOn(req, load(req, encoder, isSeg, ctx), cnn, seg, structures, ctx);
    }

    /**
     * The experiment on sets already loaded (a config run hands its encoded sets over in memory); the comparisons
     * table goes to the context's results stream, progress to its log. Writes --json and --scores when the request
     * names them.
     */
    public static UtilityResult runOn(Request req, Sets sets, UtilityCnn cnn, UtilitySegment seg,
                                            Map<String, List<String>> structures, RunContext ctx) {
        req.checkOptions();
        PrintStream log = ctx.log();
        boolean isCnn = "cnn".equals(req.model());
        boolean isSeg = "segment".equals(req.task());
        LabelledSet real = sets.real();
        List<Condition> conditions = Condition.expand(req.conditions(), req.ratios(), req.mixedShare(), sets.names());
        String inputsKey = inputsKey(sets.train(), sets.test(), sets.synthetic());
        ProbeExperiment.Settings settings = new ProbeExperiment.Settings(conditions, req.realFraction(), req.seeds(),
                new LinearProbe.Options(req.probeC(), req.probeTol(), LinearProbe.Options.SCIPY_FTOL, 1000, 10),
                ClassificationScores.Options.defaults(), req.bootstrap(), req.threads(), req.tunedF1(), cnn.checkpoints(),
                org.cxrbench.common.Hashing.ofString(inputsKey + "|probe|" + req.probeC() + "|" + req.probeTol() + "|"
                        + req.realFraction() + "|" + req.ratios() + "|" + req.mixedShare() + "|" + req.f1Thresholds()));
        log.printf("utility: %d real training rows (%s used per seed), %d test rows, %d synthetic set(s); %d conditions x %d"
                        + " seeds, %s%n", real.n(), req.realFraction() == 1 ? "all"
                        : Condition.realSubsetSize(real.n(), req.realFraction()) + "", sets.testSet().n(),
                sets.syntheticSets().size(), conditions.size(), req.seeds(), isSeg ? seg.toString() + ", structures "
                        + structures.keySet() : isCnn ? "CNN " + cnn : "linear probe C=" + req.probeC());
        String[] keys = java.util.Arrays.stream(ChexpertLabel.values()).map(ChexpertLabel::key).toArray(String[]::new);
        ProbeExperiment.Outcome result;
        try {
            result = isSeg ? seg.run(real, sets.train(), sets.syntheticSets(), sets.synthetic(), sets.testSet(), sets.test(),
                    structures, conditions, req, inputsKey, log)
                    : isCnn ? cnn.run(real, sets.syntheticSets(), sets.testSet(), keys, conditions, req, inputsKey, log)
                    : ProbeExperiment.run(real, sets.syntheticSets(), sets.testSet(), keys, settings, log);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(req.train() + " / " + req.test() + ": " + e.getMessage());
        }
        return UtilityResults.write(req, result, conditions, sets, isSeg ? seg : null, ctx.out(), log);
    }

    /** Reads the request's sets (feature files with label manifests, or images through the feature cache). */
    /**
     * The encoder spec one input is read under: images get the task's encoder (the CNN's and the segmenter's pixel
     * encoders are derived, not asked for); a feature file is used as it is, under what the user declared.
     */
    private static String encoderFor(Path input, Request req, String derived) {
        return java.nio.file.Files.isRegularFile(input) && org.cxrbench.encode.FeatureFiles.isFeatureFile(input)
                ? req.encoder() : derived;
    }

    static Sets load(Request req, String encoder, boolean isSeg, RunContext ctx) {
        Inputs.Loaded train = Inputs.load(ctx, manifestPath(req.train(), isSeg), null, "train", encoderFor(req.train(), req, encoder));
        Inputs.Loaded test = Inputs.load(ctx, manifestPath(req.test(), isSeg), null, "test", encoderFor(req.test(), req, encoder));
        Inputs.checkSameEncoder(train, req.train(), test, req.test());
        LabelledSet real = labelled("real", train, req.trainLabels(), "train");
        LabelledSet testSet = labelled("test", test, req.testLabels(), "test");
        if (real.features().d() != testSet.features().d()) {
            throw new BadInputException(req.test() + " has " + testSet.features().d() + " feature columns, " + req.train()
                    + " " + real.features().d() + "; encode both with the same encoder");
        }
        Manifest mTrain = manifestOf(train, req.trainLabels());
        Manifest mTest = manifestOf(test, req.testLabels());
        boolean patientsChecked = mTrain != null && mTest != null;
        if (patientsChecked) {
            PatientSplits.checkDisjoint(mTrain, "--train", mTest, "--test");
        }
        List<LabelledSet> syn = new ArrayList<>();
        List<Inputs.Loaded> synLoaded = new ArrayList<>();
        List<String> names = syntheticNames(req.synthetic());
        for (int i = 0; i < req.synthetic().size(); i++) {
            Path p = req.synthetic().get(i);
            Inputs.Loaded s = Inputs.load(ctx, manifestPath(p, isSeg), null, "synthetic", encoderFor(p, req, encoder));
            Inputs.checkSameEncoder(train, req.train(), s, p);
            LabelledSet ls = labelled(names.get(i), s, req.syntheticLabels().isEmpty() ? null : req.syntheticLabels().get(i),
                    "synthetic");
            if (ls.features().d() != real.features().d()) {
                throw new BadInputException(p + " has " + ls.features().d() + " feature columns, " + req.train() + " "
                        + real.features().d() + "; encode both with the same encoder");
            }
            syn.add(ls);
            synLoaded.add(s);
        }
        return new Sets(train, test, synLoaded, real, testSet, syn, names, patientsChecked);
    }

    /** --task segment reads a folder's manifest.csv (the masks are named there), not the folder's images. */
    static Path manifestPath(Path p, boolean segment) {
        return segment && java.nio.file.Files.isDirectory(p) && java.nio.file.Files.isRegularFile(p.resolve("manifest.csv"))
                ? p.resolve("manifest.csv") : p;
    }

    private static String inputsKey(Inputs.Loaded train, Inputs.Loaded test, List<Inputs.Loaded> syn) {
        StringBuilder b = new StringBuilder();
        for (Inputs.Loaded s : java.util.stream.Stream.concat(java.util.stream.Stream.of(train, test), syn.stream()).toList()) {
            b.append('|').append(s.hash()).append(',').append(s.encoder()).append(',').append(s.manifestHash());
        }
        return b.toString();
    }

    /** Synthetic set names: file or folder names without extension, made unique with a numeric suffix. */
    static List<String> syntheticNames(List<Path> paths) {
        List<String> out = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Path p : paths) {
            Path f = p.getFileName();
            String n = f == null ? "synthetic" : f.toString().replaceFirst("\\.[^.]+$", "");
            if (n.equals("manifest") && p.toAbsolutePath().getParent() != null
                    && p.toAbsolutePath().getParent().getFileName() != null) {
                n = p.toAbsolutePath().getParent().getFileName().toString();
            }
            String u = n;
            for (int k = 2; !seen.add(u); k++) {
                u = n + "-" + k;
            }
            out.add(u);
        }
        return out;
    }

    static Manifest manifestOf(Inputs.Loaded in, Path labelsManifest) {
        return labelsManifest != null ? Manifest.read(labelsManifest) : in.manifest();
    }

    public static LabelledSet labelled(String name, Inputs.Loaded in, Path labelsManifest, String role) {
        Manifest m = manifestOf(in, labelsManifest);
        if (m == null) {
            throw new BadInputException("--" + role + " is a feature file without labels: give --" + role
                    + "-labels M.csv (a manifest in the same row order)");
        }
        if (m.size() != in.features().n()) {
            throw BadInputException.of(labelsManifest, "lists " + m.size() + " images but --" + role + " has "
                    + in.features().n() + " rows", "give a manifest in the same row order as the features");
        }
        byte[][] y = new byte[m.size()][];
        String[] patients = new String[m.size()];
        for (int i = 0; i < m.size(); i++) {
            y[i] = m.get(i).labels().toArray();
            patients[i] = m.get(i).patientId();
        }
        return new LabelledSet(name, in.features(), y, patients);
    }
}
