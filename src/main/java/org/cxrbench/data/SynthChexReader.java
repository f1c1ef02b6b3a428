package org.cxrbench.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.cxrbench.common.BadInputException;

/**
 * SynthCheX-75K (Dutt et al. 2025): one record per image with {@code filename}, {@code prompt} and
 * {@code labels_dict}, a 14-entry dictionary of CheXpert label name -> value. Accepts the release's metadata as CSV
 * (labels_dict as a JSON or Python-literal string), JSON (an array of records) or JSONL (one record per line).
 * Synthetic images have no patients; patient_id stays blank.
 */
public final class SynthChexReader {
    private SynthChexReader() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Result(Manifest manifest, int rowsWithoutImage) {}

    public static Result read(Path input, boolean keepMissing) {
        Path meta = findMeta(input.toAbsolutePath().normalize());
        Path dir = meta.toAbsolutePath().getParent();
        List<Entry> entries = parse(meta);
        List<ManifestRecord> out = new ArrayList<>();
        int missing = 0;
        for (Entry e : entries) {
            Path img = resolve(dir, e.filename);
            if (img == null) {
                missing++;
                if (!keepMissing) {
                    continue;
                }
                img = dir.resolve(e.filename);
            }
            out.add(ManifestRecord.builder(e.filename, img.toString())
                    .prompt(e.prompt).labels(e.labels).source("synthchex").build());
        }
        return new Result(new Manifest(out, dir), missing);
    }

    private record Entry(String filename, String prompt, Labels labels) {}

