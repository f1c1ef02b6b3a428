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
 * (privacy) and a labelled sample gallery. Images are embedded as PNG data URLs, so the page stays one file. Markup in
 * {@code templates/closest-pairs} and {@code templates/gallery}.
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
        StringBuilder figures = new StringBuilder();
        Html.figures(figures, figs);
        return Templates.render("closest-pairs", new PairsSection(encoder == null ? "the run's encoder" : encoder,
                figures.toString(), without.stream().map(g -> new Without(g,
                        notes.getOrDefault(g, "the results have none (they predate this section)"))).toList()));
    }

    /** The closest-pairs section's model (templates/closest-pairs); {@code figures} is HTML. */
    record PairsSection(String encoder, String figures, List<Without> without) {}

    record Without(String generator, String reason) {}

    /** The gallery's model (templates/gallery): per generator its images as data URLs, with their captions' text. */
    record Gallery(int size, List<GalleryRow> generators) {}

    record GalleryRow(String generator, List<GallerySample> samples) {}

    /** One image; {@code verdict} and {@code prompt} null when absent, {@code clipped} the prompt cut to 90 characters. */
    record GallerySample(String url, String id, String labels, String verdict, String prompt, String clipped) {}

    /** A labelled gallery: per generator a row of images with their positive labels, prompt and filter verdict. */
    public static String gallery(Map<String, List<Sample>> byGenerator, int size) {
        if (byGenerator.values().stream().allMatch(List::isEmpty)) {
            return "";
        }
        List<GalleryRow> rows = new ArrayList<>();
        byGenerator.forEach((g, samples) -> {
            if (!samples.isEmpty()) {
                rows.add(new GalleryRow(g, samples.stream().map(s -> sample(s, size)).toList()));
            }
        });
        return Templates.render("gallery", new Gallery(size, rows));
    }

    private static GallerySample sample(Sample s, int size) {
        String url = ClosestPairs.dataUrl(ClosestPairs.grey(Resize.toSquare(ImageDecoder.decode(s.file()), size,
                Resize.Square.CROP, Resize.Filter.AREA)));
        String prompt = s.record().prompt().isEmpty() ? null : s.record().prompt();
        return new GallerySample(url, s.record().id(), labels(s.record()), s.verdict(), prompt,
                prompt == null ? null : clip(prompt, 90));
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
