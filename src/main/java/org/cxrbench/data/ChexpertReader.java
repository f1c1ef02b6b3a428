package org.cxrbench.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cxrbench.common.BadInputException;

/**
 * CheXpert ({@code train.csv} / {@code valid.csv}: Path, Sex, Age, Frontal/Lateral, AP/PA, then the 14 labels
 * as 1.0 / 0.0 / -1.0 / blank). The uncertainty policy (U-Ones, U-Zeros, U-Ignore of Irvin et al. 2019) is applied
 * to -1 values; U-Ignore keeps -1 so that training can mask it.
 */
public final class ChexpertReader {
    private ChexpertReader() {}

    public record Result(Manifest manifest, int rowsWithoutImage) {}

    /** @param input a CheXpert CSV, or a folder holding train.csv and/or valid.csv */
    public static Result read(Path in, Labels.UncertaintyPolicy policy, boolean keepMissing) {
        Path input = in.toAbsolutePath().normalize();
        List<Path> csvs = new ArrayList<>();
        if (Files.isRegularFile(input)) {
            csvs.add(input);
        } else if (Files.isDirectory(input)) {
            for (String n : List.of("train.csv", "valid.csv", "test.csv")) {
                if (Files.isRegularFile(input.resolve(n))) {
                    csvs.add(input.resolve(n));
                }
            }
            if (csvs.isEmpty()) {
                throw BadInputException.of(input, "no train.csv / valid.csv in this folder",
                        "point --input at CheXpert's folder or one of its CSVs");
            }
        } else {
            throw BadInputException.of(input, "not found", "point --input at CheXpert's folder or one of its CSVs");
        }
        Path base = csvs.get(0).toAbsolutePath().getParent();
        List<ManifestRecord> out = new ArrayList<>();
        int missing = 0;
        for (Path csv : csvs) {
            String split = splitOf(csv);
            List<Csv.Row> rows = Csv.read(csv);
            if (rows.isEmpty()) {
                throw BadInputException.of(csv, "empty file", "point --input at CheXpert's train.csv or valid.csv");
            }
            List<String> header = rows.get(0).fields();
            int cPath = Csv.column(header, "Path");
            if (cPath < 0) {
                throw BadInputException.at(csv, 1, "missing column 'Path'", "this does not look like a CheXpert CSV");
            }
            int cSex = Csv.column(header, "Sex");
            int cAge = Csv.column(header, "Age");
            int cFl = Csv.column(header, "Frontal/Lateral");
            int cApPa = Csv.column(header, "AP/PA");
            int[] cLab = new int[ChexpertLabel.COUNT];
            for (ChexpertLabel l : ChexpertLabel.values()) {
                cLab[l.ordinal()] = Csv.column(header, l.displayName());
            }
            Path dir = csv.toAbsolutePath().getParent();
            for (int i = 1; i < rows.size(); i++) {
                Csv.Row row = rows.get(i);
                if (row.fields().size() != header.size()) {
                    throw BadInputException.at(csv, row.line(), "expected " + header.size() + " fields, found "
                            + row.fields().size(), "fix the row");
                }
                String rel = row.get(cPath).trim();
                Path img = resolveImage(dir, rel);
                if (img == null) {
                    missing++;
                    if (!keepMissing) {
                        continue;
                    }
                    img = dir.resolve(rel);
                }
                byte[] lab = new byte[ChexpertLabel.COUNT];
                for (ChexpertLabel l : ChexpertLabel.values()) {
                    int c = cLab[l.ordinal()];
                    lab[l.ordinal()] = c < 0 ? Labels.BLANK : Labels.parseCell(row.get(c), csv, row.line(), l.displayName());
                }
                String[] parts = rel.replace('\\', '/').split("/");
                String patient = "";
                String study = "";
                for (int p = 0; p < parts.length; p++) {
                    if (parts[p].startsWith("patient")) {
                        patient = parts[p];
                        if (p + 1 < parts.length - 1) {
                            study = parts[p] + "/" + parts[p + 1];
                        }
                    }
                }
                String view = "";
                if (cFl >= 0 && row.get(cFl).trim().equalsIgnoreCase("Lateral")) {
                    view = "LAT";
                } else if (cApPa >= 0) {
                    view = row.get(cApPa).trim().toUpperCase(Locale.ROOT);
                }
                String sex = cSex >= 0 ? row.get(cSex).trim() : "";
                sex = sex.equalsIgnoreCase("Male") ? "M" : sex.equalsIgnoreCase("Female") ? "F" : "";
                Integer age = null;
                if (cAge >= 0 && !row.get(cAge).isBlank()) {
                    try {
                        age = (int) Math.round(Double.parseDouble(row.get(cAge).trim()));
                    } catch (NumberFormatException e) {
                        throw BadInputException.at(csv, row.line(), "Age '" + row.get(cAge) + "' is not a number",
                                "write the age in years or leave it blank");
                    }
                }
                out.add(ManifestRecord.builder(rel, img.toString())
                        .patient(patient).study(study).view(view).sex(sex).age(age).split(split)
                        .labels(Labels.of(lab).apply(policy))
                        .source("chexpert")
                        .build());
            }
        }
        return new Result(new Manifest(out, base), missing);
    }

    private static String splitOf(Path csv) {
        String n = csv.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith("train")) {
            return "train";
        }
        if (n.startsWith("valid")) {
            return "valid";
        }
        if (n.startsWith("test")) {
            return "test";
        }
        return "";
    }

    /** CheXpert's Path starts with the release folder (CheXpert-v1.0-small/...); try it from the CSV's folder and its parent. */
    static Path resolveImage(Path dir, String rel) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(dir.resolve(rel));
        if (dir.getParent() != null) {
            candidates.add(dir.getParent().resolve(rel));
        }
        int slash = rel.indexOf('/');
        if (slash > 0) {
            candidates.add(dir.resolve(rel.substring(slash + 1)));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.normalize();
            }
        }
        return null;
    }
}
