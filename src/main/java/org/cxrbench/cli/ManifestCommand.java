package org.cxrbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cxrbench.data.Labels;
import org.cxrbench.data.ManifestJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "manifest", header = "Unified manifest CSV of NIH, CheXpert, MIMIC-CXR-JPG, SynthCheX-75K or a folder.", mixinStandardHelpOptions = true,
        description = {"Write the unified manifest CSV of a data set (one row per image: id, path, patient, study,",
                "view, sex, age, split, the 14 CheXpert labels, prompt, masks, source, sha256).",
                "NIH findings are mapped to CheXpert's labels; findings without a counterpart go to other_findings."})
public final class ManifestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--format", required = true, paramLabel = "FMT",
            description = "nih | chexpert | mimic | synthchex | folder | siim | candid-ptx | rsna-pneumonia (segmentation sets: "
                    + "--input is the label CSV, masks are written to OUT.masks/)")
    String format;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "Data set folder or its metadata file.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Manifest to write.")
    Path out;

    @Option(names = "--labels", paramLabel = "FILE.csv", description = "For --format folder: labels CSV (filename + label columns).")
    Path labels;

    @Option(names = "--uncertain", defaultValue = "u-ignore", paramLabel = "POLICY",
            description = "CheXpert/MIMIC -1 labels: u-ones, u-zeros or u-ignore (keep -1). Default: ${DEFAULT-VALUE}.")
    String uncertain;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Segmentation sets: the folder of their images converted to PNG/JPEG (default: the CSV's folder).")
    Path images;

    @Option(names = "--mask-size", paramLabel = "WxH", defaultValue = "1024x1024",
            description = "Segmentation sets: the size the annotations were made on. Default: ${DEFAULT-VALUE}.")
    String maskSize;

    @Option(names = "--rle-origin", paramLabel = "0|1", defaultValue = "0",
            description = "Segmentation sets: first pixel of the run-length offsets (SIIM: 0; some CANDID-PTX exports: 1). "
                    + "Default: ${DEFAULT-VALUE}.")
    int rleOrigin;

    @Option(names = "--keep-missing", description = "Keep rows whose image file is not on disk.")
    boolean keepMissing;

    @Option(names = "--no-hash", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Hash every image (sha256 column; needed for provenance and the feature cache). Default: on.")
    boolean hash;

    org.cxrbench.data.MaskSetReader.Options maskOptions() {
        String[] wh = maskSize.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(wh[0].trim());
            int h = Integer.parseInt(wh[1].trim());
            if (wh.length != 2 || w < 1 || h < 1 || (rleOrigin != 0 && rleOrigin != 1)) {
                throw new NumberFormatException();
            }
            return new org.cxrbench.data.MaskSetReader.Options(w, h, rleOrigin);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new org.cxrbench.common.BadInputException("--mask-size " + maskSize + " / --rle-origin " + rleOrigin
                    + ": give a size as WxH (e.g. 1024x1024) and an origin of 0 or 1");
        }
    }

    @Override
    public Integer call() {
        ManifestJob.run(new ManifestJob.Request(ManifestJob.Format.parse(format), input, out, labels,
                Labels.UncertaintyPolicy.parse(uncertain), keepMissing, hash, CommonOptions.commandLine(spec),
                common.threads(), images, maskOptions()), common.log());
        return Main.OK;
    }
}
