package org.cxrbench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cxrbench.common.BadInputException;

/**
 * MIMIC-CXR-JPG 2.x: {@code mimic-cxr-2.0.0-metadata.csv} (one row per DICOM: dicom_id, subject_id, study_id,
 * ViewPosition), {@code -chexpert.csv} (labels per subject_id + study_id) and {@code -split.csv} (split per
 * dicom_id), plain or gzipped, joined on those ids. Images lie at {@code files/pXX/pSUBJECT/sSTUDY/DICOM.jpg}.
 * Sex and age are not in these files (they are in MIMIC-IV) and stay blank.
 */
public final class MimicReader {
    private MimicReader() {}

    public record Result(Manifest manifest, int rowsWithoutImage, int rowsWithoutLabels) {}

    public static Result read(Path input, Labels.UncertaintyPolicy policy, boolean keepMissing) {
        Path dir = input.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw BadInputException.of(dir, "not a folder", "point --input at the MIMIC-CXR-JPG folder (with files/ and the CSVs)");
        }
        Path meta = find(dir, "metadata");
        Path chex = find(dir, "chexpert");
        Path split = findOptional(dir, "split");

        Map<String, byte[]> labelsByStudy = labelsByStudy(chex);
        Map<String, String> splitByDicom = split == null ? Map.of() : splitByDicom(split);

        List<Csv.Row> mrows = Csv.read(meta);
        List<String> mh = mrows.get(0).fields();
        int md = need(mh, "dicom_id", meta);
        int ms = need(mh, "subject_id", meta);
        int mst = need(mh, "study_id", meta);
        int mv = Csv.column(mh, "ViewPosition");
        List<ManifestRecord> out = new ArrayList<>();
        int missing = 0;
        int unlabeled = 0;
        for (int i = 1; i < mrows.size(); i++) {
            Csv.Row r = mrows.get(i);
            checkWidth(r, mh.size(), meta);
            String dicom = r.get(md).trim();
            String subject = r.get(ms).trim();
            String study = r.get(mst).trim();
            if (subject.length() < 2) {
                throw BadInputException.at(meta, r.line(), "subject_id '" + subject + "' is too short",
                        "MIMIC subject ids have 8 digits");
            }
            String rel = "files/p" + subject.substring(0, 2) + "/p" + subject + "/s" + study + "/" + dicom + ".jpg";
            Path img = dir.resolve(rel);
            if (!Files.isRegularFile(img)) {
                missing++;
                if (!keepMissing) {
                    continue;
                }
            }
            byte[] lab = labelsByStudy.get(subject + "/" + study);
            Labels labels;
            if (lab == null) {
                unlabeled++;
                labels = Labels.allBlank();
            } else {
                labels = Labels.of(lab).apply(policy);
            }
            String view = mv >= 0 ? r.get(mv).trim() : "";
            if (view.equals("LATERAL") || view.equals("LL")) {
                view = "LAT";
            }
            out.add(ManifestRecord.builder(dicom, img.toString())
                    .patient(subject).study(study).view(view)
                    .split(splitByDicom.getOrDefault(dicom, ""))
                    .labels(labels).source("mimic").build());
        }
        return new Result(new Manifest(out, dir), missing, unlabeled);
    }

    /** The CheXpert-style labels file: raw labels per "subject_id/study_id". */
    private static Map<String, byte[]> labelsByStudy(Path chex) {
        Map<String, byte[]> labelsByStudy = new HashMap<>();
        List<Csv.Row> crows = Csv.read(chex);
        List<String> ch = crows.get(0).fields();
        int cs = need(ch, "subject_id", chex);
        int cst = need(ch, "study_id", chex);
        int[] cl = new int[ChexpertLabel.COUNT];
        for (ChexpertLabel l : ChexpertLabel.values()) {
            cl[l.ordinal()] = Csv.column(ch, l.displayName());
        }
        for (int i = 1; i < crows.size(); i++) {
            Csv.Row r = crows.get(i);
            checkWidth(r, ch.size(), chex);
            byte[] lab = new byte[ChexpertLabel.COUNT];
            for (ChexpertLabel l : ChexpertLabel.values()) {
                int c = cl[l.ordinal()];
                lab[l.ordinal()] = c < 0 ? Labels.BLANK : Labels.parseCell(r.get(c), chex, r.line(), l.displayName());
            }
            labelsByStudy.put(r.get(cs).trim() + "/" + r.get(cst).trim(), lab);
        }
        return labelsByStudy;
    }

    /** The split file: split name per dicom_id. */
    private static Map<String, String> splitByDicom(Path split) {
        Map<String, String> splitByDicom = new HashMap<>();
        List<Csv.Row> srows = Csv.read(split);
        List<String> sh = srows.get(0).fields();
        int cd = need(sh, "dicom_id", split);
        int csp = need(sh, "split", split);
        for (int i = 1; i < srows.size(); i++) {
            Csv.Row r = srows.get(i);
            checkWidth(r, sh.size(), split);
            splitByDicom.put(r.get(cd).trim(), r.get(csp).trim());
        }
        return splitByDicom;
    }

    private static void checkWidth(Csv.Row r, int width, Path file) {
        if (r.fields().size() != width) {
            throw BadInputException.at(file, r.line(), "expected " + width + " fields, found " + r.fields().size(),
                    "fix the row");
        }
    }

    private static int need(List<String> header, String name, Path file) {
        int c = Csv.column(header, name);
        if (c < 0) {
            throw BadInputException.at(file, 1, "missing column '" + name + "'", "use MIMIC-CXR-JPG's own CSV");
        }
        return c;
    }

    private static Path find(Path dir, String kind) {
        Path p = findOptional(dir, kind);
        if (p == null) {
            throw BadInputException.of(dir, "no mimic-cxr-*-" + kind + ".csv(.gz) here",
                    "put MIMIC-CXR-JPG's " + kind + " CSV in this folder");
        }
        return p;
    }

    private static Path findOptional(Path dir, String kind) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("mimic-cxr") && (n.endsWith("-" + kind + ".csv") || n.endsWith("-" + kind + ".csv.gz"));
            }).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
