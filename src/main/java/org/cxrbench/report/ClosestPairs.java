package org.cxrbench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import org.cxrbench.common.ClosestPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.Manifest;
import org.cxrbench.data.Resize;
import org.cxrbench.privacy.PrivacyMetrics;

/**
 * The privacy results drawn for a reader: the closest synthetic / training pairs as a contact sheet (synthetic
 * left, its nearest training image right, the distance and both ids written beside each pair, closest first) and
 * the per-synthetic-image CSV.
 */
public final class ClosestPairs {
    private ClosestPairs() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One synthetic image and its nearest training image, with their feature distance (DCR). */
    public record Pair(String syntheticId, Path synthetic, String trainId, Path train, double dcr, Boolean memorized) {}

    /** The {@code n} synthetic images closest to a training image, closest first (ties: lower index first). */
    public static List<Pair> closest(PrivacyMetrics.Result r, Manifest train, Manifest syn, int n) {
        Integer[] order = new Integer[r.dcr().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(r.dcr()[a], r.dcr()[b]));
        List<Pair> out = new ArrayList<>();
        for (int k = 0; k < Math.min(n, order.length); k++) {
            int i = order[k];
            int t = r.nnTrainIndex()[i];
            out.add(new Pair(syn.get(i).id(), syn.imagePath(i), train.get(t).id(), train.imagePath(t), r.dcr()[i],
                    r.memorizationThreshold() == null ? null : r.memorized()[i]));
        }
        return out;
    }

    /** How many closest pairs a config run's privacy stage keeps per generator in results.json. */
    public static final int IN_RESULTS = 4;

    /** The pairs as results.json keeps them ({@code closest_pairs}: ids, distance, memorised; no paths). */
    public static List<ClosestPair> stored(List<Pair> pairs) {
        List<ClosestPair> out = new ArrayList<>();
        for (Pair p : pairs) {
            out.add(new ClosestPair(p.syntheticId(), p.trainId(), p.dcr(), p.memorized()));
        }
        return out;
    }

    /**
     * Pairs back from a "closest_pairs" block, their images found by id in the two manifests; pairs whose ids are not
     * in them are left out. Empty when the block is absent.
     */
    public static List<Pair> fromStored(List<ClosestPair> stored, Manifest train, Manifest syn) {
        List<Pair> out = new ArrayList<>();
        if (stored == null || train == null || syn == null) {
            return out;
        }
        Map<String, Integer> ti = index(train);
        Map<String, Integer> si = index(syn);
        for (ClosestPair p : stored) {
            if (p != null && p.syntheticId() != null && p.trainId() != null && si.containsKey(p.syntheticId())
                    && ti.containsKey(p.trainId())) {
                out.add(new Pair(p.syntheticId(), syn.imagePath(si.get(p.syntheticId())), p.trainId(),
                        train.imagePath(ti.get(p.trainId())), p.dcr(), p.memorized()));
            }
        }
        return out;
    }

    private static Map<String, Integer> index(Manifest m) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < m.size(); i++) {
            out.put(m.get(i).id(), i);
        }
        return out;
    }

    /** The sheet: one pair per row, tiles of {@code size} px, the rank, DCR and ids written to the right. */
    public static BufferedImage sheet(List<Pair> pairs, int size) {
        int gap = 6;
        int head = 20;
        int text = 250;
        int w = 2 * size + 3 * gap + text;
        int h = head + pairs.size() * (size + gap) + gap;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("synthetic", gap, 15);
        g.drawString("training", 2 * gap + size, 15);
        g.drawString("distance (DCR), ids", 3 * gap + 2 * size, 15);
        for (int k = 0; k < pairs.size(); k++) {
            Pair p = pairs.get(k);
            int y0 = head + k * (size + gap);
            g.drawImage(tile(p.synthetic(), size), gap, y0, null);
            g.drawImage(tile(p.train(), size), 2 * gap + size, y0, null);
            int x = 3 * gap + 2 * size;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(String.format(Locale.ROOT, "#%d  DCR %s", k + 1, Format.number(p.dcr())), x, y0 + 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            if (Boolean.TRUE.equals(p.memorized())) {
                g.drawString("memorised copy (below the threshold)", x, y0 + 36);
            }
            g.drawString(clip("syn: " + p.syntheticId(), 38), x, y0 + 54);
            g.drawString(clip("train: " + p.trainId(), 38), x, y0 + 70);
        }
        g.dispose();
        return img;
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static BufferedImage tile(Path file, int size) {
        return grey(Resize.toSquare(ImageDecoder.decode(file), size, Resize.Square.CROP, Resize.Filter.AREA));
    }

    /** A grey image as an 8-bit AWT image (values clipped to [0,1]). */
    static BufferedImage grey(GreyImage a) {
        BufferedImage b = new BufferedImage(a.width(), a.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                b.getRaster().setSample(x, y, 0,
                        Math.round(Math.min(1f, Math.max(0f, a.pixels()[y * a.width() + x])) * 255f));
            }
        }
        return b;
    }

    /** The image as PNG bytes. */
    public static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The image as a PNG data URL (for self-contained pages). */
    public static String dataUrl(BufferedImage img) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(img));
    }

    /** Writes the sheet as PNG and its pairs as {@code FILE.csv}, atomically. */
    public static void write(Path file, List<Pair> pairs, int size) {
        byte[] png = png(sheet(pairs, size));
        AtomicFiles.write(file, out -> out.write(png));
        StringBuilder b = new StringBuilder("rank,synthetic_id,nn_train_id,dcr,memorized\n");
        for (int k = 0; k < pairs.size(); k++) {
            Pair p = pairs.get(k);
            b.append(org.cxrbench.data.Csv.line(List.of(Integer.toString(k), p.syntheticId(), p.trainId(),
                    Double.toString(p.dcr()), p.memorized() == null ? "" : p.memorized() ? "1" : "0"))).append('\n');
        }
        AtomicFiles.writeString(file.resolveSibling(file.getFileName() + ".csv"), b.toString());
    }

    /** One CSV row per synthetic image: its nearest training image, distances, memorisation and re-id outcome. */
    public static void writePerSample(Path file, PrivacyMetrics.Result r, double[] reidP, Manifest train, Manifest syn) {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("synthetic_index,nn_train_index,dcr,nndr,memorized,synthetic_id,nn_train_id,second_nn_distance,"
                    + "carlini_ratio,dcr_holdout,reid_probability\n");
            for (int i = 0; i < r.dcr().length; i++) {
                int t = r.nnTrainIndex()[i];
                List<String> f = new ArrayList<>();
                f.add(Integer.toString(i));
                f.add(Integer.toString(t));
                f.add(Double.toString(r.dcr()[i]));
                f.add(Double.isNaN(r.nndr()[i]) ? "" : Double.toString(r.nndr()[i]));
                f.add(r.memorizationThreshold() == null ? "" : (r.memorized()[i] ? "1" : "0"));
                f.add(syn == null ? "" : syn.get(i).id());
                f.add(train == null ? "" : train.get(t).id());
                f.add(Double.toString(r.secondDistance()[i]));
                f.add(Double.toString(r.carliniRatio()[i]));
                f.add(r.dcrHoldout() == null ? "" : Double.toString(r.dcrHoldout()[i]));
                f.add(reidP == null ? "" : Double.toString(reidP[i]));
                w.write(org.cxrbench.data.Csv.line(f));
                w.write('\n');
            }
            w.flush();
        });
    }
}
