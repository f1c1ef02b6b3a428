package org.cxrbench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.cxrbench.common.BadInputException;

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. Reads {@code .csv} and
 * {@code .csv.gz}. Each record remembers its 1-based line number in the file for error messages.
 */
public final class Csv {
    private Csv() {}

    /** One parsed record and the line of the file where it starts (1-based; the header is line 1). */
    public record Row(long line, List<String> fields) {
        public String get(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }
    }

    public static List<Row> read(Path file) {
        try (BufferedReader r = open(file)) {
            return parse(r, file);
        } catch (NoSuchFileException e) {
            throw BadInputException.of(file, "file not found", "check the path");
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read CSV (" + e.getMessage() + ")", "check the file is a readable CSV");
        }
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    static List<Row> parse(BufferedReader r, Path file) throws IOException {
        Parser p = new Parser();
        int c;
        boolean first = true;
        while ((c = r.read()) != -1) {
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    continue; // byte-order mark
                }
            }
            if (p.inQuotes) {
                p.quoted(c, r);
            } else {
                p.unquoted(c);
            }
        }
        if (p.inQuotes) {
            throw BadInputException.at(file, p.startLine, "a quoted field is never closed",
                    "close the quote or fix the file's end (is it truncated?)");
        }
        p.endRow();
        return p.rows;
    }

    /** RFC 4180 state: the rows so far, the current row's fields and field, and the line its row started on. */
    private static final class Parser {
        final List<Row> rows = new ArrayList<>();
        final List<String> fields = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean inQuotes;
        boolean fieldStarted;
        long line = 1;
        long startLine = 1;

        /** Inside quotes: a doubled quote is one quote, a single one ends the quoting; line breaks are kept. */
        void quoted(int c, BufferedReader r) throws IOException {
            if (c == '"') {
                r.mark(1);
                int n = r.read();
                if (n == '"') {
                    cur.append('"');
                } else {
                    inQuotes = false;
                    if (n != -1) {
                        r.reset();
                    }
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                cur.append((char) c);
            }
        }

        void unquoted(int c) {
            switch (c) {
                case '"' -> {
                    if (cur.length() == 0) {
                        inQuotes = true;
                    } else {
                        cur.append('"');
                    }
                    fieldStarted = true;
                }
                case ',' -> {
                    fields.add(cur.toString());
                    cur.setLength(0);
                    fieldStarted = true;
                }
                case '\r' -> {
                    // ignored: CRLF line ends
                }
                case '\n' -> {
                    endRow();
                    line++;
                    startLine = line;
                }
                default -> {
                    cur.append((char) c);
                    fieldStarted = true;
                }
            }
        }

        /** Ends the current row; an empty line (no field started) adds no row. */
        void endRow() {
            if (fieldStarted || cur.length() > 0 || !fields.isEmpty()) {
                fields.add(cur.toString());
                rows.add(new Row(startLine, List.copyOf(fields)));
            }
            fields.clear();
            cur.setLength(0);
            fieldStarted = false;
        }
    }

    /** Quotes a field when it holds a comma, quote or line break. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(fields.get(i)));
        }
        return b.toString();
    }

    /** Index of a header column (exact match first, then case-insensitive), or -1. */
    public static int column(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
