package org.cxrbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cxrbench.data.ChexpertLabel;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.ManifestRecord;
import org.cxrbench.data.Resize;

/**
 * The sections of a config run's report that show images: each generator's closest synthetic / training pairs
 * (privacy) and a labelled sample gallery. Images are embedded as PNG data URLs, so the page stays one file.
 */
public final class RunSections {
    private RunSections() {}

    /** One gallery image: its manifest record (labels, prompt) and the filter's verdict on it, or null. */
    public record Sample(ManifestRecord record, java.nio.file.Path file, String verdict) {}

    /** Closest pairs per generator (generators without pairs are named in a note); empty string when none has any. */
    public static String closestPairs(Map<String, List<ClosestPairs.Pair>> byGenerator, String encoder, int size) {
        List<Figure> figs = new ArrayList<>();
        List<String> without = new ArrayList<>();
        byGenerator.forEach((g, pairs) -> {
            if (pairs.isEmpty()) {
                without.add(g);
                return;
            }
            long mem = pairs.stream().filter(p -> Boolean.TRUE.equals(p.memorized())).count();
            figs.add(new Figure(g + ": closest pairs", "The " + pairs.size() + " images of " + g + " closest to a "
                    + "training image, closest first: synthetic left, its nearest training image right, the distance "
                    + "(DCR) written beside each pair" + (mem > 0 ? "; " + mem + " of them below the memorisation "
                    + "threshold" : "") + ".", ClosestPairs.dataUrl(ClosestPairs.sheet(pairs, size))));
        });
        if (figs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2 id=\"closest-pairs\">Closest pairs (privacy)</h2>\n<p>For each generator, "
                + "its synthetic images nearest to a training image in feature space (DCR: Euclidean distance in the "
                + "features of <code>" + Html.esc(encoder == null ? "the run's encoder" : encoder) + "</code>). Look "
                + "at the pairs: a near-zero distance between two images of the same anatomy is a copy, not a good "
                + "sample.</p>\n");
        Html.figures(b, figs);
        if (!without.isEmpty()) {
            b.append("<p class=\"note\">No closest pairs for ").append(Html.esc(String.join(", ", without)))
                    .append(" (feature-file inputs have no images, or the results predate this section).</p>\n");
        }
        return b.toString();
    }

    /** A labelled gallery: per generator a row of images with their positive labels, prompt and filter verdict. */
    public static String gallery(Map<String, List<Sample>> byGenerator, int size) {
        if (byGenerator.values().stream().allMatch(List::isEmpty)) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2 id=\"samples\">Samples</h2>\n<p>The first images of each generator "
                + "(in manifest order, " + size + " px), each with the labels it was asked for (positive CheXpert "
                + "labels), its prompt when the manifest has one, and the quality filter's verdict when the run "
                + "filtered.</p>\n");
        byGenerator.forEach((g, samples) -> {
            if (samples.isEmpty()) {
                return;
            }
            b.append("<h3>").append(Html.esc(g)).append("</h3><div class=\"gallery\">");
            for (Sample s : samples) {
                String url = ClosestPairs.dataUrl(ClosestPairs.grey(Resize.toSquare(ImageDecoder.decode(s.file()), size,
                        Resize.Square.CROP, Resize.Filter.AREA)));
                String labels = labels(s.record());
                b.append("<figure class=\"sample\"><img src=\"").append(url).append("\" width=\"").append(size)
                        .append("\" height=\"").append(size).append("\" alt=\"").append(Html.esc(s.record().id()))
                        .append("\"><figcaption><span class=\"sid\">").append(Html.esc(s.record().id())).append("</span><br>")
                        .append("<b>").append(Html.esc(labels)).append("</b>");
                if (s.verdict() != null) {
                    b.append("<br>filter: <span class=\"badge\">").append(Html.esc(s.verdict())).append("</span>");
                }
                if (!s.record().prompt().isEmpty()) {
                    b.append("<br><span class=\"prompt\" title=\"").append(Html.esc(s.record().prompt())).append("\">")
                            .append(Html.esc(clip(s.record().prompt(), 90))).append("</span>");
                }
                b.append("</figcaption></figure>");
            }
            b.append("</div>\n");
        });
        return b.toString();
    }

    /** The record's positive CheXpert labels, or "no positive label". */
    static String labels(ManifestRecord r) {
        List<String> pos = new ArrayList<>();
        for (ChexpertLabel l : ChexpertLabel.values()) {
            if (r.labels().isPositive(l)) {
                pos.add(l.displayName());
            }
        }
        return pos.isEmpty() ? "no positive label" : String.join(", ", pos);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
