package org.cxrbench.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * The HTML reports' markup as Mustache templates (mustache.java), packaged under {@code org/cxrbench/report/templates}:
 * a renderer builds a small model (records of display text) and the template says where each piece goes. Values are
 * escaped as {@link Html#esc} does ({@code & < > "}); {@code {{{triple}}}} inserts HTML made by another renderer.
 * Lines that hold only a section tag, a partial or a comment print nothing (Mustache's standalone rule), so a template
 * line is an output line; a template (or partial) whose output ends without a line break has none at the end of its
 * file, and a first-line comment shares its line with the first output. Markdown ({@code .md.mustache}) and LaTeX
 * ({@code .tex.mustache}, delimiters set to {@code << >>} as braces are LaTeX's) templates escape for their format.
 */
final class Templates {
    private Templates() {}

    private static final MustacheFactory HTML = factory(Html::esc);
    private static final MustacheFactory MARKDOWN = factory(Templates::markdownCell);
    private static final MustacheFactory LATEX = factory(LatexTable::esc);

    private static MustacheFactory factory(UnaryOperator<String> escape) {
        return new DefaultMustacheFactory("org/cxrbench/report/templates") {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(escape.apply(value));
                } catch (IOException e) {
                    throw new MustacheException("writing a template value", e);
                }
            }
        };
    }

    /** {@code name}.mustache rendered with {@code model}, values escaped for HTML. */
    static String render(String name, Object model) {
        return render(HTML, name + ".mustache", model);
    }

    /** {@code name}.md.mustache, values escaped for a Markdown table cell ("|" escaped, line breaks as spaces). */
    static String markdown(String name, Object model) {
        return render(MARKDOWN, name + ".md.mustache", model);
    }

    /** {@code name}.tex.mustache, values escaped for LaTeX text ({@link LatexTable#esc}). */
    static String latex(String name, Object model) {
        return render(LATEX, name + ".tex.mustache", model);
    }

    static String markdownCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String render(MustacheFactory factory, String file, Object model) {
        StringWriter out = new StringWriter();
        try {
            factory.compile(file).execute(out, model).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
