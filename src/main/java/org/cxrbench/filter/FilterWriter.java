package org.cxrbench.filter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Json;
import org.cxrbench.data.Csv;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.ManifestRecord;

/**
 * Writes a filter run's output folder: {@code manifest.csv} (the kept images, optionally with hard links or copies
 * of them under {@code images/}), {@code judgements.csv} (every decision) and {@code summary.json}. The whole folder
 * is built under a temporary sibling ({@code .DIR.partial-*}) and renamed into place, so a killed run never leaves
 * a half-written set (the next run removes its leftovers). A folder whose summary.json carries the same run key
 * (inputs, judge fingerprint, policy, image mode) is left untouched: a second identical run changes nothing.
 */
public final class FilterWriter {
    private FilterWriter() {}

    /** How the kept images travel with the kept manifest. */
    public enum Images {
        NONE, LINK, COPY;

        public static Images parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "link", "hardlink", "hard-link" -> LINK;
                case "copy" -> COPY;
                default -> throw new BadInputException("--images " + s + ": use none, link (hard links) or copy");
            };
        }
    }

    public static final List<String> JUDGEMENT_COLUMNS = List.of("image", "verdict", "score", "reason", "judge",
            "judge_fingerprint", "index", "kept");

    /** The run key recorded in an existing output folder's summary.json, or null (also when it holds unjudged images). */
    public static String existingRunKey(Path outDir) {
        Path s = outDir.resolve("summary.json");
        if (!Files.isRegularFile(s) || !Files.isRegularFile(outDir.resolve("manifest.csv"))
                || !Files.isRegularFile(outDir.resolve("judgements.csv"))) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode summary = Json.MAPPER.readTree(s.toFile());
            String k = summary.path("run_key").asText("");
            // an output holding unjudged images is never up to date: the next run asks them again
            return k.isEmpty() || summary.path("counts").path(Verdict.UNJUDGED.key()).asInt(0) > 0 ? null : k;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A fresh {@code .NAME.partial-*} folder made with plain createDirectory, so its mode follows the umask as every
     * other output does (createTempDirectory makes it 0700: others in a lab could not read the filtered set).
     */
    static Path partialDir(Path parent, String name) throws IOException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom();
        for (int attempt = 0; ; attempt++) {
            Path p = parent.resolve("." + name + ".partial-" + Long.toUnsignedString(rnd.nextLong(), 36));
            try {
                return Files.createDirectory(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Refuses to replace a folder that is not a filter output (it would be deleted); removes a killed run's leftovers. */
    public static void prepare(Path outDir) {
        Path abs = outDir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw BadInputException.of(outDir, "exists and is not a folder", "give --out a folder name");
            }
            boolean empty;
            try (Stream<Path> s = Files.list(abs)) {
                empty = s.findAny().isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!empty && !Files.isRegularFile(abs.resolve("summary.json"))) {
                throw BadInputException.of(outDir, "exists and is not the output of a filter run",
                        "give --out a new or empty folder (it is replaced as a whole)");
            }
        }
        Path parent = abs.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            String prefix = "." + abs.getFileName() + ".";
            try (Stream<Path> s = Files.list(parent)) {
                for (Path p : s.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(prefix) && (n.contains(".partial-") || n.contains(".old-"))) {
                        deleteTree(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes the output folder (see the class comment). {@code summary} is written as summary.json with
     * {@code run_key} recorded in it.
     */
    public static void write(Path outDir, Manifest m, Judgement[] js, Judge judge, Set<Verdict> remove, Images images,
                             FilterSummary summary, String runKey, PrintStream log) {
        Path abs = outDir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Path tmp;
        try {
            Files.createDirectories(parent);
            tmp = partialDir(parent, abs.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder beside " + outDir + ": " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            List<ManifestRecord> kept = keptImages(m, js, remove, images, tmp, log);
            new Manifest(kept, tmp).write(tmp.resolve("manifest.csv"));
            writeJudgements(tmp.resolve("judgements.csv"), m, js, judge, remove);
            Json.write(tmp.resolve("summary.json"), summary.withRunKey(runKey));
            // swap: the old folder (if any) moves aside, the new one into place, the old one is deleted
            Path old = null;
            if (Files.exists(abs)) {
                old = parent.resolve("." + abs.getFileName() + ".old-" + tmp.getFileName().toString().replaceAll(".*partial-", ""));
                move(abs, old);
            }
            move(tmp, abs);
            done = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * The kept images' records; with {@code images} LINK or COPY each is hard-linked (copied when the file system
     * cannot link, from then on) or copied into {@code tmp/images} under a row-numbered name, and its record points
     * there.
     */
    private static List<ManifestRecord> keptImages(Manifest m, Judgement[] js, Set<Verdict> remove, Images images, Path tmp,
                                                   PrintStream log) throws IOException {
        List<ManifestRecord> kept = new ArrayList<>();
        boolean copyFallback = false;
        for (int i = 0; i < m.size(); i++) {
            if (remove.contains(js[i].verdict())) {
                continue;
            }
            ManifestRecord r = m.get(i).withPath(m.imagePath(i).toString());
            if (images != Images.NONE) {
                Path src = m.imagePath(i);
                String name = String.format(Locale.ROOT, "%06d_%s", i, safe(src.getFileName().toString()));
                Path dst = tmp.resolve("images").resolve(name);
                Files.createDirectories(dst.getParent());
                if (images == Images.LINK && !copyFallback) {
                    try {
                        Files.createLink(dst, src);
                    } catch (IOException | UnsupportedOperationException e) {
                        log.printf("filter: cannot hard-link %s (%s); copying the images instead%n", src, e.getMessage());
                        copyFallback = true;
                        Files.copy(src, dst);
                    }
                } else {
                    Files.copy(src, dst);
                }
                r = r.withPath(dst.toString());
            }
            kept.add(r);
        }
        return kept;
    }

    static void writeJudgements(Path file, Manifest m, Judgement[] js, Judge judge, Set<Verdict> remove) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(Csv.line(JUDGEMENT_COLUMNS));
            w.write('\n');
            for (int i = 0; i < m.size(); i++) {
                Judgement j = js[i];
                w.write(Csv.line(List.of(m.get(i).id(), j.verdict().key(),
                        Double.isFinite(j.score()) ? String.format(Locale.ROOT, "%.6g", j.score()) : "",
                        j.reason(), judge.name(), judge.fingerprint(), Integer.toString(i),
                        remove.contains(j.verdict()) ? "0" : "1")));
                w.write('\n');
            }
            w.flush();
        });
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p + ": " + e.getMessage(), e);
        }
    }
}
