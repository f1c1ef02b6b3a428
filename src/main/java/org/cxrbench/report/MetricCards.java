package org.cxrbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric cards of {@code metrics/*.md}, packaged in the jar, rendered into the report (a small Markdown
 * subset: headings, bullet lists, tables, paragraphs, inline code, bold, links) so each metric's definition is one
 * click away from its column, offline.
 */
final class MetricCards {
    private MetricCards() {}

    private static final String ROOT = "/org/cxrbench/report/cards/";

    static boolean exists(String card) {
        return MetricCards.class.getResource(ROOT + card) != null;
    }

    static String anchor(String card) {
        return card.replace(".md", "");
    }

    static String markdown(String card) {
        try (InputStream in = MetricCards.class.getResourceAsStream(ROOT + card)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cards named, each in a bordered block with an id the column headers link to. */
    static void section(StringBuilder b, Iterable<String> cards) {
        for (String card : cards) {
            String md = markdown(card);
            if (md == null) {
                continue;
            }
            b.append("<div class=\"card\" id=\"card-").append(Html.esc(anchor(card))).append("\">")
                    .append(toHtml(md)).append("<p class=\"note\">Source: metrics/").append(Html.esc(card))
                    .append("</p></div>\n");
        }
    }

    static String toHtml(String md) {
        StringBuilder b = new StringBuilder();
        List<String> para = new ArrayList<>();
        List<String> items = new ArrayList<>();
        List<String> table = new ArrayList<>();
        for (String line : md.split("\n", -1)) {
            String t = line.strip();
            boolean continuation = !t.isEmpty() && line.startsWith("  ") && !items.isEmpty() && !t.startsWith("- ");
            if (continuation) {
                items.set(items.size() - 1, items.get(items.size() - 1) + " " + t);
                continue;
            }
            if (!t.startsWith("|")) {
                flushTable(b, table);
            }
            if (!t.startsWith("- ")) {
                flushList(b, items);
            }
            if (t.isEmpty()) {
                flushPara(b, para);
            } else if (t.startsWith("#")) {
                flushPara(b, para);
                int level = Math.min(6, (int) t.chars().takeWhile(c -> c == '#').count() + 2);
                b.append("<h").append(level).append(">").append(inline(t.replaceFirst("^#+\\s*", "")))
                        .append("</h").append(level).append(">");
            } else if (t.startsWith("- ")) {
                flushPara(b, para);
                items.add(t.substring(2));
            } else if (t.startsWith("|")) {
                flushPara(b, para);
                table.add(t);
            } else {
                para.add(t);
            }
        }
        flushTable(b, table);
        flushList(b, items);
        flushPara(b, para);
        return b.toString();
    }

    private static void flushPara(StringBuilder b, List<String> para) {
        if (!para.isEmpty()) {
            b.append("<p>").append(inline(String.join(" ", para))).append("</p>");
            para.clear();
        }
    }

    private static void flushList(StringBuilder b, List<String> items) {
        if (!items.isEmpty()) {
            b.append("<ul>");
            items.forEach(i -> b.append("<li>").append(inline(i)).append("</li>"));
            b.append("</ul>");
            items.clear();
        }
    }

    private static void flushTable(StringBuilder b, List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("<div class=\"scroll\"><table>");
        boolean header = true;
        for (String r : rows) {
            if (r.matches("\\|[\\s:|-]+\\|?")) {
                continue;
            }
            String[] cells = r.replaceAll("^\\||\\|$", "").split("\\|", -1);
            b.append("<tr>");
            for (String c : cells) {
                b.append(header ? "<th class=\"name\">" : "<td class=\"name\" style=\"white-space:normal\">")
                        .append(inline(c.strip())).append(header ? "</th>" : "</td>");
            }
            b.append("</tr>");
            header = false;
        }
        b.append("</table></div>");
        rows.clear();
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

    static String inline(String s) {
        String e = Html.esc(s);
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(e);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            codes.add(m.group(1));
            m.appendReplacement(out, "\u0000" + (codes.size() - 1) + "\u0000");
        }
        m.appendTail(out);
        String r = BOLD.matcher(out.toString()).replaceAll("<b>$1</b>");
        r = LINK.matcher(r).replaceAll(mr -> mr.group(2).startsWith("http")
                ? "<a href=\"" + Matcher.quoteReplacement(mr.group(2)) + "\">" + Matcher.quoteReplacement(mr.group(1)) + "</a>"
                : Matcher.quoteReplacement(mr.group(1)));
        for (int i = 0; i < codes.size(); i++) {
            r = r.replace("\u0000" + i + "\u0000", "<code>" + codes.get(i) + "</code>");
        }
        return r;
    }
}
