package org.cxrbench.utility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cxrbench.common.BadInputException;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.stats.Bootstrap;
import org.cxrbench.stats.SegmentationScores;

/**
 * {@code ./cxrbench score-masks}: Dice and IoU of given predicted masks against given true masks, per image and
 * per structure, with MONAI's conventions ({@link SegmentationScores}: binarised at grey >= 0.5, the empty-mask
 * policy, the mean over images skipping NaN entries) and a 95% percentile bootstrap interval over images of each
 * structure's mean (estimand: the mean per-image score over images like these; the images are resampled).
 *
 * <p>A mask set is a manifest whose rows name their masks ({@code masks} column, {@code name=path;...}), paired by
 * row id, or a folder: one sub-folder per structure holding one mask image per image ({@code DIR/<structure>/<id>.png}),
 * or mask images directly in it (one structure, {@code mask}), paired by file name without extension. A structure
 * {@code NAME=A+B} is the union of masks A and B.
 */
public final class MaskScoring {
    private MaskScoring() {}

    /** The masks of one set: image id -> (mask name -> file). */
    public static Map<String, Map<String, Path>> read(Path set, String option) {
        if (Files.isDirectory(set)) {
            return folder(set, option);
        }
        if (!Files.isRegularFile(set)) {
            throw BadInputException.of(set, "not found", "give --" + option + " a mask folder or a manifest CSV with a masks column");
        }
        if (!Manifest.looksLikeManifest(set)) {
            throw BadInputException.of(set, "is neither a manifest CSV nor a folder", "give --" + option
                    + " a mask folder (DIR/<structure>/<id>.png) or a manifest whose masks column names them");
        }
        Manifest m = Manifest.read(set);
        Map<String, Map<String, Path>> out = new LinkedHashMap<>();
        for (ManifestRecord r : m.records()) {
            Map<String, Path> masks = new LinkedHashMap<>();
            r.masks().forEach((name, p) -> masks.put(name, m.resolve(p)));
            out.put(r.id(), masks);
        }
        return out;
    }

