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
        return closestPairs(byGenerator, Map.of(), encoder, size);
    }

    /**
     * Per generator, what the closest-pairs section must say about it: for one the quality filter emptied, that its
     * pairs are from before the filter (or, without them, that the filter removed every image); for one given as a
     * feature file, that there are no images; else nothing.
     */
    public static Map<String, String> pairNotes(org.cxrbench.common.Evaluation ev,
                                                Map<String, org.cxrbench.data.Manifest> images) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        images.forEach((g, m) -> {
            org.cxrbench.common.Evaluation.GeneratorResult r = ev.generators().get(g);
            if (m == null) {
                out.put(g, "given as features: no images");
            } else if (r != null && r.filter() != null && r.filter().emptied()) {
                out.put(g, "the quality filter removed all " + r.filter().total() + " of its images"
                        + (r.blocks().closestPairsUnfiltered() != null ? "; these pairs are from before it" : ""));
            }
        });
        return out;
    }

    /**
     * Closest pairs per generator; {@code notes} (see {@link #pairNotes}) is added to a generator's caption, or is the
     * reason a generator has no pairs. Empty string when no generator has any.
     */
    public static String closestPairs(Map<String, List<ClosestPairs.Pair>> byGenerator, Map<String, String> notes,
                                      String encoder, int size) {
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
                    + "threshold" : "") + (notes.containsKey(g) ? " (" + notes.get(g) + ")" : "") + ".",
                    ClosestPairs.dataUrl(ClosestPairs.sheet(pairs, size))));
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
        for (String g : without) {
            b.append("<p class=\"note\">No closest pairs for ").append(Html.esc(g)).append(": ")
                    .append(Html.esc(notes.getOrDefault(g, "the results have none (they predate this section)")))
                    .append(".</p>\n");
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
