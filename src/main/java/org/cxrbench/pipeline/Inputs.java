package org.cxrbench.pipeline;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureEncoders;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;

/**
 * Resolves a data-set argument of the contract to features: a feature file (.npy/.csv) is used as-is; an image
 * folder or a manifest CSV is decoded and encoded with the named encoder.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * Features plus the content hash that identifies them in provenance (of the feature file, or of the images a
     * manifest/folder lists), the manifest file's own hash (null for feature files and folders), and the encoder
     * used ("none" for feature files).
     */
    public record Loaded(Features features, String hash, String encoder, Manifest manifest, String manifestHash,
                         List<ImageEncoding.BadImage> skipped) {
        public Loaded(Features features, String hash, String encoder, Manifest manifest, String manifestHash) {
            this(features, hash, encoder, manifest, manifestHash, List.of());
        }

        /**
         * Adds this input's hashes to provenance under the role's name, and the images --skip-bad left out
         * ({@code skipped_bad_images:ROLE}: their count, then the files).
         */
        public void record(org.cxrbench.common.Provenance.Builder p, String role) {
            p.input(role, hash);
            if (manifestHash != null) {
                p.input(role + "_manifest", manifestHash);
            }
            if (!skipped.isEmpty()) {
                p.setting("skipped_bad_images:" + role, skipped.size() + ": " + String.join(", ",
                        skipped.stream().map(b -> b.file().toString()).toList()));
            }
        }
    }

    /**
     * The encoder recorded in a feature file's provenance sidecar ({@code FILE.provenance.json}, written by
     * {@code ./cxrbench encode}), or "none" when there is no sidecar.
     */
    public static String recordedEncoder(Path featureFile) {
        return FeatureEncoders.recordedEncoder(featureFile);
    }

    /** Fails before any work when an input path does not exist (--role path pairs; null paths are skipped). */
    public static void requireExisting(Object... rolesAndPaths) {
        for (int i = 0; i + 1 < rolesAndPaths.length; i += 2) {
            Path p = (Path) rolesAndPaths[i + 1];
            if (p != null && !Files.exists(p) && p.getFileName().toString().contains("#")) {
                String name = p.getFileName().toString();
                p = p.resolveSibling(name.substring(0, name.indexOf('#'))); // FILE.csv#split
            }
            if (p != null && !Files.exists(p)) {
                throw BadInputException.of(p, "not found", "give a feature file (.npy/.csv), an image folder or a manifest CSV for --"
                        + rolesAndPaths[i]);
            }
        }
    }

    /** Two inputs must come from the same encoder when both say which one they came from. */
    public static void checkSameEncoder(Loaded a, Path pa, Loaded b, Path pb) {
        if (!a.encoder().equals("none") && !b.encoder().equals("none") && !a.encoder().equals(b.encoder())) {
            throw new BadInputException(pb + " was encoded with '" + b.encoder() + "' but " + pa + " with '" + a.encoder()
                    + "'; encode both with the same encoder (and preset)");
        }
    }

    /**
     * A data set resolved but not yet encoded: a feature file, or a manifest (an image folder or a manifest CSV, its
     * split applied, every image checked and hashed); the content hash that identifies it (of the feature file, or of
     * the images the manifest lists) and the manifest file's own hash (null for feature files and folders).
     */
    public record Resolved(Path featureFile, Manifest manifest, String hash, String manifestHash) {}

    /**
     * The one resolution of a data set, for commands and config runs: a feature file, an image folder, or a manifest
     * CSV, optionally restricted to one of its splits ({@code split}, or {@code FILE.csv#split}). Every image a
     * manifest lists must exist, whatever the cache holds, so the outcome never depends on the cache.
     *
     * @param option how the user named the data set, for messages ("--real", "train")
     */
    public static Resolved resolve(Path path, String split, String option) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (split == null && !Files.exists(path) && name.contains("#")) {
            split = name.substring(name.indexOf('#') + 1);
            path = path.resolveSibling(name.substring(0, name.indexOf('#')));
        }
        if (!Files.exists(path)) {
            throw BadInputException.of(path, "not found", "give a feature file (.npy/.csv), an image folder or a manifest CSV for " + option);
        }
        if (Files.isRegularFile(path) && FeatureFiles.isFeatureFile(path)) {
            if (split != null) {
                throw BadInputException.of(path, "is a feature file: it has no splits",
                        "give a manifest CSV with a split column, or no split, for " + option);
            }
            // remembered by (path, size, modification time) like images, so a rerun does not read the file to hash it
            String hash = org.cxrbench.data.ImageHashes.of(List.of(path), org.cxrbench.common.Progress.out()).get(0);
            return new Resolved(path, null, hash, null);
        }
        Manifest m;
        String manifestHash = null;
        if (Files.isDirectory(path)) {
            m = FolderReader.read(path, null);
        } else if (Manifest.looksLikeManifest(path)) {
            m = Manifest.read(path);
            manifestHash = Hashing.ofFile(path);
        } else {
            throw BadInputException.of(path, "neither a feature file (.npy/.csv of numbers) nor a manifest (id,path,... header) nor a folder",
                    "give one of those for " + option);
        }
        if (split != null) {
            m = selectSplit(m, path, split, option);
        }
        requireImages(m, path);
        m = m.withImageHashes();
        return new Resolved(null, m, m.imagesHash(), manifestHash);
    }

    /** An image set ({@link #resolve}, hashed): a feature file is a bad input here, the step needs the images. */
    public static Manifest images(Path path, String split, String option) {
        Resolved r = resolve(path, split, option);
        if (r.manifest() == null) {
            throw BadInputException.of(path, "is a feature file", "give " + option + " an image folder or a manifest CSV"
                    + " (M.csv#split): this step needs the images");
        }
        return r.manifest();
    }

    /**
     * Resolves a data-set argument ({@link #resolve}) and turns it into features: a feature file as-is, images
     * encoded with the named encoder through the feature cache. Runs on the run's workers, so the run's settings
     * hold throughout (hash mode; undecodable images stop the run or, with {@link RunContext#skipBad()}, are left
     * out, named on the log and recorded by {@link Loaded#record}).
     */
    public static Loaded load(RunContext ctx, Path path, String split, String role, String encoderName) {
        return ctx.get(() -> loadOnRun(ctx, path, split, role, encoderName));
    }

    private static Loaded loadOnRun(RunContext ctx, Path path, String split, String role, String encoderName) {
        if (path == null) {
            throw new BadInputException("--" + role + " is required");
        }
        Resolved r = resolve(path, split, "--" + role);
        if (r.featureFile() != null) {
            Features f = FeatureFiles.read(r.featureFile());
            ctx.log().printf("%s: %d x %d features from %s%n", role, f.n(), f.d(), r.featureFile().getFileName());
            return new Loaded(f, r.hash(), FeatureEncoders.encoderOf(r.featureFile(), encoderName, role), null, null);
        }
        Manifest m = r.manifest();
        encoderName = FeatureEncoders.imageEncoder(encoderName); // a --features-encoder declaration is for feature files
        Encoder enc = Encoders.get(encoderName == null ? Encoders.DEFAULT : encoderName);
        ctx.log().printf("encoding %d %s images with %s%n", m.size(), role, enc.name());
        if (ctx.engine() != Engines.LOCAL) {
            if (ctx.cache() == null) {
                throw new BadInputException("--engine " + ctx.engine().describe() + " encodes into the feature cache; "
                        + "drop --no-cache (and give a --cache folder every worker can reach)");
            }
            // the engine stores the missing features in the cache; the local pass below then reads every row from it
            ctx.engine().encodeIntoCache(m, encoderName == null ? Encoders.DEFAULT : encoderName, ctx.cache(),
                    ctx.threads(), ctx.log());
        }
        ImageEncoding.Encoded e = ImageEncoding.encodeAll(m, enc, ctx.threads(), ctx.log(), role, ctx.cache(), ctx.skipBad());
        if (e.bad().isEmpty()) {
            return new Loaded(e.features(), m.imagesHash(), enc.fingerprint(), m, r.manifestHash());
        }
        Kept kept = withoutBad(m, e.bad(), path, role, ctx.log());
        return new Loaded(e.features().rows(kept.rows()), kept.manifest().imagesHash(), enc.fingerprint(), kept.manifest(),
                r.manifestHash(), e.bad());
    }

    /** The rows of a manifest whose images decoded: the kept manifest and their row indices in the given one. */
    public record Kept(Manifest manifest, int[] rows) {}

    /**
     * Leaves the undecodable images out of {@code m} (the skip-bad policy): a warning naming them on {@code log};
     * none left is a one-line error naming {@code source}. Features and labels are then taken at {@link Kept#rows}
     * so they stay aligned with the kept manifest.
     */
    public static Kept withoutBad(Manifest m, List<ImageEncoding.BadImage> bad, Path source, String role,
                                  PrintStream log) {
        java.util.Set<Integer> badRows = new java.util.HashSet<>();
        bad.forEach(b -> badRows.add(b.row()));
        int[] keep = java.util.stream.IntStream.range(0, m.size()).filter(i -> !badRows.contains(i)).toArray();
        if (keep.length == 0) {
            throw BadInputException.of(source, "none of its " + m.size() + " images can be decoded", "re-export them");
        }
        List<org.cxrbench.data.ManifestRecord> rows = new java.util.ArrayList<>();
        for (int i : keep) {
            rows.add(m.get(i));
        }
        log.printf("warning: --skip-bad: left out %d of %d %s images that cannot be decoded: %s%n", badRows.size(),
                m.size(), role, String.join("; ", bad.stream().map(b -> "row " + (b.row() + 1) + " " + b.reason()).toList()));
        return new Kept(new Manifest(rows, m.baseDir()), keep);
    }

    /**
     * The rows of one split; an unknown split is a one-line error listing the splits the manifest has.
     *
     * @param option how the user named the data set, for the message ("--real", "train")
     */
    public static Manifest selectSplit(Manifest m, Path path, String split, String option) {
        java.util.List<org.cxrbench.data.ManifestRecord> rows = m.records().stream()
                .filter(r -> split.equals(r.split())).toList();
        if (rows.isEmpty()) {
            java.util.Set<String> have = new java.util.TreeSet<>();
            m.records().forEach(r -> have.add(r.split().isEmpty() ? "(blank)" : r.split()));
            throw BadInputException.of(path, "has no rows in split '" + split + "' (splits: " + String.join(", ", have) + ")",
                    "give one of those as the split of " + option + ", or make splits with ./cxrbench split");
        }
        return new Manifest(rows, m.baseDir());
    }

    /** Every listed image must exist before any work (and whatever the feature cache holds). */
    public static void requireImages(Manifest m, Path source) {
        for (int i = 0; i < m.size(); i++) {
            Path p = m.imagePath(i);
            if (!Files.isRegularFile(p)) {
                throw BadInputException.of(source, "row " + (i + 1) + " (id " + m.get(i).id() + "): image " + p + " not found",
                        "fix the path column or restore the file");
            }
        }
    }
}
