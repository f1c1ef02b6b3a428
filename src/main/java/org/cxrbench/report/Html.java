package org.cxrbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Collection;
import java.util.List;

/**
 * Building blocks of the self-contained HTML reports: escaping, the page frame and its style, figures, provenance and
 * metric headers; their markup is in {@code templates/} (frame-open, figures, provenance, metric-header).
 */
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

    /** The page frame's opening: the head with its style, then the title as a heading (templates/frame-open). */
    static void open(StringBuilder b, String title) {
        b.append(Templates.render("frame-open", new Frame(title, STYLE)));
    }

    record Frame(String title, String style) {}

    /** Figures side by side (templates/figures); nothing when none is present. */
    static void figures(StringBuilder b, Collection<Figure> figs) {
        List<Figure> present = figs.stream().filter(java.util.Objects::nonNull).toList();
        if (!present.isEmpty()) {
            b.append(Templates.render("figures", new Figures(present)));
        }
    }

    record Figures(List<Figure> figures) {}

    /** A collapsed block with a JSON value, wrapped so that long hashes and paths never overflow the page. */
    static void provenance(StringBuilder b, String summary, JsonNode provenance) {
        String json;
        try {
            json = provenance == null ? "(none)" : PRETTY.writeValueAsString(provenance);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = provenance.toString();
        }
        b.append(Templates.render("provenance", new Provenance(summary, json)));
    }

    record Provenance(String summary, String json) {}

    /** The header of a metric column: its name linked to its card, and its direction arrow. */
    static String metricHeader(String key, String direction) {
        String card = MetricInfo.card(key);
        String title = "lower".equals(direction) ? "lower is better" : "higher".equals(direction) ? "higher is better"
                : "no better direction";
        return Templates.render("metric-header", new Header(card != null && MetricCards.exists(card)
                ? MetricCards.anchor(card) : null, MetricInfo.displayName(key), Format.arrow(direction), title));
    }

    /** A metric column's header: {@code anchor} of its card or null, and its arrow ("" without a direction). */
    record Header(String anchor, String name, String arrow, String direction) {}
}
