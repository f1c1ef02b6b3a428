package org.cxrbench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.ArgSpec;

/**
 * Help that wraps option and parameter descriptions at spaces only. picocli wraps with the JDK's line
 * {@link java.text.BreakIterator}, which also breaks after ':' and '/', so a URL could be split over two lines
 * ({@code http:} / {@code //localhost:8000/v1}) and a path or {@code M.csv#split} likewise. Here each description
 * line is cut at spaces to the description column's width before picocli sees it (continuation lines indented as
 * picocli indents them), so picocli never needs to break one; a single word wider than the column is left to
 * picocli.
 */
final class HelpLayout {
    private HelpLayout() {}

    /** Sections rendered as lines of free text (the synopsis, header, description, footer). */
    private static final List<String> TEXT_SECTIONS = List.of(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER);

    /** No help line is this wide: a section rendered at it is not wrapped by picocli at all. */
    private static final int UNWRAPPED = 100_000;

    /**
     * Gives {@code cl} and all its subcommands help that wraps at spaces only: the option and parameter lists through
     * {@link #FACTORY}, the free-text sections by rendering them unwrapped and wrapping the lines here.
     */
    static void install(CommandLine cl) {
        cl.setHelpFactory(FACTORY);
        installSections(cl);
    }

    private static void installSections(CommandLine cl) {
        java.util.Map<String, CommandLine.IHelpSectionRenderer> map = new java.util.LinkedHashMap<>(cl.getHelpSectionMap());
        for (String key : TEXT_SECTIONS) {
            CommandLine.IHelpSectionRenderer base = map.get(key);
            if (base != null) {
                map.put(key, help -> atSpaces(help, base, key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)));
            }
        }
        cl.setHelpSectionMap(map);
        cl.getSubcommands().values().forEach(HelpLayout::installSections);
    }

    /** A text section rendered by picocli without wrapping, then wrapped at spaces to the help's width. */
    private static String atSpaces(Help help, CommandLine.IHelpSectionRenderer base, boolean synopsis) {
        CommandLine.Model.UsageMessageSpec u = help.commandSpec().usageMessage();
        int width = u.width();
        String text;
        u.width(UNWRAPPED);
        try {
            text = base.render(help);
        } finally {
            u.width(width);
        }
        StringBuilder out = new StringBuilder();
        String[] lines = synopsis ? text.split("\n", -1) : paragraphs(text.split("\n", -1), width);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lead = line.length() - line.stripLeading().length();
            int indent = lead;
            // the synopsis's first line follows its heading ("Usage: ") on the same line
            int heading = synopsis && i == 0 ? help.synopsisHeadingLength() : 0;
            if (synopsis && !line.isBlank()) {
                // continuation lines start under the first option, as picocli aligns them (at most half the width)
                String name = help.commandSpec().qualifiedName();
                int at = line.indexOf(name);
                int afterName = at < 0 ? -1 : help.synopsisHeadingLength() + at + name.length() + 1;
                indent = afterName > 0 && afterName <= width / 2 ? afterName : lead + 8;
            }
            List<String> wrapped = cut(line.substring(lead), width - heading - lead, width - indent);
            for (int k = 0; k < wrapped.size(); k++) {
                out.append(" ".repeat(k == 0 ? lead : indent)).append(wrapped.get(k));
                if (k < wrapped.size() - 1) {
                    out.append('\n');
                }
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Source lines joined into the paragraphs they were written as: a line wider than the help that does not end a
     * sentence or clause ({@code . : ; ! ?}) continues on the next line of the same indentation, so that the wrap
     * at spaces fills each output line instead of leaving a short fragment at the end of every source line.
     */
    static String[] paragraphs(String[] lines, int width) {
        List<String> out = new ArrayList<>();
        String open = null;
        for (String line : lines) {
            int lead = line.length() - line.stripLeading().length();
            if (open != null && !line.isBlank() && lead == open.length() - open.stripLeading().length()) {
                open = open + " " + line.strip();
            } else {
                if (open != null) {
                    out.add(open);
                }
                open = line;
            }
            String tail = line.stripTrailing();
            boolean continues = !tail.isBlank() && tail.length() > width && !tail.matches(".*[.:;!?]$");
            if (!continues) {
                out.add(open);
                open = null;
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out.toArray(new String[0]);
    }

    /** The help factory every command of the command line uses. */
    static final CommandLine.IHelpFactory FACTORY = (spec, scheme) -> new Help(spec, scheme) {
        @Override
        public Layout createDefaultLayout() {
            return atSpaces(super.createDefaultLayout());
        }

        @Override
        public Layout createDefaultLayout(List<CommandLine.Model.OptionSpec> options,
                                          List<CommandLine.Model.PositionalParamSpec> positionals,
                                          ColorScheme colorScheme) {
            return atSpaces(super.createDefaultLayout(options, positionals, colorScheme));
        }
    };

    private static final class AtSpaces extends Help.Layout {
        AtSpaces(Help.Layout base) {
            super(base.colorScheme(), base.textTable(), base.optionRenderer(), base.parameterRenderer());
        }

        @Override
        public void layout(ArgSpec arg, Text[][] rows) {
            super.layout(arg, wrapped(rows, textTable(), colorScheme()));
        }
    }

    static Help.Layout atSpaces(Help.Layout base) {
        return base instanceof AtSpaces ? base : new AtSpaces(base);
    }

    /** The rows with each last-column text cut at spaces to fit its column. */
    static Text[][] wrapped(Text[][] rows, Help.TextTable table, Help.ColorScheme scheme) {
        Help.Column[] cols = table.columns();
        int last = cols.length - 1;
        Help.Column c = cols[last];
        if (c.overflow != Help.Column.Overflow.WRAP) {
            return rows;
        }
        int first = c.width - c.indent;
        int indent = table.indentWrappedLines;
        List<Text[]> out = new ArrayList<>();
        for (Text[] row : rows) {
            String s = row.length <= last || row[last] == null ? "" : row[last].plainString();
            List<String> lines = cut(s, first, first - indent);
            if (lines.size() <= 1) {
                out.add(row);
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                Text[] r = new Text[row.length];
                for (int k = 0; k < row.length; k++) {
                    r[k] = i == 0 ? row[k] : scheme.text("");
                }
                r[last] = scheme.text(i == 0 ? lines.get(i) : " ".repeat(indent) + lines.get(i));
                out.add(r);
            }
        }
        return out.toArray(new Text[0][]);
    }

    /** Greedy word wrap at single spaces: the first line at most {@code first} wide, the others {@code rest}. */
    static List<String> cut(String s, int first, int rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int width = first;
        boolean started = false;
        for (String word : s.split(" ", -1)) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
                width = rest;
            } else if (started) {
                line.append(' ');
            }
            line.append(word);
            started = true;
        }
        lines.add(line.toString());
        return lines;
    }
}
