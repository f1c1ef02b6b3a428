package org.cxrbench.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.cxrbench.common.Outputs;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.common.Provenance;
import org.cxrbench.common.BadInputException;

/** Builds a unified manifest from a data set in one of the supported formats and writes it with its provenance. */
public final class ManifestJob {
    private ManifestJob() {}

    public enum Format { NIH, CHEXPERT, MIMIC, SYNTHCHEX, FOLDER, SIIM, CANDID_PTX, RSNA_PNEUMONIA;
        public static Format parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("unknown --format '" + s + "'; use nih, chexpert, mimic, synthchex, folder, "
                        + "siim, candid-ptx or rsna-pneumonia");
            }
        }

        /** The segmentation sets: their masks are decoded from the CSV and written as PNGs beside the manifest. */
        public MaskSetReader.Format maskSet() {
            return switch (this) {
                case SIIM -> MaskSetReader.Format.SIIM;
                case CANDID_PTX -> MaskSetReader.Format.CANDID_PTX;
                case RSNA_PNEUMONIA -> MaskSetReader.Format.RSNA_PNEUMONIA;
                default -> null;
            };
        }
    }

    /**
     * @param images      segmentation sets: the folder of converted images (default: the CSV's folder)
     * @param maskOptions segmentation sets: the annotations' original size and run-length origin
     */
    public record Request(Format format, Path input, Path out, Path labels, Labels.UncertaintyPolicy policy,
                          boolean keepMissing, boolean hashImages, String command, int threads, Path images,
                          MaskSetReader.Options maskOptions) {
        public Request {
            maskOptions = maskOptions == null ? MaskSetReader.Options.defaults() : maskOptions;
        }

        /** Where a segmentation set's masks are written: OUT.masks/ beside the manifest. */
        public Path masksDir() {
            return out.toAbsolutePath().normalize().resolveSibling(out.getFileName() + ".masks");
        }
    }

    public record Summary(Manifest manifest, int rowsWithoutImage, int imagesWithoutRow) {}

    public static Manifest read(Format format, Path input, Path labels, Labels.UncertaintyPolicy policy,
                                boolean keepMissing, PrintStream log) {
        return readDetailed(format, input, labels, policy, keepMissing, log).manifest();
    }

    static Summary readDetailed(Format format, Path input, Path labels, Labels.UncertaintyPolicy policy,
                                boolean keepMissing, PrintStream log) {
        input = input.toAbsolutePath().normalize();
        Summary s = switch (format) {
            case NIH -> {
                NihReader.Result r = NihReader.read(input, keepMissing);
                yield new Summary(r.manifest(), r.rowsWithoutImage(), r.imagesWithoutRow());
            }
            case CHEXPERT -> {
                ChexpertReader.Result r = ChexpertReader.read(input, policy, keepMissing);
                yield new Summary(r.manifest(), r.rowsWithoutImage(), 0);
            }
            case MIMIC -> {
                MimicReader.Result r = MimicReader.read(input, policy, keepMissing);
                if (r.rowsWithoutLabels() > 0) {
                    log.printf("note: %d images have no row in the chexpert CSV; their labels are blank%n", r.rowsWithoutLabels());
                }
                yield new Summary(r.manifest(), r.rowsWithoutImage(), 0);
            }
            case SYNTHCHEX -> {
                SynthChexReader.Result r = SynthChexReader.read(input, keepMissing);
                yield new Summary(r.manifest(), r.rowsWithoutImage(), 0);
            }
            case FOLDER -> new Summary(FolderReader.read(input, labels), 0, 0);
            case SIIM, CANDID_PTX, RSNA_PNEUMONIA -> throw new BadInputException("--format "
                    + format.name().toLowerCase(Locale.ROOT).replace('_', '-') + " writes mask files: read it with "
                    + "'./cxrbench manifest --format ... --out FILE.csv' first, then use FILE.csv");
        };
        if (s.rowsWithoutImage() > 0) {
            log.printf("note: %d rows name an image that is not on disk; they are %s (--keep-missing keeps them)%n",
                    s.rowsWithoutImage(), keepMissing ? "kept" : "skipped");
        }
        if (s.imagesWithoutRow() > 0) {
            log.printf("note: %d images in the folder have no row in the CSV and are not listed%n", s.imagesWithoutRow());
        }
        return s;
    }

    public static Summary run(Request req, PrintStream log) {
        Outputs.requireWritable("out", req.out());
        Summary s;
        if (req.format().maskSet() != null) {
            if (!java.nio.file.Files.isRegularFile(req.input())) {
                throw BadInputException.of(req.input(), "not found", "give --input the set's label CSV (SIIM train-rle.csv, "
                        + "CANDID-PTX Pneumothorax_reports.csv, RSNA stage_2_train_labels.csv)");
            }
            Path images = req.images() != null ? req.images() : req.input().toAbsolutePath().normalize().getParent();
            if (!java.nio.file.Files.isDirectory(images)) {
                throw BadInputException.of(images, "not a folder", "give --images the folder of the converted PNG/JPEG images");
            }
            MaskSetReader.Result r = MaskSetReader.read(req.format().maskSet(), req.input(), images, req.masksDir(),
                    req.maskOptions());
            if (!r.missingImages().isEmpty()) {
                log.printf("note: %d images of the CSV are not in %s (e.g. %s); they are skipped%n", r.missingImages().size(),
                        images, r.missingImages().get(0));
            }
            s = new Summary(r.manifest(), r.missingImages().size(), 0);
        } else {
            s = readDetailed(req.format(), req.input(), req.labels(), req.policy(), req.keepMissing(), log);
        }
        Manifest m = s.manifest();
        if (m.size() == 0) {
            throw BadInputException.of(req.input(), "no images found", "check --input and --format");
        }
        if (req.hashImages()) {
            m = m.withImageHashes();
        }
        PatientSplits.checkPatientDisjoint(m, req.input());
        m.write(req.out());
        Provenance.Builder p = Provenance.builder(req.command()).threads(req.threads())
                .setting("format", req.format().name().toLowerCase(Locale.ROOT))
                .setting("uncertainty_policy", req.policy().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .input("manifest_out", Hashing.ofFile(req.out()));
        if (java.nio.file.Files.isRegularFile(req.input())) {
            p.input("source_metadata", Hashing.ofFile(req.input()));
        }
        if (req.labels() != null) {
            p.input("labels", Hashing.ofFile(req.labels()));
        }
        if (req.hashImages()) {
            p.input("images", m.imagesHash());
        }
        Json.writeSidecar(req.out(), p.build());
        long patients = m.records().stream().map(r -> r.patientId()).filter(x -> !x.isEmpty()).distinct().count();
        log.printf("wrote %s: %d images, %d patients (%s)%n", req.out(), m.size(), patients,
                req.format().name().toLowerCase(Locale.ROOT));
        return new Summary(m, s.rowsWithoutImage(), s.imagesWithoutRow());
    }
}
