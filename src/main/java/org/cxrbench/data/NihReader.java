package org.cxrbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cxrbench.common.BadInputException;

/**
 * NIH ChestX-ray14 ({@code Data_Entry_2017.csv}). The header's bracketed {@code OriginalImage[Width,Height]} and
 * {@code OriginalImagePixelSpacing[x,y]} each span two CSV fields; rows with empty age/sex/view are accepted.
 *
 * <p>NIH's 14 findings are mapped to CheXpert's 14 by {@link #MAPPING}. Findings with no CheXpert counterpart
 * (Emphysema, Fibrosis, Hernia) are kept in {@code other_findings}; the raw text stays in {@code source_findings}.
 * NIH's labels are complete for its 14 findings, so an unmentioned mapped label is 0 (negative); the CheXpert
 * labels NIH never annotates (Enlarged Cardiomediastinum, Fracture, Support Devices) are blank.
 */
public final class NihReader {
    private NihReader() {}

    /**
     * NIH finding -> CheXpert label. Infiltration -> Lung Opacity (CheXpert folds infiltrates into opacity);
     * Mass and Nodule -> Lung Lesion; Effusion -> Pleural Effusion; Pleural_Thickening -> Pleural Other.
     */
    public static final Map<String, ChexpertLabel> MAPPING = Map.ofEntries(
            Map.entry("Atelectasis", ChexpertLabel.ATELECTASIS),
            Map.entry("Cardiomegaly", ChexpertLabel.CARDIOMEGALY),
            Map.entry("Effusion", ChexpertLabel.PLEURAL_EFFUSION),
            Map.entry("Infiltration", ChexpertLabel.LUNG_OPACITY),
            Map.entry("Mass", ChexpertLabel.LUNG_LESION),
            Map.entry("Nodule", ChexpertLabel.LUNG_LESION),
            Map.entry("Pneumonia", ChexpertLabel.PNEUMONIA),
            Map.entry("Pneumothorax", ChexpertLabel.PNEUMOTHORAX),
            Map.entry("Consolidation", ChexpertLabel.CONSOLIDATION),
            Map.entry("Edema", ChexpertLabel.EDEMA),
            Map.entry("Pleural_Thickening", ChexpertLabel.PLEURAL_OTHER));

    /** NIH findings kept as they are, with no CheXpert counterpart. */
    public static final Set<String> UNMAPPED = Set.of("Emphysema", "Fibrosis", "Hernia");

    /** CheXpert labels that NIH does not annotate: left blank. */
    public static final Set<ChexpertLabel> NOT_ANNOTATED = Set.of(ChexpertLabel.ENLARGED_CARDIOMEDIASTINUM,
            ChexpertLabel.FRACTURE, ChexpertLabel.SUPPORT_DEVICES);

    /** Result of a read: the manifest plus what did not match (rows without image, images without row). */
    public record Result(Manifest manifest, int rowsWithoutImage, int imagesWithoutRow) {}

    /**
     * @param input a {@code Data_Entry*.csv} file or a folder holding one (images beside it, in {@code images/}
     *              or in NIH's {@code images_NNN/images/} folders)
     * @param keepMissing keep rows whose image file is not found (otherwise they are skipped and counted)
     */
    public static Result read(Path input, boolean keepMissing) {
        Path csv = findCsv(input.toAbsolutePath().normalize());
        Path dir = csv.toAbsolutePath().getParent();
        Map<String, Path> images = indexImages(dir);
        List<Csv.Row> rows = Csv.read(csv);
        if (rows.isEmpty()) {
            throw BadInputException.of(csv, "empty file", "point --input at NIH's Data_Entry_2017.csv");
        }
        List<String> header = expandHeader(rows.get(0).fields());
        Columns c = Columns.of(header, csv);
        List<ManifestRecord> out = new ArrayList<>();
        Set<String> listed = new java.util.HashSet<>();
        int missing = 0;
        for (int i = 1; i < rows.size(); i++) {
            Csv.Row row = rows.get(i);
            List<String> f = row.fields();
            // tolerate one trailing empty field (some exports end rows with a comma)
            if (f.size() != header.size() && !(f.size() == header.size() + 1 && f.get(f.size() - 1).isEmpty())) {
                throw BadInputException.at(csv, row.line(), "expected " + header.size() + " fields, found " + f.size(),
                        "fix the row; NIH's bracketed header columns each span two fields");
            }
            String image = f.get(c.image).trim();
            if (image.isEmpty()) {
                throw BadInputException.at(csv, row.line(), "empty Image Index", "fill in the image file name");
            }
            listed.add(image);
            Path img = images.get(image);
            if (img == null) {
                missing++;
                if (!keepMissing) {
                    continue;
                }
                img = dir.resolve(image);
            }
            out.add(toRecord(f, c, image, img, csv, row.line()));
        }
        int unlisted = 0;
        for (String name : images.keySet()) {
            if (!listed.contains(name)) {
                unlisted++;
            }
        }
        return new Result(new Manifest(out, dir), missing, unlisted);
    }

