package org.cxrbench.utility;

import org.cxrbench.pipeline.Inputs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.data.RunLength;
import org.cxrbench.stats.SegmentationScores;

/**
 * The segmentation side of ./cxrbench utility ({@code --task segment --model unet}): its settings, the structures
 * and their masks, and the call of {@link SegmentExperiment}. Images are read as {@code pixelsN}; masks come from the
 * manifests' {@code masks} column (name=path), read as 0/1 (grey value >= 0.5) and resampled to N x N by nearest
 * neighbour.
 * <p>
 * A structure is {@code name} (every row needs a mask of that name) or {@code name=a+b+c}: a row's mask
 * {@code name} when it has one, else the union of its masks a, b and c (so a real phantom set with left_lung,
 * right_lung and heart and a mask-conditioned synthetic set with lungs_heart meet on
 * {@code lungs_heart=left_lung+right_lung+heart}). Without --structures: the mask names every row of every set has.
 *
 * @param structures  structure specs (empty: the common mask names)
 * @param emptyMasks  MONAI empty-ground-truth convention: ignore (default), score or plain
 * @param checkpoints folder for finished (condition, seed) results and epoch checkpoints (null: none)
 */
public record UtilitySegment(int size, int epochs, int batch, double learningRate, List<String> structures,
                             String emptyMasks, Path checkpoints) {
    public UtilitySegment {
        structures = structures == null ? List.of() : List.copyOf(structures);
    }

    public static UtilitySegment defaults() {
        return new UtilitySegment(64, 10, 8, 0.003, List.of(), "ignore", null);
    }

    void check() {
        if (size < 8 || size > 256 || size % 4 != 0) {
            throw new BadInputException("--unet-size " + size + ": give a multiple of 4 in 8..256");
        }
        if (epochs < 1 || batch < 1) {
            throw new BadInputException("--unet-epochs and --unet-batch must be at least 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new BadInputException("--unet-lr " + learningRate + ": give a positive number");
        }
        policy();
        for (String s : structures) {
            if (!s.matches("[A-Za-z0-9_]+(=[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*)?")) {
                throw new BadInputException("--structures: '" + s + "' is not NAME or NAME=A+B (letters, digits, _)");
            }
        }
    }

    SegmentationScores.EmptyPolicy policy() {
        try {
            return SegmentationScores.EmptyPolicy.parse(emptyMasks);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--empty-masks: " + e.getMessage());
        }
    }

    /** The manifest of a set given as a manifest CSV (or CSV#split) or a folder with manifest.csv; null otherwise. */
    static Manifest manifestFile(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        Path f = !Files.exists(p) && name.contains("#") ? p.resolveSibling(name.substring(0, name.indexOf('#'))) : p;
        if (Files.isDirectory(f) && Files.isRegularFile(f.resolve("manifest.csv"))) {
            f = f.resolve("manifest.csv");
        }
        return Files.isRegularFile(f) && Manifest.looksLikeManifest(f) ? Manifest.read(f) : null;
    }

    /** Structure specs resolved against the sets' manifests (checked before any work): name -> components. */
    Map<String, List<String>> resolve(List<Path> sets) {
        List<Manifest> ms = new ArrayList<>();
        for (Path p : sets) {
            Manifest m = manifestFile(p);
            if (m == null) {
                throw BadInputException.of(p, "is not a manifest", "--task segment needs manifest CSVs whose rows name their"
                        + " masks (masks column, name=path;...)");
            }
            ms.add(m);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (structures.isEmpty()) {
            java.util.Set<String> common = null;
            for (Manifest m : ms) {
                for (ManifestRecord r : m.records()) {
                    if (common == null) {
                        common = new java.util.LinkedHashSet<>(r.masks().keySet());
                    } else {
                        common.retainAll(r.masks().keySet());
                    }
                }
            }
            if (common == null || common.isEmpty()) {
                throw new BadInputException("--task segment: no mask name is common to every row of --train, --test and"
                        + " --synthetic; give --structures NAME=A+B (e.g. lungs_heart=left_lung+right_lung+heart)");
            }
            common.forEach(n -> out.put(n, List.of(n)));
        } else {
            for (String s : structures) {
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? List.of(s) : List.of(s.substring(eq + 1).split("\\+")));
            }
        }
        for (int i = 0; i < ms.size(); i++) {
            for (ManifestRecord r : ms.get(i).records()) {
                for (Map.Entry<String, List<String>> e : out.entrySet()) {
                    if (!r.masks().containsKey(e.getKey()) && !r.masks().keySet().containsAll(e.getValue())) {
                        throw BadInputException.of(sets.get(i), "row '" + r.id() + "' has no mask '" + e.getKey() + "'"
                                + (e.getValue().equals(List.of(e.getKey())) ? "" : " nor " + String.join(", ", e.getValue())),
                                "give every row its masks, or choose --structures the sets share");
                    }
                }
            }
        }
        return out;
    }

    /** One 0/1 mask per structure for every row of a loaded set, at size x size. */
    static List<byte[][]> masks(Inputs.Loaded in, Map<String, List<String>> structures, int size) {
        Manifest m = in.manifest();
        List<byte[][]> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            ManifestRecord r = m.get(i);
            byte[][] row = new byte[structures.size()][];
            int s = 0;
            for (Map.Entry<String, List<String>> e : structures.entrySet()) {
                List<String> parts = r.masks().containsKey(e.getKey()) ? List.of(e.getKey()) : e.getValue();
                byte[] u = new byte[size * size];
                for (String part : parts) {
                    byte[] one = mask(m.resolve(r.masks().get(part)), size, r.id());
                    for (int j = 0; j < u.length; j++) {
                        u[j] |= one[j];
                    }
                }
                row[s++] = u;
            }
            out.add(row);
        }
        return out;
    }

    private static byte[] mask(Path file, int size, String id) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "mask of row '" + id + "' not found", "fix the manifest's masks column");
        }
        GreyImage g = ImageDecoder.decode(file);
        byte[] b = new byte[g.width() * g.height()];
        for (int j = 0; j < b.length; j++) {
            b[j] = (byte) (g.pixels()[j] >= 0.5f ? 1 : 0);
        }
        return g.width() == size && g.height() == size ? b : RunLength.resize(b, g.width(), g.height(), size, size);
    }

    @Override
    public String toString() {
        return "U-Net " + size + " px, " + epochs + " epochs, batch " + batch + ", lr " + learningRate;
    }

    ProbeExperiment.Outcome run(LabelledSet real, Inputs.Loaded train, List<LabelledSet> syn, List<Inputs.Loaded> synLoaded,
                                LabelledSet test, Inputs.Loaded testLoaded, Map<String, List<String>> resolved,
                                List<Condition> conditions, UtilityJob.Request req, String inputsKey, PrintStream log) {
        List<SegmentExperiment.MaskedSet> s = new ArrayList<>();
        for (int i = 0; i < syn.size(); i++) {
            s.add(new SegmentExperiment.MaskedSet(syn.get(i), masks(synLoaded.get(i), resolved, size)));
        }
        String key = Hashing.ofString(inputsKey + "|" + this + "|" + resolved + "|" + emptyMasks + "|" + req.realFraction()
                + "|" + req.ratios() + "|" + req.mixedShare());
        return SegmentExperiment.run(new SegmentExperiment.MaskedSet(real, masks(train, resolved, size)), s,
                new SegmentExperiment.MaskedSet(test, masks(testLoaded, resolved, size)),
                new SegmentExperiment.Settings(conditions, req.realFraction(), req.seeds(),
                        new Segmenter.Options(epochs, batch, learningRate), resolved.keySet().toArray(String[]::new),
                        policy(), checkpoints, key), log);
    }
}
