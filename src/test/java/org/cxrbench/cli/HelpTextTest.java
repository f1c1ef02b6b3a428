package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's and subcommand's --help renders without a picocli warning (an unescaped % in a description made
 * picocli print "[picocli WARN] Could not format ..." three times), each command's one-line summary in its
 * parent's list is a whole sentence, and only the commands that encode images offer --no-cache (issue 11, item 8).
 */
class HelpTextTest {
    static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub)) {
                all(sub).stream().filter(c -> !out.contains(c)).forEach(out::add);
            }
        }
        return out;
    }

    static String path(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }

    @Test
    void everyHelpRendersWithoutAPicocliWarning() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> rendered = new ArrayList<>();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (CommandLine cl : all(Main.commandLine())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                cl.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
                rendered.add(path(cl));
                assertThat(out.toString(StandardCharsets.UTF_8)).as(path(cl)).contains("Usage:")
                        .doesNotContain("picocli WARN");
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(rendered).contains("cxrbench fidelity", "cxrbench privacy", "cxrbench encoder train",
                "cxrbench cache gc", "cxrbench phantom gallery");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("stderr while rendering help").isEmpty();
    }

    @Test
    void eachCommandSummaryIsAWholeSentence() {
        for (CommandLine cl : all(Main.commandLine())) {
            if (cl.getParent() == null || cl.getCommandName().equals("help")) {
                continue;
            }
            CommandLine.Model.UsageMessageSpec u = cl.getCommandSpec().usageMessage();
            String[] first = u.header().length > 0 ? u.header() : u.description();
            assertThat(first).as(path(cl) + " has a summary").isNotEmpty();
            // picocli's command list shows only the first line: it must not stop mid-sentence
            assertThat(first[0].strip()).as(path(cl) + " summary line").endsWith(".");
        }
    }

    /** Issue 23: demo --help listed only data, encode, fidelity and privacy; it names every stage the demo runs. */
    @Test
    void demoHelpNamesEveryStageOfTheGraph() {
        String help = HelpWrappingTest.help(HelpWrappingTest.find(Main.commandLine(), "cxrbench demo"), 2000);
        for (String stage : new String[] {"data", "filter", "encode", "fidelity", "privacy", "noise floor", "utility",
                "report"}) {
            assertThat(help.split("\n")[0]).as(stage).contains(stage);
        }
    }

    @Test
    void onlyTheCommandsThatEncodeImagesOfferNoCache() {
        Set<String> encoding = Set.of("cxrbench demo", "cxrbench encode", "cxrbench fidelity", "cxrbench privacy",
                "cxrbench filter", "cxrbench utility", "cxrbench run", "cxrbench validate");
        for (CommandLine cl : all(Main.commandLine())) {
            boolean has = cl.getCommandSpec().findOption("--no-cache") != null;
            assertThat(has).as(path(cl) + " --no-cache").isEqualTo(encoding.contains(path(cl)));
        }
        assertThat(Main.commandLine().getSubcommands().get("cache").getSubcommands().get("ls").getCommandSpec()
                .findOption("--cache")).isNotNull();
    }
}
