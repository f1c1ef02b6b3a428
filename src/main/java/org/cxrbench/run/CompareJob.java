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

    /** One results file and the name its rows take ({@code name=FILE}; null: the names the file gives). */
    public record Input(String name, Path file) {
        /**
         * "NAME=FILE" or "FILE": an argument with '=' that is not itself an existing file names the generator(s) of
         * the file after it.
         */
        public static Input parse(String arg) {
            int eq = arg.indexOf('=');
            if (eq < 0 || java.nio.file.Files.exists(Path.of(arg))) {
                return new Input(null, Path.of(arg));
            }
            if (eq == 0) {
                throw new BadInputException("compare: '" + arg + "' has an empty name; write NAME=RESULTS.json");
            }
            return new Input(arg.substring(0, eq), Path.of(arg.substring(eq + 1)));
        }
    }

    public record Request(List<Input> inputs, Path out, String command) {
        public Request(List<Path> results, Path out) {
            this(results == null ? null : results.stream().map(p -> new Input(null, p)).toList(), out, "compare");
        }

        public List<Path> results() {
            return inputs == null ? null : inputs.stream().map(Input::file).toList();
        }
    }

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
        java.util.Set<String> names = new java.util.HashSet<>();
        org.cxrbench.common.Provenance.Builder prov = org.cxrbench.common.Provenance.builder(req.command());
        for (Input in : req.inputs()) {
            if (!java.nio.file.Files.isRegularFile(in.file())) {
                throw BadInputException.of(in.file(), "not found", "give a results JSON"
                        + (in.name() == null ? "" : " after '" + in.name() + "='"));
            }
            ResultsSet s = ResultsSet.read(in.file());
            if (in.name() != null) {
                if (!names.add(in.name())) {
                    throw new BadInputException("compare: the name '" + in.name() + "' is given twice; give each "
                            + "results file its own name");
                }
                s = named(s, in.name());
            }
            sets.add(s);
            prov.input("results:" + (in.name() != null ? in.name() : in.file().getFileName().toString()),
                    org.cxrbench.common.Hashing.ofFile(in.file()));
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
        // the outputs' provenance (every results file's sha256), beside the CSV as for every CSV output
        org.cxrbench.common.Json.writeSidecar(o.csv(), prov.build());
        log.printf("wrote %s (and %s, %s, %s, %s.provenance.json)%n", o.html(), o.markdown().getFileName(),
                o.latex().getFileName(), o.csv().getFileName(), o.csv().getFileName());
        return o;
    }

    /**
     * The results file with its rows named: a one-generator file's generator takes the name, a file of several
     * generators prefixes theirs ("NAME/generator").
     */
    static ResultsSet named(ResultsSet s, String name) {
        List<org.cxrbench.report.NamedResult> gens = s.generators().size() == 1
                ? List.of(s.generators().get(0).renamed(name))
                : s.generators().stream().map(g -> g.renamed(name + "/" + g.name())).toList();
        return new ResultsSet(s.source(), s.evaluation(), gens, s.provenance(), s.notes());
    }
}