    private static Map<String, Map<String, Path>> folder(Path dir, String option) {
        Map<String, Map<String, Path>> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> entries = s.sorted().toList();
            boolean nested = entries.stream().anyMatch(Files::isDirectory);
            for (Path e : entries) {
                if (nested && Files.isDirectory(e)) {
                    try (Stream<Path> files = Files.list(e)) {
                        for (Path f : files.filter(MaskScoring::isImage).sorted().toList()) {
                            out.computeIfAbsent(stem(f), k -> new TreeMap<>()).put(e.getFileName().toString(), f);
                        }
                    }
                } else if (!nested && isImage(e)) {
                    out.computeIfAbsent(stem(e), k -> new TreeMap<>()).put("mask", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw BadInputException.of(dir, "holds no mask images", "give --" + option + " DIR/<structure>/<id>.png or DIR/<id>.png");
        }
        return out;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp"));
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Structure specs (NAME or NAME=A+B) resolved: name -> components; default: the mask names every image has in both sets. */
    public static Map<String, List<String>> structures(List<String> specs, Map<String, Map<String, Path>> truth,
                                                       Map<String, Map<String, Path>> pred) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (specs == null || specs.isEmpty()) {
            Set<String> common = null;
            for (Map<String, Map<String, Path>> set : List.of(truth, pred)) {
                for (Map<String, Path> row : set.values()) {
                    if (common == null) {
                        common = new LinkedHashSet<>(row.keySet());
                    } else {
                        common.retainAll(row.keySet());
                    }
                }
            }
            if (common == null || common.isEmpty()) {
                throw new BadInputException("score-masks: no mask name is common to every image of --truth and --pred; "
                        + "give --structures NAME or NAME=A+B");
            }
            common.forEach(n -> out.put(n, List.of(n)));
            return out;
        }
        for (String s : specs) {
            if (!s.matches("[A-Za-z0-9_]+(=[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*)?")) {
                throw new BadInputException("--structures: '" + s + "' is not NAME or NAME=A+B (letters, digits, _)");
            }
            int eq = s.indexOf('=');
            out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? List.of(s) : List.of(s.substring(eq + 1).split("\\+")));
        }
        return out;
    }

    /** The images scored: every image of the truth set, each of which the prediction set must have. */
    public static List<String> pairedImages(Map<String, Map<String, Path>> truth, Map<String, Map<String, Path>> pred, Path predSet) {
        List<String> missing = truth.keySet().stream().filter(id -> !pred.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw BadInputException.of(predSet, "has no prediction for " + missing.size() + " of " + truth.size()
                    + " images (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + ")", "predict every image of --truth (masks are paired by id / file name)");
        }
        return List.copyOf(truth.keySet());
    }

    /** One image's structure mask: the union of its components, binarised at 0.5; the width and height first. */
    static boolean[] mask(Map<String, Path> row, String image, String structure, List<String> parts, int[] size, String option) {
        List<String> names = row.containsKey(structure) ? List.of(structure) : parts;
        boolean[] u = null;
        for (String part : names) {
            Path f = row.get(part);
            if (f == null) {
                throw new BadInputException("--" + option + ": image '" + image + "' has no mask '" + part
                        + "'; give every image its masks, or choose --structures both sets have");
            }
            if (!Files.isRegularFile(f)) {
                throw BadInputException.of(f, "mask '" + part + "' of image '" + image + "' not found", "fix the --" + option + " set");
            }
            GreyImage g = ImageDecoder.decode(f);
            if (u == null) {
                size[0] = g.width();
                size[1] = g.height();
                u = new boolean[g.width() * g.height()];
            } else if (g.width() != size[0] || g.height() != size[1]) {
                throw BadInputException.of(f, g.width() + " x " + g.height() + " but the image's other masks are "
                        + size[0] + " x " + size[1], "give masks of one size");
            }
            for (int j = 0; j < u.length; j++) {
                u[j] |= g.pixels()[j] >= 0.5f;
            }
        }
        return u;
    }

    /** Scores every paired image; the per-image scores and each structure's mean. */
    public static SegmentationScores.Result score(List<String> images, Map<String, Map<String, Path>> truth,
                                                  Map<String, Map<String, Path>> pred, Map<String, List<String>> structures,
                                                  SegmentationScores.EmptyPolicy policy) {
        String[] names = structures.keySet().toArray(new String[0]);
        SegmentationScores.Accumulator acc = new SegmentationScores.Accumulator(names, policy);
        for (String id : images) {
            boolean[][] p = new boolean[names.length][];
            boolean[][] t = new boolean[names.length][];
            for (int s = 0; s < names.length; s++) {
                int[] ts = new int[2];
                int[] ps = new int[2];
                t[s] = mask(truth.get(id), id, names[s], structures.get(names[s]), ts, "truth");
                p[s] = mask(pred.get(id), id, names[s], structures.get(names[s]), ps, "pred");
                if (ts[0] != ps[0] || ts[1] != ps[1]) {
                    throw new BadInputException("score-masks: image '" + id + "', " + names[s] + ": the predicted mask is "
                            + ps[0] + " x " + ps[1] + " but the true one " + ts[0] + " x " + ts[1]
                            + "; resize the predictions to the true masks' size (nearest neighbour)");
                }
            }
            acc.add(p, t);
        }
        return acc.result();
    }

    /** 95% percentile bootstrap interval over images of the NaN-skipping mean of per-image scores; null with < 2 scored. */
    public static double[] interval(double[] perImage, int resamples, long seed) {
        int scored = 0;
        for (double v : perImage) {
            scored += Double.isNaN(v) ? 0 : 1;
        }
        if (resamples <= 0 || scored < 2) {
            return null;
        }
        Bootstrap.Interval iv = Bootstrap.paired(perImage.length, idx -> {
            double[] x = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                x[i] = perImage[idx[i]];
            }
            return SegmentationScores.nanMean(x);
        }, resamples, seed, 0.95);
        return new double[] {iv.low(), iv.high()};
    }

    /** The --empty-masks policy; an unknown word is bad input. */
    public static SegmentationScores.EmptyPolicy policy(String s) {
        try {
            return SegmentationScores.EmptyPolicy.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--empty-masks: " + e.getMessage());
        }
    }

    /** A structure's key in metric names (dice_&lt;key&gt;), as the utility command writes it. */
    public static String key(String structure) {
        return org.cxrbench.stats.ClassificationScores.key(structure);
    }
}
