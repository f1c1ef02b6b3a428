package org.cxrbench.encode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.linalg.Features;

/**
 * Feature files of the contract: {@code .npy} (2-D, float32 or float64, either byte order, C order) and
 * {@code .csv} (numbers only, optional header). Row i is image i. NaN/Inf, ragged rows, a header that does not
 * match the data, or a truncated file are bad input naming the file (and row).
 * Which encoder made a feature file: {@link FeatureEncoders}.
 */
public final class FeatureFiles {
    private FeatureFiles() {}

    public static boolean isFeatureFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || (n.endsWith(".csv") && !org.cxrbench.data.Manifest.looksLikeManifest(p));
    }

    public static Features read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.of(file, "feature file not found", "check the path");
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Features f = n.endsWith(".npy") ? readNpy(file) : readCsv(file);
        checkFinite(f, file);
        return f;
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A parsed .npy array of any rank (float32/float64), as doubles in C order. */
    public record NpyArray(long[] shape, double[] data) {}

    /**
     * A 2-D .npy of features. float32 little- or big-endian data is memory-mapped (read by the OS as the kernels
     * touch it: no copy on the heap); float64 is read a block at a time and rounded to float32, as every feature
     * set is float32 (numpy's {@code astype('float32')}).
     */
    static Features readNpy(Path file) {
        long length;
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            length = Files.size(file);
            head = in.readNBytes((int) Math.min(length, 1 << 17));
        } catch (NoSuchFileException e) {
            throw BadInputException.of(file, "feature file not found", "check the path");
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read (" + e.getMessage() + ")", "check the file");
        }
        NpyHeader h = header(head, length, file.toString());
        long[] shape = h.shape();
        if (shape.length != 2) {
            throw BadInputException.of(file, "array has " + shape.length + " dimensions, expected 2 (images x features)",
                    "save a 2-D array, one row per image");
        }
        if (shape[1] < 1) {
            throw BadInputException.of(file, "array has no feature columns", "save a 2-D array, one row per image");
        }
        if (shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
            throw BadInputException.of(file, "shape (" + shape[0] + ", " + shape[1] + ") is too large", "split the file");
        }
        int n = (int) shape[0];
        int d = (int) shape[1];
        if (h.size() == 4) {
            return Features.mapped(file, h.dataStart(), n, d, h.order());
        }
        if (h.count() > Integer.MAX_VALUE - 8) {
            throw BadInputException.of(file, "float64 shape (" + n + ", " + d + ") is too large for one array",
                    "save it as float32 (array.astype('float32')), which is read without a copy");
        }
        float[] out = new float[n * d];
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocate(8 << 16).order(h.order());
            long pos = h.dataStart();
            int at = 0;
            while (at < out.length) {
                buf.clear().limit((int) Math.min(buf.capacity(), 8L * (out.length - at)));
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        throw new IOException("unexpected end of file");
                    }
                }
                buf.flip();
                pos += buf.limit();
                while (buf.hasRemaining()) {
                    out[at++] = (float) buf.getDouble();
                }
            }
        } catch (IOException e) {
            throw BadInputException.of(file, "cannot read (" + e.getMessage() + ")", "check the file");
        }
        return new Features(n, d, out);
    }

    /** A .npy header: shape, bytes per value (4 or 8), byte order, where the data starts, number of values. */
    record NpyHeader(long[] shape, int size, ByteOrder order, int dataStart, long count) {}

    /** Parses and checks a .npy header from the file's first bytes ({@code length}: the whole file's). */
    static NpyHeader header(byte[] all, long length, String name) {
        String fix = "write it with numpy.save(path, array.astype('float32'))";
        int[] at = headerSpan(all, name, fix);
        int start = at[0];
        int headerLen = at[1];
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher fo = FORTRAN.matcher(header);
        Matcher sh = SHAPE.matcher(header);
        if (!d.find() || !fo.find() || !sh.find()) {
            throw BadInputException.of(name, "malformed .npy header '" + header.trim() + "'", fix);
        }
        if (fo.group(1).equals("True")) {
            throw BadInputException.of(name, "Fortran-ordered array", "save a C-ordered array (numpy.ascontiguousarray)");
        }
        String kind = d.group(2);
        int size = Integer.parseInt(d.group(3));
        if (!kind.equals("f") || (size != 4 && size != 8)) {
            throw BadInputException.of(name, "dtype '" + d.group(1) + kind + size + "' is not float32/float64", fix);
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Long> dims = new ArrayList<>();
        for (String part : sh.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        long count = 1;
        for (long x : dims) {
            count *= x;
        }
        long need = count * size;
        int dataStart = start + headerLen;
        if (length - dataStart != need) {
            throw BadInputException.of(name, "header says shape " + dims + " (" + need + " bytes) but the file holds "
                    + (length - dataStart) + " data bytes (truncated or mismatched header)", fix);
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
        }
        return new NpyHeader(shape, size, order, dataStart, count);
    }

    /** Checks the magic and version; returns where the header text starts and its length in bytes. */
    private static int[] headerSpan(byte[] all, String name, String fix) {
        if (all.length < 10 || (all[0] & 0xff) != 0x93 || !new String(all, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw BadInputException.of(name, "not a .npy file (bad magic)", fix);
        }
        int major = all[6];
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (all.length < 12) {
                throw BadInputException.of(name, "truncated .npy header", fix);
            }
            headerLen = bb.getInt(8);
            start = 12;
        } else {
            throw BadInputException.of(name, "unsupported .npy version " + major, fix);
        }
        if (headerLen < 0 || start + (long) headerLen > all.length) {
            throw BadInputException.of(name, "truncated .npy header", fix);
        }
        return new int[] {start, headerLen};
    }

    public static NpyArray parseNpy(byte[] all, String name) {
        NpyHeader h = header(all, all.length, name);
        if (h.count() > Integer.MAX_VALUE - 8) {
            throw BadInputException.of(name, "shape " + java.util.Arrays.toString(h.shape()) + " is too large for one array",
                    "split the file");
        }
        double[] out = new double[(int) h.count()];
        ByteBuffer data = ByteBuffer.wrap(all, h.dataStart(), (int) (h.count() * h.size())).slice().order(h.order());
        if (h.size() == 4) {
            var fb = data.asFloatBuffer();
            for (int i = 0; i < out.length; i++) {
                out[i] = fb.get(i);
            }
        } else {
            data.asDoubleBuffer().get(out);
        }
        return new NpyArray(h.shape(), out);
    }

    /** Reads every array of a .npz archive (numpy.savez / savez_compressed). */
    public static java.util.Map<String, NpyArray> readNpz(Path file) {
        java.util.Map<String, NpyArray> out = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            java.util.zip.ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                String n = e.getName();
                if (n.endsWith(".npy")) {
                    out.put(n.substring(0, n.length() - 4), parseNpy(z.readAllBytes(), file + ":" + n));
                }
            }
        } catch (NoSuchFileException e) {
            throw BadInputException.of(file, "file not found", "check the path");
        } catch (IOException e) {
            throw BadInputException.of(file, "not a readable .npz archive (" + e.getMessage() + ")",
                    "write it with numpy.savez(path, mu=mu, sigma=sigma)");
        }
        if (out.isEmpty()) {
            throw BadInputException.of(file, "no arrays in this .npz", "write it with numpy.savez(path, mu=mu, sigma=sigma)");
        }
        return out;
    }

    static Features readCsv(Path file) {
        List<org.cxrbench.data.Csv.Row> rows = org.cxrbench.data.Csv.read(file);
        if (rows.isEmpty()) {
            throw BadInputException.of(file, "empty feature CSV", "write one row of numbers per image");
        }
        int first = 0;
        if (!isNumeric(rows.get(0).fields().get(0))) {
            first = 1; // header
        }
        int n = rows.size() - first;
        if (n <= 0) {
            throw BadInputException.of(file, "feature CSV has a header but no rows", "write one row of numbers per image");
        }
        int d = rows.get(first).fields().size();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            var r = rows.get(first + i);
            if (r.fields().size() != d) {
                throw BadInputException.at(file, r.line(), "expected " + d + " numbers, found " + r.fields().size(),
                        "give every row the same number of features");
            }
            for (int j = 0; j < d; j++) {
                String s = r.fields().get(j).trim();
                try {
                    out[i * d + j] = (float) Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    if (first == 1) {
                        throw notAManifest(file, rows.get(0).fields());
                    }
                    throw BadInputException.at(file, r.line(), "'" + s + "' in column " + (j + 1) + " is not a number",
                            "feature CSVs hold numbers only (an optional header line aside)");
                }
            }
        }
        return new Features(n, d, out);
    }

    /**
     * A CSV with a header and text cells is a table, not features; it was taken for features because its header
     * does not begin {@code id,path,} as a manifest's does. Says which: no {@code path} column, or one in the
     * wrong place.
     */
    static BadInputException notAManifest(Path file, List<String> header) {
        int pathCol = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).replace("\uFEFF", "").trim().equalsIgnoreCase("path")) {
                pathCol = i;
            }
        }
        String cols = String.join(",", header.subList(0, Math.min(4, header.size()))) + (header.size() > 4 ? ",..." : "");
        String what = pathCol < 0 ? "has no 'path' column" : "has its 'path' column in position " + (pathCol + 1);
        return BadInputException.of(file, "a table (header " + cols + ") that is neither a feature CSV (numbers only) "
                + "nor a manifest: it " + what + ", and a manifest's header begins id,path,",
                "make a manifest with 'cxrbench manifest' (or give the image paths in a 'path' column after 'id')");
    }

    private static boolean isNumeric(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void checkFinite(Features f, Path file) {
        float[] a = new float[f.d()];
        for (int i = 0; i < f.n(); i++) {
            f.row(i, a, 0);
            for (int j = 0; j < a.length; j++) {
                if (!Float.isFinite(a[j])) {
                    throw BadInputException.of(file, "row " + i + " (0-based) holds " + a[j] + " in feature " + j,
                            "remove or re-encode that image; NaN/Inf features have no distance");
                }
            }
        }
    }

    /** One float64 array as .npy bytes (format 1.0, little endian, C order). */
    static byte[] npy64(double[] v, long[] shape) {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        sh.append(')');
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + sh + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    /** Every .npz entry's modification time: the DOS epoch, so the same arrays always give the same bytes. */
    static final java.time.LocalDateTime NPZ_ENTRY_TIME = java.time.LocalDateTime.of(1980, 1, 1, 0, 0);

    /**
     * Writes float64 arrays as an uncompressed .npz (as numpy.savez does), atomically; entries carry the fixed time
     * {@link #NPZ_ENTRY_TIME} (local DOS time, so no time zone enters), not the write time.
     */
    public static void writeNpz(Path file, java.util.Map<String, NpyArray> arrays) {
        AtomicFiles.write(file, out -> {
            java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out);
            for (var e : arrays.entrySet()) {
                java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry(e.getKey() + ".npy");
                entry.setTimeLocal(NPZ_ENTRY_TIME);
                z.putNextEntry(entry);
                z.write(npy64(e.getValue().data(), e.getValue().shape()));
                z.closeEntry();
            }
            z.finish();
        });
    }

    /** Writes a 2-D float32 little-endian C-order .npy (format 1.0), atomically. */
    public static void writeNpy(Path file, Features f) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + f.n() + ", " + f.d() + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        AtomicFiles.write(file, out -> {
            ByteBuffer h = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            h.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0)
                    .putShort((short) header.length());
            out.write(h.array());
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            ByteBuffer b = ByteBuffer.allocate(4 * f.d()).order(ByteOrder.LITTLE_ENDIAN);
            float[] row = new float[f.d()];
            for (int i = 0; i < f.n(); i++) {
                b.clear();
                f.row(i, row, 0);
                b.asFloatBuffer().put(row);
                out.write(b.array());
            }
        });
    }
}
