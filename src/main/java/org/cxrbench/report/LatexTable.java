package org.cxrbench.report;

import org.cxrbench.common.MetricResult;

import java.util.List;

/**
 * A LaTeX document holding the headline comparison table with booktabs rules: it compiles with pdflatex as is,
 * and the table environment between the markers can be pasted into a paper (needs booktabs and graphicx).
 */
public final class LatexTable {
    private LatexTable() {}

    public static String document(ComparisonView v, String caption) {
        return "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
                + "\\usepackage{booktabs}\n\\usepackage{graphicx}\n\\usepackage[margin=2cm]{geometry}\n"
                + "\\begin{document}\n" + table(v, caption) + "\\end{document}\n";
    }

    public static String table(ComparisonView v, String caption) {
        List<String> cols = v.headline();
        StringBuilder b = new StringBuilder("% --- cxrbench table begins (needs \\usepackage{booktabs,graphicx}) ---\n");
        b.append("\\begin{table}[t]\n\\centering\n\\small\n")
                .append("\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n")
                .append("\\begin{tabular}{l r").append(" r".repeat(cols.size())).append("}\n\\toprule\n")
                .append("Generator & $N$ real/synth.");
        for (String k : cols) {
            String d = ComparisonTables.dir(v, k);
            b.append(" & ").append(esc(MetricInfo.displayName(k)))
                    .append("lower".equals(d) ? " $\\downarrow$" : "higher".equals(d) ? " $\\uparrow$" : "");
        }
        b.append(" \\\\\n\\midrule\n");
        boolean floorRule = false;
        for (ComparisonView.Row r : v.rows()) {
            if (r.kind() == ComparisonView.Kind.FLOOR && !floorRule) {
                b.append("\\midrule\n");
                floorRule = true;
            }
            String name = esc(r.name());
            b.append(r.kind() == ComparisonView.Kind.FLOOR ? "\\textit{" + name + "}" : name)
                    .append(r.privacyWarning() != null ? "$^{\\ast}$" : "").append(" & ")
                    .append(esc(CompareHtml.nText(r)).replace("–", "--"));
            for (String k : cols) {
                ComparisonView.Cell c = r.cell(k);
                b.append(" & ");
                if (c == null) {
                    b.append("--");
                    continue;
                }
                MetricResult e = c.entry();
                String val = esc(Format.number(e.value()));
                b.append(c.best() ? "\\textbf{" + val + "}" : c.unfiltered() ? "\\textit{" + val + "}$^{u}$" : val);
                String spread = Format.withSpread(e).substring(Format.number(e.value()).length()).strip();
                if (!spread.isEmpty()) {
                    b.append(" {\\scriptsize ").append(esc(spread).replace("±", "$\\pm$")).append("}");
                }
                b.append(switch (c.floor()) {
                    case WITHIN -> "$^{\\approx}$";
                    case BEYOND -> "$^{\\approx\\dagger}$";
                    case NOT_COMPARABLE -> "$^{\\neq}$";
                    case NONE -> "";
                });
            }
            b.append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}}\n\\caption{").append(esc(caption))
                .append(" $\\downarrow$/$\\uparrow$: lower/higher is better; bold: best of the column; ")
                .append("brackets: 95\\% CI; $^{\\approx}$: within the real-vs-real noise floor; ")
                .append("$^{\\approx\\dagger}$: better than the floor beyond the 95\\% interval of their difference; $^{\\neq}$: floor made at another $N$; \\textit{x}$^{u}$: before the quality filter, which removed every image of that generator.");
        for (ComparisonView.Row r : v.rows()) {
            if (r.privacyWarning() != null) {
                b.append(" $^{\\ast}$").append(esc(r.name())).append(": ").append(esc(r.privacyWarning())).append('.');
            }
        }
        b.append("}\n\\end{table}\n% --- cxrbench table ends ---\n");
        return b.toString();
    }

    /** Escapes LaTeX specials; maps the few non-ASCII symbols the reports use; other non-Latin-1 becomes '?'. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> b.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').appendCodePoint(cp);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                case '<' -> b.append("$<$");
                case '>' -> b.append("$>$");
                case '∞' -> b.append("$\\infty$");
                case 'σ' -> b.append("$\\sigma$");
                case '±' -> b.append("$\\pm$");
                case '≈' -> b.append("$\\approx$");
                case '–' -> b.append("--");
                case '—' -> b.append("---");
                case '·' -> b.append("$\\cdot$");
                case '↓' -> b.append("$\\downarrow$");
                case '↑' -> b.append("$\\uparrow$");
                case '×' -> b.append("$\\times$");
                default -> {
                    if (cp < 0x100) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append('?');
                    }
                }
            }
        });
        return b.toString();
    }
}
