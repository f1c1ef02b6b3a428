package org.cxrbench.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Json;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.encode.Encoder;
import org.cxrbench.encode.Encoders;
import org.cxrbench.encode.FeatureFiles;
import org.cxrbench.encode.ImageEncoding;
import org.cxrbench.linalg.Features;

/**
 * A config run's encode stage under the skip-bad policy ({@code skip_bad: true} or {@code --skip-bad}): the images
 * that cannot be decoded are left out of the set, as the commands do ({@link Inputs#withoutBad}), and named in the
 * run's provenance. The stage stores every row's features (a bad row's are zeros) and, in a sidecar written before
 * them, the bad rows, so a resumed run leaves out exactly the same images. Its key carries {@code skip_bad}, so a run
 * without the policy never reuses it.
 */
final class BadImageStage {
    private BadImageStage() {}

    /** Every row's features and the rows whose image could not be decoded. */
    record Decoded(Features features, List<ImageEncoding.BadImage> bad) {}

    /** One undecodable image in the {@code .bad.json} sidecar: its row in the set, its file and why it failed. */
    record BadRow(int row, String file, String reason) {
        static BadRow of(ImageEncoding.BadImage b) {
            return new BadRow(b.row(), b.file().toString(), b.reason());
        }

        ImageEncoding.BadImage image() {
            return new ImageEncoding.BadImage(row, Path.of(file), reason);
        }
    }

    /** Stored as the features' .npy plus {@code .bad.json} beside it (written first: the .npy marks completion). */
    static final Stage.Store<Decoded> STORE = new Stage.Store<>() {
        @Override public String extension() {
            return ".npy";
        }

        @Override public void write(Path file, Decoded value) {
            Json.write(sidecar(file), value.bad().stream().map(BadRow::of).toList());
            FeatureFiles.writeNpy(file, value.features());
        }

        @Override public Decoded read(Path file) {
            List<ImageEncoding.BadImage> bad;
            try {
                bad = java.util.Arrays.stream(Json.MAPPER.readValue(Files.readString(sidecar(file)), BadRow[].class))
                        .map(BadRow::image).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Decoded(FeatureFiles.read(file), bad);
        }
    };

    static Path sidecar(Path npy) {
        return npy.resolveSibling(npy.getFileName() + ".bad.json");
    }

    /** The set's features without its undecodable images; the source narrowed to the kept rows (labels aligned). */
    static ConfigData.Encoded encode(ConfigData.Source s, Encoder enc, String encoderName, String label,
                                     StageCache stages, RunContext ctx) {
        Stage<Decoded> encode = Stage.of("encode", label, EncodeSettings.skippingBad(enc.fingerprint()), Map.of("images", s.hash()), STORE, (c, k) -> {
            if (ctx.engine() != Engines.LOCAL) {
                ctx.engine().encodeIntoCache(s.manifest(), encoderName == null ? Encoders.DEFAULT : encoderName,
                        ctx.cache(), ctx.threads(), ctx.log());
            }
            ImageEncoding.Encoded e = ImageEncoding.encodeAll(s.manifest(), enc, ctx.threads(), ctx.log(), label,
                    ctx.cache(), true);
            return new Decoded(e.features(), e.bad());
        });
        Decoded d = stages.run(encode);
        if (d.bad().isEmpty()) {
            return new ConfigData.Encoded(s, d.features(), encode.key(), enc.fingerprint());
        }
        Inputs.Kept kept = Inputs.withoutBad(s.manifest(), d.bad(), s.manifest().baseDir(), label, ctx.log());
        Manifest labels = s.labels() == s.manifest() ? kept.manifest() : rows(s.labels(), kept.rows());
        ConfigData.Source narrowed = new ConfigData.Source(s.role(), kept.manifest(), null,
                kept.manifest().imagesHash(), labels);
        return new ConfigData.Encoded(narrowed, d.features().rows(kept.rows()), encode.key(), enc.fingerprint(),
                d.bad());
    }

    /** The given rows of a labels manifest in the set's row order (null stays null). */
    private static Manifest rows(Manifest m, int[] keep) {
        if (m == null) {
            return null;
        }
        List<ManifestRecord> out = new ArrayList<>();
        for (int i : keep) {
            out.add(m.get(i));
        }
        return new Manifest(out, m.baseDir());
    }
}
