package org.cxrbench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxrbench.common.Outputs;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.report.PublishedTable;
import org.cxrbench.report.ReproduceRender;
import org.cxrbench.report.ReproductionView;
import org.cxrbench.report.ResultsSet;
import org.cxrbench.report.Tolerance;

/** A published table (baselines/*.yaml) beside a results file: FILE.html, and FILE.md and FILE.tex beside it. */
public final class ReproduceJob {
    private ReproduceJob() {}

    /**
     * @param matches "GENERATOR=ROW" items: the user's generator compared with that published row
     * @param tolerance a rule (abs:X, rel:X, ci) overriding the table's, or null
     */
    public record Request(Path table, Path results, Path out, List<String> matches, String tolerance) {}

    public static ReproductionView run(Request req, PrintStream log) {
        String name = req.out().getFileName().toString();
        if (!name.endsWith(".html")) {
            throw new BadInputException("reproduce: --out " + req.out() + " must end in .html (the .md and .tex are "
                    + "written beside it)");
        }
        Outputs.requireWritable("out", req.out());
        Map<String, String> matches = new LinkedHashMap<>();
        for (String s : req.matches()) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--match: '" + s + "' is not GENERATOR=ROW");
            }
            matches.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        Tolerance tol = null;
        if (req.tolerance() != null) {
            try {
                tol = Tolerance.parse(req.tolerance());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--tolerance: " + e.getMessage());
            }
        }
        PublishedTable t = PublishedTable.read(req.table());
        ResultsSet r = ResultsSet.read(req.results());
        ReproductionView v;
        try {
            v = ReproductionView.of(t, r, matches, tol);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        String stem = name.substring(0, name.length() - ".html".length());
        AtomicFiles.writeString(req.out(), ReproduceRender.html(v));
        AtomicFiles.writeString(req.out().resolveSibling(stem + ".md"), ReproduceRender.markdown(v));
        AtomicFiles.writeString(req.out().resolveSibling(stem + ".tex"), ReproduceRender.latex(v));
        long compared = v.pairs().stream().filter(p -> p.generator() != null).count();
        log.printf("wrote %s (and %s.md, %s.tex): %d published row(s), %d matched to your generators%s%n", req.out(),
                stem, stem, v.pairs().size(), compared, v.encoderDiffers() ? "; encoder differs: feature-space cells "
                        + "not compared" : "");
        return v;
    }
}
