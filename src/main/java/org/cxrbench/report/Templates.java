package org.cxrbench.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The HTML reports' markup as Mustache templates (mustache.java), packaged under {@code org/cxrbench/report/templates}:
 * a renderer builds a small model (records of display text) and the template says where each piece goes. Values are
 * escaped as {@link Html#esc} does ({@code & < > "}); {@code {{{triple}}}} inserts HTML made by another renderer.
 * Lines that hold only a section tag, a partial or a comment print nothing (Mustache's standalone rule), so a template
 * line is an output line; a template (or partial) whose output ends without a line break has none at the end of its
 * file, and a first-line comment shares its line with the first output.
 */
final class Templates {
    private Templates() {}

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("org/cxrbench/report/templates") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(Html.esc(value));
            } catch (IOException e) {
                throw new MustacheException("writing a template value", e);
            }
        }
    };

    /** {@code name}.mustache rendered with {@code model}. */
    static String render(String name, Object model) {
        StringWriter out = new StringWriter();
        try {
            FACTORY.compile(name + ".mustache").execute(out, model).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
