package org.cxrbench.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;

/**
 * Segmentation sets into the unified manifest, each mask written as a 0/1 PNG (through {@link ImageWriter}) at the
 * size of its image, negatives included (an all-zero mask), and named in the record's {@code masks}:
 * <ul>
 *   <li>SIIM-ACR Pneumothorax, {@code train-rle.csv} ({@code ImageId, EncodedPixels}): {@link RunLength} masks,
 *       several rows per image united; mask and label {@code pneumothorax};</li>
 *   <li>CANDID-PTX, {@code Pneumothorax_reports.csv} ({@code SOPInstanceUID}, {@code EncodedPixels}, ...): the same
 *       run-length encoding ({@code origin} 1 for the 1-based variant), mask and label {@code pneumothorax};</li>
 *   <li>RSNA Pneumonia, {@code stage_2_train_labels.csv} ({@code patientId,x,y,width,height,Target}): the union of
 *       the boxes (pixels whose centre lies inside), mask {@code pneumonia}; labels pneumonia and lung opacity =
 *       Target (the challenge's "Lung Opacity" class), and the id is also the patient.</li>
 * </ul>
 * Masks are encoded on the original images ({@code width} x {@code height}, 1024 x 1024 for all three sets) and
 * resampled (nearest neighbour) to the converted image's size. Labels the set does not annotate stay blank.
 */
public final class MaskSetReader {
    private MaskSetReader() {}

    public enum Format { SIIM, CANDID_PTX, RSNA_PNEUMONIA }

    /** Original image size of the annotations and the run-length origin (0: SIIM's). */
    public record Options(int width, int height, int origin) {
        public static Options defaults() {
            return new Options(1024, 1024, 0);
        }
    }

    /** The manifest plus CSV images whose file was not found in the image folder (skipped). */
    public record Result(Manifest manifest, List<String> missingImages) {}

    public static Result read(Format format, Path csv, Path images, Path masks, Options o) {
        List<Csv.Row> rows = Csv.read(csv);
        if (rows.isEmpty()) {
            throw BadInputException.of(csv, "empty file", "give the set's label CSV");
        }
        List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
        String[] cols = switch (format) {
            case SIIM -> new String[] {"ImageId", "EncodedPixels"};
            case CANDID_PTX -> new String[] {"SOPInstanceUID", "EncodedPixels"};
            case RSNA_PNEUMONIA -> new String[] {"patientId", "x", "y", "width", "height", "Target"};
        };
        int[] c = new int[cols.length];
        for (int i = 0; i < cols.length; i++) {
            c[i] = Csv.column(header, cols[i]);
            if (c[i] < 0) {
                throw BadInputException.at(csv, 1, "no '" + cols[i] + "' column in " + header, "give the set's own CSV ("
                        + String.join(", ", cols) + ")");
            }
        }
        Map<String, List<Csv.Row>> byImage = new LinkedHashMap<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            String id = r.get(c[0]).trim();
            if (id.isEmpty()) {
                throw BadInputException.at(csv, r.line(), "empty image id", "every row names its image");
            }
            byImage.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        String name = format == Format.RSNA_PNEUMONIA ? "pneumonia" : "pneumothorax";
        List<ManifestRecord> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<Csv.Row>> e : byImage.entrySet()) {
            Path img = imageFile(images, e.getKey());
            if (img == null) {
                missing.add(e.getKey());
                continue;
            }
            byte[] m = new byte[o.width() * o.height()];
            boolean positive = false;
            for (Csv.Row r : e.getValue()) {
                positive |= format == Format.RSNA_PNEUMONIA ? box(r, c, m, o, csv) : rle(r, c, m, o, csv);
            }
            GreyImage g = ImageDecoder.decode(img);
            byte[] sized = RunLength.resize(m, o.width(), o.height(), g.width(), g.height());
            Path mp = masks.toAbsolutePath().normalize().resolve(e.getKey() + "_" + name + ".png");
            ImageWriter.mask(sized, g.width(), g.height(), mp);
            byte[] lab = Labels.allBlank().toArray();
            byte v = positive ? Labels.POSITIVE : Labels.NEGATIVE;
            if (format == Format.RSNA_PNEUMONIA) {
                lab[ChexpertLabel.PNEUMONIA.ordinal()] = v;
                lab[ChexpertLabel.LUNG_OPACITY.ordinal()] = v;
            } else {
                lab[ChexpertLabel.PNEUMOTHORAX.ordinal()] = v;
            }
            out.add(ManifestRecord.builder(e.getKey(), img.toAbsolutePath().normalize().toString())
                    .patient(format == Format.RSNA_PNEUMONIA ? e.getKey() : "")
                    .labels(Labels.of(lab)).masks(Map.of(name, mp.toString()))
                    .source(format.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).build());
        }
        return new Result(new Manifest(out, images.toAbsolutePath().normalize()), missing);
    }

    private static Path imageFile(Path dir, String id) {
        for (String ext : new String[] {".png", ".jpg", ".jpeg", ".PNG", ".JPG"}) {
            Path p = dir.resolve(id + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean rle(Csv.Row r, int[] c, byte[] m, Options o, Path csv) {
        String s = r.get(c[1]).trim();
        if (s.isEmpty()) {
            throw BadInputException.at(csv, r.line(), "empty EncodedPixels", "write -1 for an image without a mask");
        }
        RunLength.decodeInto(s, o.width(), o.height(), o.origin(), m, csv, r.line());
        return !s.equals("-1");
    }

    private static boolean box(Csv.Row r, int[] c, byte[] m, Options o, Path csv) {
        String target = r.get(c[5]).trim();
        if (target.equals("0")) {
            return false;
        }
        if (!target.equals("1")) {
            throw BadInputException.at(csv, r.line(), "Target '" + target + "' is not 0 or 1", "fix the row");
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                b[i] = Double.parseDouble(r.get(c[i + 1]).trim());
            } catch (NumberFormatException e) {
                throw BadInputException.at(csv, r.line(), "box value '" + r.get(c[i + 1]) + "' is not a number",
                        "a Target 1 row needs x, y, width and height");
            }
        }
        // pixel (col, row) is inside when its centre (col + 0.5, row + 0.5) lies in [x, x + width) x [y, y + height)
        int x0 = Math.max(0, (int) Math.ceil(b[0] - 0.5));
        int x1 = Math.min(o.width(), (int) Math.ceil(b[0] + b[2] - 0.5));
        int y0 = Math.max(0, (int) Math.ceil(b[1] - 0.5));
        int y1 = Math.min(o.height(), (int) Math.ceil(b[1] + b[3] - 0.5));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m[y * o.width() + x] = 1;
            }
        }
        return true;
    }
}
