package org.cxrbench.run;

import org.cxrbench.report.ResultsSet;

import org.cxrbench.pipeline.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.ClosestPair;
import org.cxrbench.common.Evaluation;
import org.cxrbench.data.FolderReader;
import org.cxrbench.data.Manifest;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.report.ClosestPairs;
import org.cxrbench.report.CompareHtml;
import org.cxrbench.report.ComparisonView;
import org.cxrbench.report.RunSections;

/**
 * The report stage of a config run: {@code DIR/report.html}, the comparison page of the run's results.json with
 * each generator's closest synthetic / training pairs (distances written on the sheet) and a labelled gallery.
 */
final class RunReport {
    private RunReport() {}

    /** Images per generator in the gallery. */
    static final int GALLERY = 8;

    /**
     * The HTML report; null without FID. {@code images}: each generator's images, before the filter where one ran
     * (the gallery then shows the filter's verdict on each image, from DIR/filter/g/judgements.csv).
     */
    static Path write(Evaluation ev, Map<String, Manifest> images, Path out, RunConfig cfg, RunContext ctx) {
        boolean fid = ev.generators().values().stream().anyMatch(g -> g.metrics().containsKey("fid"))
                && (ev.noiseFloor() == null || ev.noiseFloor().metrics().containsKey("fid"));
        if (!fid) {
            ctx.log().println("note: no report.html (this report needs fid); results.json has every number");
            return null;
        }
        int size = cfg.train().isPhantom() ? Math.min(128, cfg.train().phantom().size()) : 128;
        Manifest train = trainManifest(cfg, out);
        Map<String, List<ClosestPairs.Pair>> pairs = new LinkedHashMap<>();
        Map<String, List<RunSections.Sample>> gallery = new LinkedHashMap<>();
        images.forEach((g, m) -> {
            Evaluation.GeneratorResult r = ev.generators().get(g);
            List<ClosestPair> cp = r == null ? null : r.blocks().closestPairs() != null ? r.blocks().closestPairs()
                    : r.blocks().closestPairsUnfiltered();
            pairs.put(g, ClosestPairs.fromStored(cp, train, m));
            List<RunSections.Sample> samples = new ArrayList<>();
            String folder = r == null || r.filter() == null ? null : r.filter().folder();
            Map<String, String> verdicts = folder != null ? verdicts(out.resolve(folder).resolve("judgements.csv")) : Map.of();
            for (int i = 0; m != null && i < Math.min(GALLERY, m.size()); i++) {
                Object verdict = verdicts.get(m.get(i).id());
                samples.add(new RunSections.Sample(m.get(i), m.imagePath(i), verdict == null ? null : verdict.toString()));
            }
            gallery.put(g, samples);
        });
        String encoder = ev.provenance() == null ? null : ev.provenance().settings().get("encoder");
        Path report = out.resolve("report.html");
        String html = CompareHtml.render(ComparisonView.of(List.of(ResultsSet.read(out.resolve("results.json")))),
                RunSections.closestPairs(pairs, RunSections.pairNotes(ev, images), encoder, Math.min(96, size)),
                RunSections.gallery(gallery, Math.min(128, size)));
        AtomicFiles.writeString(report, html);
        return report;
    }

    /** image id -> verdict from a filter's judgements.csv (empty when it is missing). */
    static Map<String, String> verdicts(Path judgements) {
        Map<String, String> out = new java.util.HashMap<>();
        if (!Files.isRegularFile(judgements)) {
            return out;
        }
        List<org.cxrbench.data.Csv.Row> rows = org.cxrbench.data.Csv.read(judgements);
        for (org.cxrbench.data.Csv.Row row : rows.subList(1, rows.size())) {
            out.put(row.get(0), row.get(1));
        }
        return out;
    }

    /**
     * The training set's manifest, to find the closest pairs' training images by id: the phantom set the run wrote,
     * or the folder / manifest the config names (read again, not re-hashed); null for feature files.
     */
    static Manifest trainManifest(RunConfig cfg, Path out) {
        if (cfg.train().isPhantom()) {
            Path m = out.resolve("data").resolve("train").resolve("manifest.csv");
            return Files.isRegularFile(m) ? Manifest.read(m) : null;
        }
        Path p = cfg.train().path();
        if (Files.isDirectory(p)) {
            return FolderReader.read(p, null);
        }
        return Manifest.looksLikeManifest(p) ? Manifest.read(p) : null;
    }
}
