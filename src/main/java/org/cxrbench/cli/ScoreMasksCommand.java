package org.cxrbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.Outputs;
import org.cxrbench.utility.MaskScoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "score-masks", header = "Dice and IoU of given masks (MONAI's conventions), per image and per structure.",
        mixinStandardHelpOptions = true,
        description = {"Scores a segmenter's predicted masks against the true ones: Dice = 2|P and G| / (|P| + |G|) and"
                + " IoU = |P and G| / |P or G| per image and structure (masks binarised at grey >= 0.5), the mean over"
                + " images skipping undefined entries (MONAI's DiceMetric / MeanIoU, reduction mean), and a 95%% percentile"
                + " bootstrap interval over images of each mean.",
                "A mask set is a folder (DIR/<structure>/<id>.png, or DIR/<id>.png for one structure 'mask') or a"
                + " manifest whose masks column names them (name=path;...); images are paired by id / file name.",
                "The table goes to stdout; the JSON has metrics (dice_<s>, iou_<s>), per_image, settings, provenance."})
public final class ScoreMasksCommand implements Callable<Integer> {
    /**
     * The command's JSON, written and read by one Jackson binding.
     *
     * @param metrics  dice_&lt;s&gt; and iou_&lt;s&gt; per structure
     * @param perImage one row per structure and image (null where the score is undefined)
     */
    @JsonPropertyOrder({"metrics", "per_image", "settings", "warnings", "provenance"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Results(Map<String, Metric> metrics, List<ImageScore> perImage, Settings settings, List<String> warnings,
                          Provenance provenance) {
        public Results {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            perImage = List.copyOf(perImage);
            warnings = List.copyOf(warnings);
        }
    }

    /** The mean per-image score over the images it is defined on ({@code n} of {@code n_images}) and its interval. */
    @JsonPropertyOrder({"value", "ci95", "n", "n_images", "direction", "family", "estimand"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Metric(Double value, List<Double> ci95, int n, int nImages, String direction, String family,
                         String estimand) {
        static Metric of(double value, double[] ci, int scored, int images, String what) {
            return new Metric(finite(value), ci == null ? null : List.of(ci[0], ci[1]), scored, images, "higher", "utility",
                    "mean per-image " + what + " over the " + scored + " images it is defined on");
        }
    }

    /** One image's scores for one structure. */
    @JsonPropertyOrder({"image", "structure", "dice", "iou"})
    public record ImageScore(String image, String structure, Double dice, Double iou) {}

    /** How the masks were scored: the empty-mask policy, each structure's component masks, threshold and interval. */
    @JsonPropertyOrder({"empty_masks", "structures", "threshold", "bootstrap", "interval"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Settings(String emptyMasks, Map<String, List<String>> structures, double threshold, int bootstrap,
                           String interval) {
        public Settings {
            structures = Collections.unmodifiableMap(new LinkedHashMap<>(structures));
        }
    }

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--truth", required = true, paramLabel = "DIR|M.csv", description = "The true masks: a folder or a manifest with a masks column.")
    Path truth;

    @Option(names = "--pred", required = true, paramLabel = "DIR|M.csv", description = "The predicted masks, in the same form; every true image needs one.")
    Path pred;

    @Option(names = "--structures", split = ",", paramLabel = "LIST",
            description = "Structures to score: NAME or NAME=A+B (the union of masks A and B). Default: the mask names every image has in both sets.")
    List<String> structures = new ArrayList<>();

    @Option(names = "--empty-masks", defaultValue = "ignore", paramLabel = "ignore|score|plain",
            description = "An empty true mask: ignore (MONAI's default ignore_empty=True: the image does not count), score "
                    + "(1 when the prediction is empty too, else 0), plain (the bare formula; 0/0 undefined). Default: ${DEFAULT-VALUE}.")
    String emptyMasks;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
            description = "Bootstrap resamples over images for the 95%% intervals (0: none). Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of the bootstrap resampling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = CommonOptions.JSON_HELP)
    Path json;

    @Override
    public Integer call() {
        Outputs.requireWritable("json", json);
        var policy = MaskScoring.policy(emptyMasks);
        if (bootstrap < 0) {
            throw new BadInputException("--bootstrap " + bootstrap + ": give 0 (no intervals) or more resamples");
        }
        var t = MaskScoring.read(truth, "truth");
        var p = MaskScoring.read(pred, "pred");
        var resolved = MaskScoring.structures(structures, t, p);
        List<String> images = MaskScoring.pairedImages(t, p, pred);
        common.log().printf("score-masks: %d images, structures %s, empty masks: %s%n", images.size(), resolved.keySet(), policy.key());
        var result = MaskScoring.score(images, t, p, resolved, policy);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        List<ImageScore> perImage = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-24s %8s %19s %8s %19s %6s%n", "structure", "dice",
                "dice 95% CI", "iou", "iou 95% CI", "n"));
        for (var s : result.structures()) {
            double[] dci = MaskScoring.interval(s.dicePerImage(), bootstrap, seed);
            double[] ici = MaskScoring.interval(s.iouPerImage(), bootstrap, seed);
            metrics.put("dice_" + MaskScoring.key(s.structure()), Metric.of(s.dice(), dci, s.diceNotNan(), images.size(), "Dice"));
            metrics.put("iou_" + MaskScoring.key(s.structure()), Metric.of(s.iou(), ici, s.iouNotNan(), images.size(), "IoU"));
            for (int i = 0; i < images.size(); i++) {
                perImage.add(new ImageScore(images.get(i), s.structure(), finite(s.dicePerImage()[i]),
                        finite(s.iouPerImage()[i])));
            }
            table.append(String.format(Locale.ROOT, "%-24s %8.4f %19s %8.4f %19s %6d%n", s.structure(), s.dice(), ci(dci),
                    s.iou(), ci(ici), s.diceNotNan()));
        }
        Settings settings = new Settings(policy.key(), resolved, 0.5, bootstrap,
                "95% percentile bootstrap over images of the mean per-image score");
        Provenance.Builder prov = Provenance.builder(CommonOptions.commandLine(spec)).threads(1).seed("seed", seed)
                .input("truth", setHash(truth)).input("pred", setHash(pred)).setting("empty_masks", policy.key());
        if (json != null) {
            Json.write(json, new Results(metrics, perImage, settings, result.warnings(), prov.build()));
        }
        result.warnings().forEach(w -> common.log().println("score-masks: " + w));
        System.out.print(table);
        return Main.OK;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String ci(double[] ci) {
        return ci == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", ci[0], ci[1]);
    }

    private static String setHash(Path p) {
        return Files.isRegularFile(p) ? Hashing.ofFile(p) : Hashing.ofString(MaskScoring.read(p, "set").toString());
    }
}
