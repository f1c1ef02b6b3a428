package org.cxrbench.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Evaluation;
import org.cxrbench.common.Json;
import org.cxrbench.data.GreyImage;
import org.cxrbench.data.ImageDecoder;
import org.cxrbench.data.ImageWriter;
import org.cxrbench.data.Resize;
import org.cxrbench.pipeline.config.RunConfig;
import org.cxrbench.report.DemoReport;

/** The report stage of a config run: {@code DIR/report.html} and the figures beside it. */
final class RunReport {
    private RunReport() {}

    /** The HTML report (CompareHtml of results.json) with one sample image per generator; null without FID. */
    static Path write(Evaluation ev, Map<String, ConfigData.Encoded> syn, Path out, RunConfig cfg, RunContext ctx) {
        boolean fid = ev.generators().values().stream().anyMatch(g -> g.metrics().containsKey("fid"))
                && (ev.noiseFloor() == null || ev.noiseFloor().metrics().containsKey("fid"));
        if (!fid) {
            ctx.log().println("note: no report.html (this report needs fid); results.json has every number");
            return null;
        }
        int size = cfg.train().isPhantom() ? cfg.train().phantom().size() : 128;
        Map<String, GreyImage> samples = new LinkedHashMap<>();
        syn.forEach((g, x) -> {
            if (x.source().manifest() != null && x.source().manifest().size() > 0) {
                samples.put(g, Resize.toSquare(ImageDecoder.decode(x.source().manifest().imagePath(0)), size,
                        Resize.Square.CROP, Resize.Filter.AREA));
            }
        });
        String sheet = null;
        if (!samples.isEmpty()) {
            Path s = out.resolve("samples.png");
            ImageWriter.png8(DemoReport.contactSheet(samples, size), s);
            Json.writeSidecar(s, ev.provenance());
            sheet = "samples.png";
        }
        Path report = out.resolve("report.html");
        // the report package's comparison page of this run's results.json, with the sample contact sheet appended
        String html = org.cxrbench.report.CompareHtml.render(org.cxrbench.report.ComparisonView.of(
                List.of(org.cxrbench.report.ResultsReader.read(out.resolve("results.json")))));
        if (sheet != null) {
            String fig = "<h2>Samples</h2>\n<p>One image per generator (" + size + " px).</p>\n<img src=\"" + sheet
                    + "\" alt=\"one sample image per generator\">\n";
            int end = html.lastIndexOf("</body>");
            html = end < 0 ? html + fig : html.substring(0, end) + fig + html.substring(end);
        }
        org.cxrbench.common.AtomicFiles.writeString(report, html);
        return report;
    }
}
