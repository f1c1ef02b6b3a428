package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collection;
import java.util.List;

/** Building blocks of the self-contained HTML reports: escaping, page frame and style, figures, provenance. */
final class Html {
    private Html() {}

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static final String STYLE = String.join("",
            "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:1.5em auto;max-width:76em;padding:0 1em;",
            "color:#222;line-height:1.4;overflow-wrap:break-word}",
            "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}",
            ".scroll{overflow-x:auto;max-width:100%}",
            "table{border-collapse:collapse;margin:.5em 0;font-size:.92em}",
            "td,th{border:1px solid #ccc;padding:3px 7px;text-align:right;vertical-align:top}",
            "th{background:#f4f4f4}td.name,th.name{text-align:left;white-space:nowrap}",
            "th a{color:inherit}tr.floor td{background:#eef3fb;font-style:italic}",
            "td.best{font-weight:bold;background:#e6f4e6}", "td.unfiltered{color:#666;font-style:italic}",
            ".badge{display:inline-block;font-size:.75em;padding:0 4px;margin-left:3px;border-radius:3px;",
            "background:#dde;color:#334;font-weight:normal;font-style:normal}",
            ".badge.beyond{background:#fde2c4;color:#6b3d00}.badge.nc{background:#eee;color:#666}",
            "tr.warn td{background:#fff3cd;color:#5c4400;text-align:left;font-size:.9em}",
            "tr.bad td{background:#fff3cd;color:#5c4400}",
            ".warnicon{color:#b36b00;font-weight:bold}",
            ".v{white-space:nowrap}.ci{color:#555;font-size:.85em;white-space:nowrap}.n{color:#666;font-size:.85em}",
            "td.heat{min-width:4.5em}td.grey{background:repeating-linear-gradient(45deg,#eee,#eee 4px,#f8f8f8 4px,",
            "#f8f8f8 8px)!important;color:#888}",
            "figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}",
            "figcaption{font-size:.9em;color:#444;max-width:60em}",
            "details{margin:.6em 0}summary{cursor:pointer;font-weight:bold}",
            "pre{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word;background:#f7f7f7;",
            "padding:.6em;max-width:100%;box-sizing:border-box;font-size:.85em}",
            ".card{border:1px solid #ddd;padding:.2em 1em;margin:.8em 0;border-radius:4px}",
            ".card code{overflow-wrap:anywhere}.note{color:#555;font-size:.9em}",
            ".alert{background:#fdecea;border:1px solid #f5c2c0;padding:.5em 1em;color:#611a15}",
            ".figs{display:flex;flex-wrap:wrap;gap:1em}.figs figure{flex:1 1 32em}",
            "td.up{background:#e5f5e0}td.down{background:#fde0dd}",
            ".gallery{display:flex;flex-wrap:wrap;gap:.6em}.gallery figure.sample{margin:0;width:140px;font-size:.8em}",
            ".gallery figure.sample img{border:1px solid #ddd}.sid{color:#777;word-break:break-all}.prompt{color:#444}");

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static void open(StringBuilder b, String title) {
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    static void close(StringBuilder b) {
        b.append("\n</body></html>\n");
    }

    static void figures(StringBuilder b, Collection<Figure> figs) {
        List<Figure> present = figs.stream().filter(java.util.Objects::nonNull).toList();
        if (present.isEmpty()) {
            return;
        }
        b.append("<div class=\"figs\">");
        for (Figure f : present) {
            b.append("<figure><img src=\"").append(f.dataUrl()).append("\" alt=\"").append(esc(f.title()))
                    .append("\"><figcaption><b>").append(esc(f.title())).append(".</b> ").append(esc(f.caption()))
                    .append("</figcaption></figure>");
        }
        b.append("</div>\n");
    }

    /** A collapsed block with a JSON value, wrapped so that long hashes and paths never overflow the page. */
    static void provenance(StringBuilder b, String summary, JsonNode provenance) {
        b.append("<details><summary>").append(esc(summary)).append("</summary><pre>");
        try {
            b.append(esc(provenance == null ? "(none)" : PRETTY.writeValueAsString(provenance)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            b.append(esc(provenance.toString()));
        }
        b.append("</pre></details>\n");
    }

    /** The header of a metric column: its name linked to its card, and its direction arrow. */
    static String metricHeader(String key, String direction) {
        String card = MetricInfo.card(key);
        String name = esc(MetricInfo.displayName(key));
        String arrow = Format.arrow(direction);
        String title = "lower".equals(direction) ? "lower is better" : "higher".equals(direction) ? "higher is better"
                : "no better direction";
        String link = card != null && MetricCards.exists(card)
                ? "<a href=\"#card-" + esc(MetricCards.anchor(card)) + "\" title=\"definition\">" + name + "</a>"
                : name;
        return link + (arrow.isEmpty() ? "" : " <span title=\"" + title + "\">" + arrow + "</span>");
    }
}
