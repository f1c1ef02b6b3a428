package org.cxrbench.run;

import org.cxrbench.common.Outputs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cxrbench.common.AtomicFiles;
import org.cxrbench.common.BadInputException;
import org.cxrbench.report.CompareHtml;
import org.cxrbench.report.ComparisonTables;
import org.cxrbench.report.ComparisonView;
import org.cxrbench.report.LatexTable;
import org.cxrbench.report.ResultsSet;

/**
 * Side-by-side report of one or more results files: FILE.html (self-contained, charts embedded) and, beside it,
 * FILE.md, FILE.tex (booktabs, compiles with pdflatex) and FILE.csv. Every input is read and checked first.
 */
public final class CompareJob {
    private CompareJob() {}

    public record Request(List<Path> results, Path out) {}

    public record Outputs(Path html, Path markdown, Path latex, Path csv) {}

    public static Outputs run(Request req, PrintStream log) {
        if (req.results() == null || req.results().isEmpty()) {
            throw new BadInputException("compare: name at least one RESULTS.json");
        }
        String name = req.out().getFileName().toString();
        if (!name.endsWith(".html")) {
            throw new BadInputException("compare: --out " + req.out() + " must end in .html (the .md, .tex and .csv "
                    + "are written beside it)");
        }
        org.cxrbench.common.Outputs.requireWritable("out", req.out());
        List<ResultsSet> sets = new ArrayList<>();
        for (Path p : req.results()) {
            sets.add(ResultsSet.read(p));
        }
        ComparisonView v = ComparisonView.of(sets);
        String stem = name.substring(0, name.length() - ".html".length());
        Outputs o = new Outputs(req.out(), req.out().resolveSibling(stem + ".md"), req.out().resolveSibling(stem + ".tex"),
                req.out().resolveSibling(stem + ".csv"));
        AtomicFiles.writeString(o.html(), CompareHtml.render(v));
        AtomicFiles.writeString(o.markdown(), ComparisonTables.markdown(v));
        AtomicFiles.writeString(o.latex(), LatexTable.document(v, "Fidelity and privacy of " + v.rows().stream()
                .filter(r -> r.kind() == ComparisonView.Kind.GENERATOR).count() + " generators (cxrbench)."));
        ComparisonTables.writeCsv(o.csv(), ComparisonTables.table(v));
        log.printf("wrote %s (and %s, %s, %s)%n", o.html(), o.markdown().getFileName(), o.latex().getFileName(),
                o.csv().getFileName());
        return o;
    }
}
