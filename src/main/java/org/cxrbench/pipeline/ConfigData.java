package org.cxrbench.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.data.Manifest;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureEncoders;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;
import org.cxrbench.phantom.Generators;
import org.cxrbench.phantom.PhantomDatasets;
import org.cxrbench.phantom.Study;
import org.cxrbench.phantom.World;
import org.cxrbench.pipeline.config.RunConfig;

/**
 * The data side of a config run: resolves each data set of a config to a manifest (image folders, manifests with
 * their split, phantom cohorts and simulated generators rendered as PNG + manifest.csv under {@code DIR/data/} by a
 * cached "data" stage) or a feature file, then encodes image sets through a cached "encode" stage keyed by the
 * images' content hash and the encoder's fingerprint.
 */
public final class ConfigData {
    private ConfigData() {}

    /**
     * A data set ready to encode: a manifest (images) or a feature file, its content hash (of the images it lists,
     * or of the file), and its labels manifest (the manifest itself, or the config's {@code labels:} file).
     */
    public record Source(String role, Manifest manifest, Path featureFile, String hash, Manifest labels) {}

    /**
     * A data set's features, the stage key that identifies them, the encoder that made them, and the images the run's
     * skip-bad policy left out of it (row indices of the set as given; empty when none or when the policy is off).
     */
    public record Encoded(Source source, Features features, String key, String encoder,
                          List<ImageEncoding.BadImage> skipped) {
        public Encoded {
            skipped = List.copyOf(skipped);
        }

        public Encoded(Source source, Features features, String key, String encoder) {
            this(source, features, key, encoder, List.of());
        }

        /** Records the images left out under {@code skipped_bad_images:ROLE} (count, then the files), as commands do. */
        public void recordSkipped(org.cxrbench.common.Provenance.Builder p, String role) {
            if (!skipped.isEmpty()) {
                p.setting("skipped_bad_images:" + role, skipped.size() + ": " + String.join(", ",
                        skipped.stream().map(b -> b.file().toString()).toList()));
            }
        }

        public byte[][] labels() {
            return ConfigData.labels(source.labels(), features.n());
        }

        public String[] patients() {
            Manifest m = source.manifest();
            if (m == null || m.records().stream().map(r -> r.patientId()).filter(p -> !p.isEmpty()).distinct().count() < 4) {
                return null;
            }
            return m.records().stream().map(r -> r.patientId()).toArray(String[]::new);
        }
    }

    /** A folder name for a generator's rendered images: "memorizer(0.3)" -> "memorizer0_3". */
    public static String dirName(String name) {
        return name.replaceAll("[()]", "").replace('.', '_').replaceAll("[^A-Za-z0-9_+-]", "_");
    }

    /** Resolves a data set given by path ({@link Inputs#resolve}, the commands' resolution); phantom sets return null. */
    public static Source fromPath(String role, RunConfig.DataSet ds) {
        if (ds.isPhantom()) {
            return null;
        }
        Manifest labels = ds.labels() == null ? null : Manifest.read(ds.labels());
        Inputs.Resolved r = Inputs.resolve(ds.path(), ds.split(), role);
        return new Source(role, r.manifest(), r.featureFile(), r.hash(),
                labels == null && r.manifest() != null ? r.manifest() : labels);
    }

    /** Renders a phantom cohort into {@code DIR/data/<role>/} (a cached stage) and reads it back. */
    public static Source phantom(String role, RunConfig.Phantom p, Path out, StageCache stages) {
        Path dir = out.resolve("data").resolve(role);
        stages.run(Stage.of("data", role, PhantomSettings.of(role, p), Map.of(), StageCache.MARKER, (c, k) -> {
            PhantomDatasets.writeStudies(cohort(role, p), p.size(), dir, role);
            return null;
        }));
        return read(role, dir);
    }

    /** Renders a simulated generator prompted with the phantom training set into {@code DIR/data/<name>/}. */
    public static Source simulated(RunConfig.Generator g, RunConfig.Phantom train, long seed, Path out, StageCache stages,
                            Supplier<List<Study>> trainStudies) {
        String dn = dirName(g.name());
        Path dir = out.resolve("data").resolve(dn);
        stages.run(Stage.of("data", g.name(), SimulatedSettings.of(g, train, seed), Map.of(), StageCache.MARKER, (c, k) -> {
            PhantomDatasets.writeOutputs(Generators.generate(g.simulator(), trainStudies.get(), train.size(), seed), dir, dn);
            return null;
        }));
        return read(g.name(), dir);
    }

