package org.cxrbench.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Tables of what the quality filter kept and removed, per verdict and (when written) per verdict and pathology. */
final class FilterTable {
    private FilterTable() {}

    static void render(StringBuilder b, List<GeneratorResult> gens) {
        Set<String> verdicts = new LinkedHashSet<>(BlockParser.VERDICTS);
        gens.forEach(g -> verdicts.addAll(g.filter().perVerdict().keySet()));
        b.append("<div class=\"scroll\"><table><tr><th class=\"name\">generator</th><th>kept</th><th>removed</th>");
        verdicts.forEach(v -> b.append("<th>").append(Html.esc(v)).append("</th>"));
        b.append("</tr>");
        for (GeneratorResult g : gens) {
            FilterBlock f = g.filter();
            b.append("<tr><td class=\"name\">").append(Html.esc(g.name())).append("</td><td>")
                    .append(f.kept() == null ? "–" : f.kept()).append("</td><td>")
                    .append(f.removed() == null ? "–" : f.removed()).append("</td>");
            verdicts.forEach(v -> b.append("<td>").append(f.perVerdict().containsKey(v) ? f.perVerdict().get(v) : "–")
                    .append("</td>"));
            b.append("</tr>");
        }
        b.append("</table></div>\n");
        for (GeneratorResult g : gens) {
            var by = g.filter().perVerdictAndLabel();
            if (by.isEmpty()) {
                continue;
            }
            Set<String> labels = new TreeSet<>();
            by.values().forEach(m -> labels.addAll(m.keySet()));
            b.append("<p>").append(Html.esc(g.name())).append(": images per verdict and pathology</p>")
                    .append("<div class=\"scroll\"><table><tr><th class=\"name\">verdict</th>");
            labels.forEach(l -> b.append("<th>").append(Html.esc(l)).append("</th>"));
            b.append("</tr>");
            by.forEach((v, m) -> {
                b.append("<tr><td class=\"name\">").append(Html.esc(v)).append("</td>");
                labels.forEach(l -> b.append("<td>").append(m.containsKey(l) ? m.get(l) : 0).append("</td>"));
                b.append("</tr>");
            });
            b.append("</table></div>\n");
        }
    }
}
