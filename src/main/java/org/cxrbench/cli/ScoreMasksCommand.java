package org.cxrbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<Map<String, Object>> perImage = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-24s %8s %19s %8s %19s %6s%n", "structure", "dice",
                "dice 95% CI", "iou", "iou 95% CI", "n"));
        for (var s : result.structures()) {
            double[] dci = MaskScoring.interval(s.dicePerImage(), bootstrap, seed);
            double[] ici = MaskScoring.interval(s.iouPerImage(), bootstrap, seed);
            metrics.put("dice_" + MaskScoring.key(s.structure()), entry(s.dice(), dci, s.diceNotNan(), images.size(), "Dice"));
            metrics.put("iou_" + MaskScoring.key(s.structure()), entry(s.iou(), ici, s.iouNotNan(), images.size(), "IoU"));
            for (int i = 0; i < images.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", images.get(i));
                row.put("structure", s.structure());
                row.put("dice", finite(s.dicePerImage()[i]));
                row.put("iou", finite(s.iouPerImage()[i]));
                perImage.add(row);
            }
            table.append(String.format(Locale.ROOT, "%-24s %8.4f %19s %8.4f %19s %6d%n", s.structure(), s.dice(), ci(dci),
                    s.iou(), ci(ici), s.diceNotNan()));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("empty_masks", policy.key());
        settings.put("structures", resolved);
        settings.put("threshold", 0.5);
        settings.put("bootstrap", bootstrap);
        settings.put("interval", "95% percentile bootstrap over images of the mean per-image score");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metrics", metrics);
        root.put("per_image", perImage);
        root.put("settings", settings);
        root.put("warnings", result.warnings());
        Provenance.Builder prov = Provenance.builder(CommonOptions.commandLine(spec)).threads(1).seed("seed", seed)
                .input("truth", setHash(truth)).input("pred", setHash(pred)).setting("empty_masks", policy.key());
        root.put("provenance", prov.build().toMap());
        if (json != null) {
            Json.write(json, root);
        }
        result.warnings().forEach(w -> common.log().println("score-masks: " + w));
        System.out.print(table);
        return Main.OK;
    }

    private static Map<String, Object> entry(double value, double[] ci, int scored, int images, String what) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("value", finite(value));
        e.put("ci95", ci == null ? null : List.of(ci[0], ci[1]));
        e.put("n", scored);
        e.put("n_images", images);
        e.put("direction", "higher");
        e.put("family", "utility");
        e.put("estimand", "mean per-image " + what + " over the " + scored + " images it is defined on");
        return e;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String ci(double[] ci) {
        return ci == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", ci[0], ci[1]);
    }

    private static String setHash(Path p) {
        return Files.isRegularFile(p) ? Hashing.ofFile(p) : Hashing.ofString(MaskScoring.read(p, "set").toString());
    }
}
