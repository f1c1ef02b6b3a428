package org.cxrbench.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Hashing;
import org.cxrbench.common.Json;
import org.cxrbench.data.Csv;
import org.cxrbench.data.Manifest;

/**
 * {@code labels-file}: verdicts made elsewhere, imported. CSV with the columns {@code image,verdict} (more may
 * follow) or JSONL with those keys; {@code image} is a manifest id or an image file name, {@code verdict} the
 * judge's free-text answer, read by {@link VerdictParser}. The whole file is read and matched before any work:
 * an unknown image, an image named twice, an unparseable answer, or an input image without a verdict is bad input
 * naming the file and row (or the image).
 */
public final class LabelsFileJudge implements Judge {
    private final Path file;
    private final String hash;
    private final Judgement[] byIndex;

    private LabelsFileJudge(Path file, String hash, Judgement[] byIndex) {
        this.file = file;
        this.hash = hash;
        this.byIndex = byIndex;
    }

    /** Reads and matches the file against the manifest (all checks happen here). */
    public static LabelsFileJudge read(Path file, Manifest manifest) {
        if (file == null) {
            throw new BadInputException("--judge labels-file needs --labels FILE (CSV image,verdict or JSONL)");
        }
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "labels file not found", "check --labels");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Entry> entries = lower.endsWith(".jsonl") || lower.endsWith(".ndjson") ? jsonlEntries(file) : csvEntries(file);
        Judgement[] out = match(file, manifest, entries);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw BadInputException.of(file, "no verdict for image '" + manifest.get(i).id() + "' (" + manifest.imagePath(i)
                        + ")", "add a row for every input image");
            }
        }
        return new LabelsFileJudge(file, Hashing.ofFile(file), out);
    }

    /** One verdict of the file: the image as written, the verdict text and the file's row (1-based). */
    private record Entry(String image, String verdict, long row) {}

    private static List<Entry> jsonlEntries(Path file) {
        List<Entry> entries = new java.util.ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long row = 0;
            while ((line = r.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    throw BadInputException.at(file, row, "not a JSON object", "write one {\"image\": ..., \"verdict\": ...} per line");
                }
                if (!n.isObject() || !n.path("image").isValueNode() || !n.has("verdict")) {
                    throw BadInputException.at(file, row, "needs the keys image and verdict",
                            "write one {\"image\": ..., \"verdict\": ...} per line");
                }
                JsonNode v = n.get("verdict");
                entries.add(new Entry(n.get("image").asText(), v.isTextual() ? v.asText() : v.toString(), row));
            }
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read (" + e.getMessage() + ")", "check the file");
        }
        return entries;
    }

    private static List<Entry> csvEntries(Path file) {
        List<Csv.Row> rows = Csv.read(file);
        if (rows.isEmpty()) {
            throw BadInputException.of(file, "empty labels file", "write a header image,verdict and one row per image");
        }
        int ci = Csv.column(rows.get(0).fields(), "image");
        int cv = Csv.column(rows.get(0).fields(), "verdict");
        if (ci < 0 || cv < 0) {
            throw BadInputException.at(file, 1, "missing column " + (ci < 0 ? "image" : "verdict"),
                    "the header must name the columns image and verdict");
        }
        List<Entry> entries = new java.util.ArrayList<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            entries.add(new Entry(r.get(ci), r.get(cv), r.line()));
        }
        return entries;
    }

    /** Each entry's image found in the manifest (by id, else by a file name no other image shares), one verdict each. */
    private static Judgement[] match(Path file, Manifest manifest, List<Entry> entries) {
        Map<String, Integer> byId = new HashMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < manifest.size(); i++) {
            byId.put(manifest.get(i).id(), i);
            String name = manifest.imagePath(i).getFileName().toString();
            byName.merge(name, i, (a, b) -> -1); // -1: the file name is shared by two images
        }
        Judgement[] out = new Judgement[manifest.size()];
        long[] rowOf = new long[manifest.size()];
        String fix = "write one of High Quality, Medium Quality, Low Quality or Not Relevant";
        for (Entry e : entries) {
            long row = e.row();
            String image = e.image().strip();
            Integer idx = byId.get(image);
            if (idx == null) {
                idx = byName.get(Path.of(image.replace('\\', '/')).getFileName() == null ? image
                        : Path.of(image.replace('\\', '/')).getFileName().toString());
                if (idx != null && idx < 0) {
                    throw BadInputException.at(file, row, "image '" + image + "' is a file name shared by several input images",
                            "name the image by its manifest id");
                }
            }
            if (idx == null) {
                throw BadInputException.at(file, row, "image '" + image + "' is not in the input",
                        "name each image by its manifest id or file name");
            }
            if (out[idx] != null) {
                throw BadInputException.at(file, row, "image '" + image + "' already has a verdict (row " + rowOf[idx] + ")",
                        "give each image one verdict");
            }
            Verdict v = VerdictParser.parse(e.verdict(), file + ":" + row, fix);
            out[idx] = new Judgement(v, Double.NaN, VerdictParser.shorten(e.verdict()));
            rowOf[idx] = row;
        }
        return out;
    }

    @Override
    public String name() {
        return "labels-file";
    }

    @Override
    public String fingerprint() {
        return "labels-file;file=" + hash;
    }

    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public void judge(Manifest manifest, List<Integer> indices, int threads, Sink sink, PrintStream log) {
        for (int i : indices) {
            sink.accept(i, byIndex[i]);
        }
    }

    @Override
    public JudgeInfo info() {
        return new JudgeInfo.LabelsFile(name(), fingerprint(), file.toString(), hash);
    }
}