    /** Columns of NIH's table; the last four are -1 where the file lacks them. */
    private record Columns(int image, int find, int patient, int follow, int age, int sex, int view) {
        static Columns of(List<String> header, Path csv) {
            return new Columns(need(header, "Image Index", csv), need(header, "Finding Labels", csv),
                    need(header, "Patient ID", csv), Csv.column(header, "Follow-up #"),
                    Csv.column(header, "Patient Age"), Csv.column(header, "Patient Gender"),
                    Csv.column(header, "View Position"));
        }
    }

    /** One row's manifest record: labels from "Finding Labels", study from the patient and follow-up number. */
    private static ManifestRecord toRecord(List<String> f, Columns c, String image, Path img, Path csv, long line) {
        Set<String> other = new LinkedHashSet<>();
        String findings = f.get(c.find).trim();
        byte[] values = labels(findings, other, csv, line);
        String patient = f.get(c.patient).trim();
        String follow = c.follow >= 0 ? f.get(c.follow).trim() : "";
        return ManifestRecord.builder(image, img.toString())
                .patient(patient)
                .study(follow.isEmpty() ? stem(image) : patient + "_" + follow)
                .view(c.view >= 0 ? f.get(c.view).trim() : "")
                .sex(c.sex >= 0 ? f.get(c.sex).trim() : "")
                .age(c.age >= 0 ? parseAge(f.get(c.age), csv, line) : null)
                .labels(Labels.of(values))
                .otherFindings(List.copyOf(other))
                .sourceFindings(findings)
                .source("nih")
                .build();
    }

    /**
     * NIH's "Finding Labels" cell as CheXpert labels: the 14 findings mapped, the rest negative or blank (not
     * annotated by NIH); findings without a CheXpert label are added to {@code other}.
     */
    private static byte[] labels(String findings, Set<String> other, Path csv, long line) {
        EnumMap<ChexpertLabel, Byte> lab = new EnumMap<>(ChexpertLabel.class);
        for (ChexpertLabel l : ChexpertLabel.values()) {
            lab.put(l, NOT_ANNOTATED.contains(l) ? Labels.BLANK : Labels.NEGATIVE);
        }
        for (String raw : findings.split("\\|")) {
            String finding = raw.trim();
            if (finding.equals("No Finding")) {
                lab.put(ChexpertLabel.NO_FINDING, Labels.POSITIVE);
            } else if (MAPPING.containsKey(finding)) {
                lab.put(MAPPING.get(finding), Labels.POSITIVE);
            } else if (UNMAPPED.contains(finding)) {
                other.add(finding);
            } else {
                throw BadInputException.at(csv, line, "unknown finding '" + finding + "' in Finding Labels",
                        "use NIH's 14 findings or 'No Finding', separated by '|'");
            }
        }
        byte[] values = new byte[ChexpertLabel.COUNT];
        lab.forEach((k, v) -> values[k.ordinal()] = v);
        return values;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static Integer parseAge(String raw, Path csv, long line) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return null;
        }
        // older NIH releases write ages as "057Y"
        if (s.endsWith("Y") || s.endsWith("y")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw BadInputException.at(csv, line, "Patient Age '" + raw + "' is not a number",
                    "write the age in years or leave it empty");
        }
    }

    /** Splits NIH's bracketed two-field header names, e.g. "OriginalImage[Width" + "Height]". */
    static List<String> expandHeader(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String h = raw.get(i).trim();
            int open = h.indexOf('[');
            if (open >= 0 && !h.contains("]") && i + 1 < raw.size() && raw.get(i + 1).trim().endsWith("]")) {
                String base = h.substring(0, open);
                String first = h.substring(open + 1);
                String second = raw.get(i + 1).trim();
                second = second.substring(0, second.length() - 1);
                out.add(base + "." + first);
                out.add(base + "." + second);
                i++;
            } else if (open >= 0 && h.contains(",")) {
                // an already-quoted "OriginalImage[Width,Height]" header that still spans two fields in rows
                String base = h.substring(0, open);
                String[] parts = h.substring(open + 1, h.indexOf(']')).split(",");
                for (String p : parts) {
                    out.add(base + "." + p.trim());
                }
            } else {
                out.add(h);
            }
        }
        return out;
    }

    private static int need(List<String> header, String name, Path csv) {
        int c = Csv.column(header, name);
        if (c < 0) {
            throw BadInputException.at(csv, 1, "missing column '" + name + "'",
                    "this does not look like NIH's Data_Entry_2017.csv");
        }
        return c;
    }

    static Path findCsv(Path input) {
        if (Files.isRegularFile(input)) {
            return input;
        }
        if (!Files.isDirectory(input)) {
            throw BadInputException.of(input, "not found", "point --input at Data_Entry_2017.csv or its folder");
        }
        try (Stream<Path> s = Files.list(input)) {
            List<Path> c = s.filter(p -> p.getFileName().toString().startsWith("Data_Entry")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
            if (c.isEmpty()) {
                throw BadInputException.of(input, "no Data_Entry*.csv in this folder",
                        "point --input at NIH's Data_Entry_2017.csv");
            }
            return c.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Image name -> file, looking beside the CSV, in images/ and in images_NNN/images/. */
    static Map<String, Path> indexImages(Path dir) {
        Map<String, Path> m = new HashMap<>();
        for (Path p : ImageFiles.list(dir)) {
            m.putIfAbsent(p.getFileName().toString(), p);
        }
        return m;
    }
}