    /**
     * A phantom cohort; with {@code labels: train} it takes the training cohort's findings study by study (patient
     * j's s-th study gets training patient j's s-th study's findings), the label mix the generators are prompted with.
     */
    public static List<Study> cohort(String role, RunConfig.Phantom p) {
        List<Study> c = World.cohort(role + "-", p.seed(), p.patients(), p.studies(), p.size());
        return p.labelsOf() == null ? c : World.withFindingsOf(c, cohort("train", p.labelsOf()));
    }

    /**
     * The data stage's settings of a phantom cohort (its key): the images' name prefix, the cohort's shape and seed,
     * and the training cohort whose findings it takes ({@code labels: train}; left out when it draws its own).
     */
    record PhantomSettings(String prefix, int patients, int studies, int size, long seed,
                           @JsonProperty("labels_of") @JsonInclude(JsonInclude.Include.NON_NULL) PhantomSettings labelsOf) {
        static PhantomSettings of(String role, RunConfig.Phantom p) {
            return new PhantomSettings(role + "-", p.patients(), p.studies(), p.size(), p.seed(),
                    p.labelsOf() == null ? null : of("train", p.labelsOf()));
        }
    }

    /**
     * The data stage's settings of a simulated generator's set: the phantom training cohort it is prompted with (its
     * keys at the top level), the simulator, the generator's seed and its folder (two generators with the same
     * simulator still get a folder each).
     */
    record SimulatedSettings(@JsonUnwrapped PhantomSettings train, String simulator,
                             @JsonProperty("generator_seed") long generatorSeed, String folder) {
        static SimulatedSettings of(RunConfig.Generator g, RunConfig.Phantom train, long seed) {
            return new SimulatedSettings(PhantomSettings.of("train", train), g.simulator(), seed, dirName(g.name()));
        }
    }

    private static Source read(String role, Path dir) {
        Manifest m = Manifest.read(dir.resolve("manifest.csv"));
        Inputs.requireImages(m, dir.resolve("manifest.csv"));
        m = m.withImageHashes();
        return new Source(role, m, null, m.imagesHash(), m);
    }

    /** Features of a source: a feature file as-is; images through the cached encode stage (and the feature cache). */
    public static Encoded encode(Source s, String encoderSpec, String label, StageCache stages, RunContext ctx) {
        if (s.featureFile() != null) {
            Features f = FeatureFiles.read(s.featureFile());
            if (s.labels() != null && s.labels().size() != f.n()) {
                throw BadInputException.of(s.featureFile(), "has " + f.n() + " rows but its labels manifest lists "
                        + s.labels().size() + " images", "give a labels manifest in the same row order");
            }
            // the config's encoder: applies to its image sets; features_encoder: declares its feature files' encoder
            return new Encoded(s, f, s.hash(), FeatureEncoders.encoderOf(s.featureFile(),
                    FeatureEncoders.withDeclared(null, FeatureEncoders.declaredEncoder(encoderSpec)), label));
        }
        String encoderName = FeatureEncoders.imageEncoder(encoderSpec);
        Encoder enc = Encoders.get(encoderName == null ? Encoders.DEFAULT : encoderName);
        if (ctx.skipBad()) {
            return BadImageStage.encode(s, enc, encoderName, label, stages, ctx);
        }
        Stage<Features> encode = Stage.of("encode", label, EncodeSettings.of(enc.fingerprint()), Map.of("images", s.hash()), StageCache.FEATURES, (c, k) -> {
            if (ctx.engine() != Engines.LOCAL) {
                // a cluster engine stores the missing features in the cache; the local pass then reads every row from it
                ctx.engine().encodeIntoCache(s.manifest(), encoderName == null ? Encoders.DEFAULT : encoderName, ctx.cache(),
                        ctx.threads(), ctx.log());
            }
            return ImageEncoding.encode(s.manifest(), enc, ctx.threads(), ctx.log(), label, ctx.cache());
        });
        Features f = stages.run(encode);
        String key = encode.key();
        return new Encoded(s, f, key, enc.fingerprint());
    }

    /** The labels of a manifest as 0/1 rows, or null when it has none (no positive label anywhere). */
    public static byte[][] labels(Manifest m, int n) {
        if (m == null || m.size() != n) {
            return null;
        }
        byte[][] out = new byte[m.size()][];
        boolean any = false;
        for (int i = 0; i < m.size(); i++) {
            out[i] = m.get(i).labels().toArray();
            for (byte v : out[i]) {
                any |= v == 1;
            }
        }
        return any ? out : null;
    }

    /** A content hash of label rows (part of the fidelity stage's key: per-label metrics depend on them). */
    public static String labelsHash(byte[][] labels) {
        if (labels == null) {
            return "none";
        }
        java.security.MessageDigest md = Hashing.sha256();
        for (byte[] r : labels) {
            md.update(r);
            md.update((byte) '\n');
        }
        return "sha256:" + Hashing.hex(md.digest());
    }
}
