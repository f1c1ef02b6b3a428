package org.cxrbench.data;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;

/**
 * A list of {@link ManifestRecord}s with the unified CSV format that every reader writes and every stage reads.
 * Columns: id, path, patient_id, study_id, view, sex, age, split, the 14 label keys, other_findings,
 * source_findings, prompt, masks (name=path;name=path), source, sha256. Paths are relative to the
 * manifest's folder when they lie under it.
 */
public record Manifest(List<ManifestRecord> records, Path baseDir) {

    public static final List<String> FIXED_COLUMNS = List.of("id", "path", "patient_id", "study_id", "view", "sex",
            "age", "split");
    public static final List<String> TAIL_COLUMNS = List.of("other_findings", "source_findings", "prompt", "masks",
            "source", "sha256");

    public Manifest {
        records = List.copyOf(records);
        baseDir = baseDir.toAbsolutePath().normalize();
        Map<String, Long> seen = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Long prev = seen.put(records.get(i).id(), (long) i);
            if (prev != null) {
                throw new BadInputException("manifest: duplicate image id '" + records.get(i).id() + "' (records "
                        + prev + " and " + i + "); give every image a unique id");
            }
        }
    }

    public static List<String> header() {
        List<String> h = new ArrayList<>(FIXED_COLUMNS);
        for (ChexpertLabel l : ChexpertLabel.values()) {
            h.add(l.key());
        }
        h.addAll(TAIL_COLUMNS);
        return h;
    }

    public int size() {
        return records.size();
    }

    public ManifestRecord get(int i) {
        return records.get(i);
    }

    /** The image file of record i, resolved against the manifest's folder. */
    public Path imagePath(int i) {
        return resolve(records.get(i).path());
    }

    public Path resolve(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }

    /** Fills in the sha256 of every image that lacks one. */
    public Manifest withImageHashes() {
        List<Integer> missing = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sha256().isEmpty()) {
                missing.add(i);
                paths.add(imagePath(i));
            }
        }
        // in parallel, and remembered by (path, size, modification time): a rerun reads no image (ImageHashes)
        List<String> hashes = ImageHashes.of(paths, System.err);
        List<ManifestRecord> out = new ArrayList<>(records);
        for (int j = 0; j < missing.size(); j++) {
            out.set(missing.get(j), records.get(missing.get(j)).withSha256(hashes.get(j)));
        }
        return new Manifest(out, baseDir);
    }

    /** One hash over the images' content hashes in row order (needs {@link #withImageHashes()}). */
    public String imagesHash() {
        StringBuilder b = new StringBuilder();
        for (ManifestRecord r : records) {
            b.append(r.sha256()).append('\n');
        }
        return Hashing.ofString(b.toString());
    }

    /** Writes the manifest CSV atomically; paths are rewritten relative to the target's folder where possible. */
    public void write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(Csv.line(header()));
            w.write('\n');
            for (int i = 0; i < records.size(); i++) {
                ManifestRecord r = records.get(i);
                Path abs = imagePath(i);
                String p = abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
                List<String> f = new ArrayList<>();
                f.add(r.id());
                f.add(p);
                f.add(r.patientId());
                f.add(r.studyId());
                f.add(r.view());
                f.add(r.sex());
                f.add(r.age() == null ? "" : r.age().toString());
                f.add(r.split());
                for (ChexpertLabel l : ChexpertLabel.values()) {
                    f.add(Labels.format(r.labels().get(l)));
                }
                f.add(String.join("|", r.otherFindings()));
                f.add(r.sourceFindings());
                f.add(r.prompt());
                StringBuilder m = new StringBuilder();
                for (Map.Entry<String, String> e : r.masks().entrySet()) {
                    if (m.length() > 0) {
                        m.append(';');
                    }
                    Path mp = resolve(e.getValue());
                    m.append(e.getKey()).append('=').append(mp.startsWith(dir) ? dir.relativize(mp) : mp);
                }
                f.add(m.toString());
                f.add(r.source());
                f.add(r.sha256());
                w.write(Csv.line(f));
                w.write('\n');
            }
            w.flush();
        });
    }

    /** Reads a manifest CSV written by {@link #write}; a missing column or bad value names the file and row. */
    public static Manifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "manifest not found", "check the path or create it with './cxrbench manifest'");
        }
        List<Csv.Row> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw BadInputException.of(file, "empty manifest", "write one with './cxrbench manifest'");
        }
        List<String> header = rows.get(0).fields();
        Map<String, Integer> col = new LinkedHashMap<>();
        for (String name : header()) {
            int c = Csv.column(header, name);
            if (c < 0 && (name.equals("id") || name.equals("path"))) {
                throw BadInputException.at(file, 1, "missing column '" + name + "'",
                        "a manifest needs at least the columns id and path (see './cxrbench manifest --help')");
            }
            col.put(name, c);
        }
        List<ManifestRecord> out = new ArrayList<>(rows.size() - 1);
        for (int i = 1; i < rows.size(); i++) {
            Csv.Row row = rows.get(i);
            if (row.fields().size() != header.size()) {
                throw BadInputException.at(file, row.line(), "expected " + header.size() + " fields, found "
                        + row.fields().size(), "fix the row (quote fields that contain commas)");
            }
            byte[] lab = new byte[ChexpertLabel.COUNT];
            for (ChexpertLabel l : ChexpertLabel.values()) {
                int c = col.get(l.key());
                lab[l.ordinal()] = c < 0 ? Labels.BLANK : Labels.parseCell(row.get(c), file, row.line(), l.key());
            }
            Integer age = age(file, row, get(row, col, "age"));
            Map<String, String> masks = masks(file, row, get(row, col, "masks"));
            String other = get(row, col, "other_findings");
            out.add(ManifestRecord.builder(get(row, col, "id"), get(row, col, "path"))
                    .patient(get(row, col, "patient_id"))
                    .study(get(row, col, "study_id"))
                    .view(get(row, col, "view"))
                    .sex(get(row, col, "sex"))
                    .age(age)
                    .split(get(row, col, "split"))
                    .labels(Labels.of(lab))
                    .otherFindings(other.isBlank() ? List.of() : List.of(other.split("\\|")))
                    .sourceFindings(get(row, col, "source_findings"))
                    .prompt(get(row, col, "prompt"))
                    .masks(masks)
                    .source(get(row, col, "source"))
                    .sha256(get(row, col, "sha256"))
                    .build());
        }
        return new Manifest(out, file.toAbsolutePath().getParent());
    }

    private static Integer age(Path file, Csv.Row row, String ageS) {
        if (ageS.isBlank()) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(ageS));
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, row.line(), "age '" + ageS + "' is not a number",
                    "write the age in years or leave it blank");
        }
    }

    /** The masks cell, name=path;name=path, in its order. */
    private static Map<String, String> masks(Path file, Csv.Row row, String ms) {
        Map<String, String> masks = new LinkedHashMap<>();
        if (!ms.isBlank()) {
            for (String part : ms.split(";")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw BadInputException.at(file, row.line(), "mask entry '" + part + "' is not name=path",
                            "write masks as name=path;name=path");
                }
                masks.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return masks;
    }

    private static String get(Csv.Row row, Map<String, Integer> col, String name) {
        Integer c = col.get(name);
        return c == null || c < 0 ? "" : row.get(c);
    }

    /** Does this path look like a manifest CSV (header starts with id,path)? */
    public static boolean looksLikeManifest(Path file) {
        try (var r = Csv.open(file)) {
            String first = r.readLine();
            return first != null && first.replace("\uFEFF", "").startsWith("id,path,");
        } catch (IOException e) {
            return false;
        }
    }
}
