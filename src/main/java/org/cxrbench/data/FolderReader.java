package org.cxrbench.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.BadInputException;

/**
 * A plain folder of images (PNG/JPEG, recursive, in code-point order of the relative path), with an optional
 * labels CSV: a file column ({@code filename}, {@code file}, {@code path} or {@code image}: relative path or bare
 * file name), any of the 14 CheXpert labels (display names or keys), and optionally {@code patient_id},
 * {@code study_id}, {@code split}, {@code prompt}.
 */
public final class FolderReader {
    private FolderReader() {}

    public static Manifest read(Path folder, Path labelsCsv) {
        // image paths are stored absolute: a manifest resolves relative paths against its own folder, not the cwd
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw BadInputException.of(dir, "not a folder", "point --input at a folder of PNG/JPEG images");
        }
        List<Path> images = ImageFiles.list(dir);
        if (images.isEmpty()) {
            throw BadInputException.of(dir, "no PNG or JPEG images found", "point --input at a folder of images");
        }
        List<Path> others = ImageFiles.others(dir);
        if (!others.isEmpty()) {
            org.cxrbench.common.Progress.out().printf("warning: %s: skipped %d file%s that %s not PNG/JPEG images "
                    + "(e.g. %s)%n", dir, others.size(), others.size() == 1 ? "" : "s", others.size() == 1 ? "is" : "are",
                    dir.relativize(others.get(0)));
        }
        Map<String, Csv.Row> byKey = new HashMap<>();
        List<String> header = labelsCsv == null ? List.of() : readLabels(labelsCsv, byKey);
        int[] cl = new int[ChexpertLabel.COUNT];
        for (ChexpertLabel l : ChexpertLabel.values()) {
            int c = Csv.column(header, l.displayName());
            cl[l.ordinal()] = c >= 0 ? c : Csv.column(header, l.key());
        }
        int cPatient = Csv.column(header, "patient_id");
        int cStudy = Csv.column(header, "study_id");
        int cSplit = Csv.column(header, "split");
        int cPrompt = Csv.column(header, "prompt");
        List<ManifestRecord> out = new ArrayList<>();
        for (Path img : images) {
            String rel = dir.relativize(img).toString().replace('\\', '/');
            ManifestRecord.Builder b = ManifestRecord.builder(rel, img.toString()).source("folder");
            Csv.Row r = byKey.get(rel);
            if (r == null) {
                r = byKey.get(img.getFileName().toString());
            }
            if (r != null) {
                byte[] lab = new byte[ChexpertLabel.COUNT];
                for (ChexpertLabel l : ChexpertLabel.values()) {
                    int c = cl[l.ordinal()];
                    lab[l.ordinal()] = c < 0 ? Labels.BLANK : Labels.parseCell(r.get(c), labelsCsv, r.line(), header.get(c));
                }
                b.labels(Labels.of(lab));
                if (cPatient >= 0) {
                    b.patient(r.get(cPatient).trim());
                }
                if (cStudy >= 0) {
                    b.study(r.get(cStudy).trim());
                }
                if (cSplit >= 0) {
                    b.split(r.get(cSplit).trim());
                }
                if (cPrompt >= 0) {
                    b.prompt(r.get(cPrompt));
                }
            }
            out.add(b.build());
        }
        return new Manifest(out, dir);
    }

    /** Reads the labels CSV into {@code byKey} (its file column, '/'-separated) and returns its header. */
    private static List<String> readLabels(Path labelsCsv, Map<String, Csv.Row> byKey) {
        List<Csv.Row> rows = Csv.read(labelsCsv);
        if (rows.isEmpty()) {
            throw BadInputException.of(labelsCsv, "empty labels CSV", "give a header and one row per image");
        }
        List<String> header = rows.get(0).fields();
        int cf = -1;
        for (String n : List.of("filename", "file", "path", "image")) {
            cf = Csv.column(header, n);
            if (cf >= 0) {
                break;
            }
        }
        if (cf < 0) {
            throw BadInputException.at(labelsCsv, 1, "no file column", "name one column filename, file, path or image");
        }
        for (int i = 1; i < rows.size(); i++) {
            Csv.Row r = rows.get(i);
            if (r.fields().size() != header.size()) {
                throw BadInputException.at(labelsCsv, r.line(), "expected " + header.size() + " fields, found "
                        + r.fields().size(), "fix the row");
            }
            byKey.put(r.get(cf).trim().replace('\\', '/'), r);
        }
        return header;
    }
}
