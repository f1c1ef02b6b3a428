package org.cxrbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * The metric cards of {@code metrics/*.md}, packaged in the jar, rendered into the report by a CommonMark library
 * (commonmark-java with GitHub tables) so each metric's definition is one click away from its column, offline.
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

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    /**
     * CommonMark with GitHub tables; a card's headings sit two levels below the report's sections ({@code #} is h3),
     * its tables scroll sideways and wrap their text, a soft line break is a space, and HTML in a card is text
     * ({@code <positive labels>} stays visible).
     */
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder() // a renderer added first wins: ours, then the tables'
            .nodeRendererFactory(CardHeading::new).nodeRendererFactory(ScrollingTable::new).extensions(EXTENSIONS)
            .attributeProviderFactory(context -> MetricCards::cellAttributes).softbreak(" ").escapeHtml(true).build();

    static String toHtml(String md) {
        Node doc = PARSER.parse(md);
        doc.accept(TIGHT_LISTS);
        return RENDERER.render(doc);
    }

    /** Every list tight (no paragraph inside an item), as the cards are written: one blank line apart, read as one list. */
    private static final AbstractVisitor TIGHT_LISTS = new AbstractVisitor() {
        @Override
        public void visit(BulletList list) {
            list.setTight(true);
            visitChildren(list);
        }

        @Override
        public void visit(OrderedList list) {
            list.setTight(true);
            visitChildren(list);
        }
    };

    private static void cellAttributes(Node node, String tag, Map<String, String> attributes) {
        if (tag.equals("th")) {
            attributes.put("class", "name");
        } else if (tag.equals("td")) {
            attributes.put("class", "name");
            attributes.put("style", "white-space:normal");
        }
    }

    /** {@code #} to {@code ######} as h3 to h6 (h6 at most). */
    private record CardHeading(HtmlNodeRendererContext context) implements NodeRenderer {
        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Heading.class);
        }

        @Override
        public void render(Node node) {
            block(context, node, null, "h" + Math.min(6, ((Heading) node).getLevel() + 2));
        }
    }

    /** A table inside {@code <div class="scroll">}, so a wide one scrolls instead of widening the page. */
    private record ScrollingTable(HtmlNodeRendererContext context) implements NodeRenderer {
        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(TableBlock.class);
        }

        @Override
        public void render(Node node) {
            block(context, node, "scroll", "table");
        }
    }

    /** A block element {@code tag} holding the node's children, inside {@code <div class="wrapper">} when one is named. */
    private static void block(HtmlNodeRendererContext context, Node node, String wrapper, String tag) {
        HtmlWriter html = context.getWriter();
        html.line();
        if (wrapper != null) {
            html.tag("div", Map.of("class", wrapper));
        }
        html.tag(tag, context.extendAttributes(node, tag, Map.of()));
        renderChildren(context, node);
        html.tag("/" + tag);
        if (wrapper != null) {
            html.tag("/div");
        }
        html.line();
    }

    private static void renderChildren(HtmlNodeRendererContext context, Node parent) {
        for (Node child = parent.getFirstChild(); child != null; ) {
            Node next = child.getNext();
            context.render(child);
            child = next;
        }
    }
}
