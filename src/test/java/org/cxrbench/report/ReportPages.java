package org.cxrbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Manifest;

/**
 * The report pages of {@link TemplatePagesTest}, each from committed inputs. {@link #main} writes them (images'
 * data left out) as the expected files; it was compiled and run against the code before the templates (commit
 * 7f6381c: {@code javac -cp target/cxrbench.jar:target/lib/* -d X ReportPages.java ExpectedOutput.java ../validate/ValidatePages.java}, then
 * {@code java -cp X:target/cxrbench.jar:target/lib/* org.cxrbench.report.ReportPages src/test/resources/report/expected}
 * in the project root), so the expected files are the pre-template output. Regenerated once after the merge of
 * 2026-12-05 (same command, against the merged classes) because the metric cards they embed had changed; the diff was
 * in the cards' text only; since then the cards are left out of the comparison ({@link ExpectedOutput#masked}).
 */
final class ReportPages {
    private ReportPages() {}

    static final Path FIXTURES = Path.of("src/test/resources/report");

    /** (results fixture, published table): matched rows, not-comparable columns, unmatched generators, encoders. */
    static final List<String[]> REPRODUCED = List.of(new String[] {"raddino_sana.json", "chexgenbench-per-pathology-fid"},
            new String[] {"raddino_sana.json", "prakash-2024-utility"}, new String[] {"filtered.json", "chexgenbench-privacy"},
            new String[] {"multi.json", "chexgenbench-fidelity"});

    /** Results fixtures judged against the nightly baseline. */
    static final List<String> JUDGED = List.of("multi.json", "filtered.json");

    /** Results fixtures compared: per-label tables, utility, the filter's sections. */
    static final List<String> COMPARED = List.of("multi.json", "filtered.json", "demo_runs.json");

    static String reproduce(Path results, String table) {
        return ReproduceRender.html(reproduction(results, table));
    }

    static ReproductionView reproduction(Path results, String table) {
        return ReproductionView.of(PublishedTable.read(Path.of("baselines", table + ".yaml")), ResultsSet.read(results),
                Map.of(), null);
    }

    static String regress(Path results, String resultsShown) {
        // a frozen copy of the nightly baseline the expected pages were made with (the real one is re-accepted as the
        // demo changes), as regress-history.jsonl is of the history
        RegressionCheck.Outcome o = RegressionCheck.judge(ResultsSet.read(FIXTURES.resolve("regress-baseline.json")),
                ResultsSet.read(results), Map.of(), null, java.util.Set.of());
        return RegressReport.render(o, RunHistory.read(FIXTURES.resolve("regress-history.jsonl")),
                "baselines/nightly/accepted.json", resultsShown);
    }

    static String compare(Path results) {
        return CompareHtml.render(ComparisonView.of(List.of(ResultsSet.read(results))));
    }

    /** Closest pairs of two generators (one with a note) and one without pairs, then a gallery, from drawn images. */
    static String runSections(Path dir, String generator, String encoder) throws IOException {
        Manifest train = images(dir.resolve("train"), 3, 0.1f);
        Manifest syn = images(dir.resolve("syn"), 3, 0.5f);
        List<ClosestPairs.Pair> pairs = List.of(
                new ClosestPairs.Pair(syn.get(0).id(), syn.imagePath(0), train.get(1).id(), train.imagePath(1), 0.25, true),
                new ClosestPairs.Pair(syn.get(1).id(), syn.imagePath(1), train.get(2).id(), train.imagePath(2), 1.5, false));
        Map<String, List<ClosestPairs.Pair>> byGenerator = new LinkedHashMap<>();
        byGenerator.put(generator, pairs);
        byGenerator.put("plain", pairs.subList(1, 2));
        byGenerator.put("features-only", List.of());
        String sections = RunSections.closestPairs(byGenerator, Map.of("plain", "a note & more"), encoder, 32)
                + RunSections.closestPairs(byGenerator, null, 32);
        Map<String, List<RunSections.Sample>> gallery = new LinkedHashMap<>();
        gallery.put(generator, List.of(new RunSections.Sample(syn.get(0), syn.imagePath(0), "low <b>"),
                new RunSections.Sample(syn.get(1), syn.imagePath(1), null)));
        gallery.put("empty", List.of());
        gallery.put("plain", List.of(new RunSections.Sample(train.get(2), train.imagePath(2), "high")));
        return sections + RunSections.gallery(gallery, 32);
    }

    static Manifest images(Path dir, int n, float base) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            float[] p = new float[32 * 32];
            java.util.Arrays.fill(p, base + 0.1f * i);
            ImageWriter.png8(new GreyImage(32, 32, p, 8), dir.resolve("img" + i + ".png"));
        }
        return FolderReader.read(dir, null);
    }

    static String stem(String file) {
        return file.substring(0, file.lastIndexOf('.'));
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (String[] r : REPRODUCED) {
            String stem = "reproduce-" + stem(r[0]) + "-" + r[1];
            write(out.resolve(stem + ".html"), reproduce(FIXTURES.resolve(r[0]), r[1]));
            write(out.resolve(stem + ".md"), ReproduceRender.markdown(reproduction(FIXTURES.resolve(r[0]), r[1])));
            write(out.resolve(stem + ".tex"), ReproduceRender.latex(reproduction(FIXTURES.resolve(r[0]), r[1])));
        }
        for (String r : JUDGED) {
            write(out.resolve("regress-" + stem(r) + ".html"), regress(FIXTURES.resolve(r), r));
        }
        for (String r : COMPARED) {
            write(out.resolve("compare-" + stem(r) + ".html"), compare(FIXTURES.resolve(r)));
        }
        Path images = Files.createTempDirectory("cxr-pages");
        write(out.resolve("run-sections.html"), runSections(images, "gen <a> & \"b\"", "enc <x>"));
    }

    private static void write(Path file, String page) throws IOException {
        Files.writeString(file, ExpectedOutput.masked(page), StandardCharsets.UTF_8);
    }
}
