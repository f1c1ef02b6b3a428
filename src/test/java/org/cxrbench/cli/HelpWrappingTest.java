package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 23: help lines broke inside URLs ({@code http:} / {@code //localhost:8000/v1}) and words ({@code M.} /
 * {@code csv#split}, {@code .} / {@code /cxrbench}). For every command, each word of its help at the normal width
 * (80 columns) must be a whole word of the same help rendered so wide that nothing wraps: a word split over two
 * lines would leave fragments that are not.
 */
class HelpWrappingTest {
    static String help(CommandLine cl, int width) {
        cl.getCommandSpec().usageMessage().width(width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cl.usage(new PrintStream(out, true, StandardCharsets.UTF_8), CommandLine.Help.Ansi.OFF);
        return out.toString(StandardCharsets.UTF_8);
    }

    static Set<String> words(String text) {
        Set<String> w = new HashSet<>();
        for (String t : text.split("\\s+")) {
            if (!t.isEmpty()) {
                w.add(t);
            }
        }
        return w;
    }

    @Test
    void noHelpLineSplitsAUrlOrAWord() {
        List<String> broken = new ArrayList<>();
        int commands = 0;
        java.util.Map<String, CommandLine> normals = new java.util.HashMap<>();
        HelpTextTest.all(Main.commandLine()).forEach(c -> normals.put(HelpTextTest.path(c), c));
        for (CommandLine wide : HelpTextTest.all(Main.commandLine())) {
            String name = HelpTextTest.path(wide);
            Set<String> whole = words(help(wide, 2000));
            CommandLine normal = normals.get(name);
            String text = help(normal, 80);
            commands++;
            for (String line : text.split("\n")) {
                assertThat(line.length()).as(name + ": " + line).isLessThanOrEqualTo(80);
                for (String w : words(line)) {
                    if (!whole.contains(w)) {
                        broken.add(name + ": '" + w + "' in: " + line.strip());
                    }
                }
            }
        }
        assertThat(commands).isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    /**
     * A description written as lines wider than the help (as most are) was cut line by line, leaving short fragments
     * ("(High / Medium /" then "Low Quality," alone on a line). Within a paragraph, a line ends early only where the
     * next line's first word would not have fit, or at the end of a sentence or clause ({@code . : ; ! ?}).
     */
    @Test
    void descriptionsWrapAsParagraphsWithoutShortFragments() {
        List<String> ragged = new ArrayList<>();
        for (CommandLine cl : HelpTextTest.all(Main.commandLine())) {
            cl.getCommandSpec().usageMessage().width(80);
            String text = cl.getHelpSectionMap().get(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION)
                    .render(cl.getHelp());
            String[] lines = text.split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                String a = lines[i].stripTrailing();
                String b = lines[i + 1];
                boolean sameParagraph = !a.isBlank() && !b.isBlank()
                        && indent(a) == indent(b) && !a.matches(".*[.:;!?]$");
                String next = b.strip().split(" ")[0];
                if (sameParagraph && a.length() + 1 + next.length() <= 80) {
                    ragged.add(HelpTextTest.path(cl) + ": '" + a.strip() + "' / '" + next + "'");
                }
            }
        }
        assertThat(ragged).isEmpty();
    }

    static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    @Test
    void theVlmEndpointUrlStaysOnOneLine() {
        String text = help(find(Main.commandLine(), "cxrbench filter"), 80);
        assertThat(text).contains("http://localhost:8000/v1");
    }

    static CommandLine find(CommandLine root, String qualifiedName) {
        return HelpTextTest.all(root).stream().filter(c -> HelpTextTest.path(c).equals(qualifiedName)).findFirst()
                .orElseThrow();
    }
}
