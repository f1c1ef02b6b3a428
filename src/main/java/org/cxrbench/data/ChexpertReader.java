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

    /** @param in a CheXpert CSV, or a folder holding train.csv and/or valid.csv */
    public static Result read(Path in, Labels.UncertaintyPolicy policy, boolean keepMissing) {
        List<Path> csvs = csvs(in.toAbsolutePath().normalize());
        Path base = csvs.get(0).toAbsolutePath().getParent();
        List<ManifestRecord> out = new ArrayList<>();
        int missing = 0;
        for (Path csv : csvs) {
            List<Csv.Row> rows = Csv.read(csv);
            if (rows.isEmpty()) {
                throw BadInputException.of(csv, "empty file", "point --input at CheXpert's train.csv or valid.csv");
            }
            Columns c = Columns.of(csv, rows.get(0).fields());
            Path dir = csv.toAbsolutePath().getParent();
            for (int i = 1; i < rows.size(); i++) {
                Csv.Row row = rows.get(i);
                if (row.fields().size() != c.count()) {
                    throw BadInputException.at(csv, row.line(), "expected " + c.count() + " fields, found "
                            + row.fields().size(), "fix the row");
                }
                String rel = row.get(c.path()).trim();
                Path img = resolveImage(dir, rel);
                if (img == null) {
                    missing++;
                    if (!keepMissing) {
                        continue;
                    }
                    img = dir.resolve(rel);
                }
                out.add(record(csv, row, c, rel, img, policy));
            }
        }
        return new Result(new Manifest(out, base), missing);
    }

    /** The CSVs to read: the file itself, or a folder's train.csv / valid.csv / test.csv. */
    private static List<Path> csvs(Path input) {
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
        return csvs;
    }

    /** Column indices of a CheXpert CSV's header (-1 when absent; Path is required). */
    private record Columns(int count, int path, int sex, int age, int frontalLateral, int apPa, int[] labels) {
        static Columns of(Path csv, List<String> header) {
            int cPath = Csv.column(header, "Path");
            if (cPath < 0) {
                throw BadInputException.at(csv, 1, "missing column 'Path'", "this does not look like a CheXpert CSV");
            }
            int[] cLab = new int[ChexpertLabel.COUNT];
            for (ChexpertLabel l : ChexpertLabel.values()) {
                cLab[l.ordinal()] = Csv.column(header, l.displayName());
            }
            return new Columns(header.size(), cPath, Csv.column(header, "Sex"), Csv.column(header, "Age"),
                    Csv.column(header, "Frontal/Lateral"), Csv.column(header, "AP/PA"), cLab);
        }
    }

    /** One row's manifest record: labels under the policy, patient and study from the path, view, sex, age. */
    private static ManifestRecord record(Path csv, Csv.Row row, Columns c, String rel, Path img,
                                         Labels.UncertaintyPolicy policy) {
        byte[] lab = new byte[ChexpertLabel.COUNT];
        for (ChexpertLabel l : ChexpertLabel.values()) {
            int col = c.labels()[l.ordinal()];
            lab[l.ordinal()] = col < 0 ? Labels.BLANK : Labels.parseCell(row.get(col), csv, row.line(), l.displayName());
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
        if (c.frontalLateral() >= 0 && row.get(c.frontalLateral()).trim().equalsIgnoreCase("Lateral")) {
            view = "LAT";
        } else if (c.apPa() >= 0) {
            view = row.get(c.apPa()).trim().toUpperCase(Locale.ROOT);
        }
        String sex = c.sex() >= 0 ? row.get(c.sex()).trim() : "";
        sex = sex.equalsIgnoreCase("Male") ? "M" : sex.equalsIgnoreCase("Female") ? "F" : "";
        Integer age = null;
        if (c.age() >= 0 && !row.get(c.age()).isBlank()) {
            try {
                age = (int) Math.round(Double.parseDouble(row.get(c.age()).trim()));
            } catch (NumberFormatException e) {
                throw BadInputException.at(csv, row.line(), "Age '" + row.get(c.age()) + "' is not a number",
                        "write the age in years or leave it blank");
            }
        }
        return ManifestRecord.builder(rel, img.toString())
                .patient(patient).study(study).view(view).sex(sex).age(age).split(splitOf(csv))
                .labels(Labels.of(lab).apply(policy))
                .source("chexpert")
                .build();
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