    static List<Entry> parse(Path meta) {
        String name = meta.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return name.endsWith(".jsonl") ? jsonl(meta) : name.endsWith(".json") ? json(meta) : csv(meta);
        } catch (IOException e) {
            throw BadInputException.of(meta, "cannot read (" + e.getMessage() + ")", "check the file");
        }
    }

    private static List<Entry> jsonl(Path meta) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(meta)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (IOException e) {
                    throw BadInputException.at(meta, n, "not a JSON object", "write one JSON record per line");
                }
                out.add(fromJson(node, meta, n));
            }
        }
        return out;
    }

    private static List<Entry> json(Path meta) {
        JsonNode root;
        try {
            root = MAPPER.readTree(meta.toFile());
        } catch (IOException e) {
            throw BadInputException.of(meta, "not valid JSON (" + String.valueOf(e.getMessage()).split("\n")[0] + ")",
                    "give a JSON array of records with filename, prompt and labels_dict");
        }
        if (root.isObject() && root.has("data")) {
            root = root.get("data");
        }
        if (!root.isArray()) {
            throw BadInputException.of(meta, "expected a JSON array of records", "give a JSON array of records");
        }
        List<Entry> out = new ArrayList<>();
        long n = 0;
        for (JsonNode node : root) {
            out.add(fromJson(node, meta, ++n));
        }
        return out;
    }

    private static List<Entry> csv(Path meta) {
        List<Csv.Row> rows = Csv.read(meta);
        List<String> h = rows.get(0).fields();
        int cf = fileColumn(h);
        int cp = Csv.column(h, "prompt");
        int cl = Csv.column(h, "labels_dict");
        if (cf < 0 || cl < 0) {
            throw BadInputException.at(meta, 1, "missing column 'filename' or 'labels_dict'",
                    "SynthCheX metadata needs filename, prompt and labels_dict");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            Csv.Row r = rows.get(i);
            if (r.fields().size() != h.size()) {
                throw BadInputException.at(meta, r.line(), "expected " + h.size() + " fields, found "
                        + r.fields().size(), "quote the prompt and labels_dict fields");
            }
            Labels labels = parseLabelsDict(r.get(cl), meta, r.line());
            out.add(new Entry(r.get(cf).trim(), cp >= 0 ? r.get(cp) : "", labels));
        }
        return out;
    }

    private static int fileColumn(List<String> h) {
        for (String n : List.of("filename", "file_name", "image_filename", "image", "path")) {
            int c = Csv.column(h, n);
            if (c >= 0) {
                return c;
            }
        }
        return -1;
    }

    private static Entry fromJson(JsonNode node, Path meta, long n) {
        String file = null;
        for (String k : List.of("filename", "file_name", "image_filename", "image", "path")) {
            if (node.hasNonNull(k) && node.get(k).isTextual()) {
                file = node.get(k).asText();
                break;
            }
        }
        if (file == null || !node.has("labels_dict")) {
            throw BadInputException.at(meta, n, "record lacks filename or labels_dict",
                    "each record needs filename, prompt and labels_dict");
        }
        JsonNode ld = node.get("labels_dict");
        Labels labels = ld.isTextual() ? parseLabelsDict(ld.asText(), meta, n) : fromObject(ld, meta, n);
        return new Entry(file, node.hasNonNull("prompt") ? node.get("prompt").asText() : "", labels);
    }

    /** Parses labels_dict written as JSON or as a Python dict literal ({'Atelectasis': 1.0, ... None / nan}). */
    static Labels parseLabelsDict(String text, Path meta, long line) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Labels.allBlank();
        }
        try {
            return fromObject(MAPPER.readTree(s), meta, line);
        } catch (IOException notJson) {
            String py = s.replace('\'', '"').replaceAll("\\bNone\\b", "null").replaceAll("\\bnan\\b", "null")
                    .replaceAll("\\bTrue\\b", "1").replaceAll("\\bFalse\\b", "0");
            try {
                return fromObject(MAPPER.readTree(py), meta, line);
            } catch (IOException e) {
                throw BadInputException.at(meta, line, "labels_dict is neither JSON nor a Python dict",
                        "write it as {\"Atelectasis\": 0, ...}");
            }
        }
    }

    private static Labels fromObject(JsonNode obj, Path meta, long line) {
        if (!obj.isObject()) {
            throw BadInputException.at(meta, line, "labels_dict is not a dictionary", "write it as {\"Atelectasis\": 0, ...}");
        }
        byte[] v = Labels.allBlank().toArray();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            ChexpertLabel l = ChexpertLabel.parse(e.getKey()).orElseThrow(() -> BadInputException.at(meta, line,
                    "unknown label '" + e.getKey() + "' in labels_dict", "use the 14 CheXpert label names"));
            JsonNode val = e.getValue();
            String cell = val.isNull() ? "" : val.isBoolean() ? (val.asBoolean() ? "1" : "0")
                    : val.isNumber() ? numberCell(val.asDouble()) : val.asText();
            v[l.ordinal()] = Labels.parseCell(cell, meta, line, e.getKey());
        }
        return Labels.of(v);
    }

    private static String numberCell(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Path resolve(Path dir, String file) {
        for (Path c : List.of(dir.resolve(file), dir.resolve("images").resolve(file))) {
            if (Files.isRegularFile(c)) {
                return c.normalize();
            }
        }
        return null;
    }

    static Path findMeta(Path input) {
        if (Files.isRegularFile(input)) {
            return input;
        }
        if (!Files.isDirectory(input)) {
            throw BadInputException.of(input, "not found", "point --input at SynthCheX-75K's metadata file or folder");
        }
        try (Stream<Path> s = Files.list(input)) {
            List<Path> c = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".csv");
            }).sorted().toList();
            if (c.size() != 1) {
                throw BadInputException.of(input, c.isEmpty() ? "no metadata file (.csv/.json/.jsonl) here"
                        : "several metadata files here " + c.stream().map(p -> p.getFileName().toString()).toList(),
                        "point --input at the metadata file itself");
            }
            return c.get(0);
        } catch (IOException e) {
            throw BadInputException.of(input, "cannot list folder (" + e.getMessage() + ")", "check permissions");
        }
    }
}
