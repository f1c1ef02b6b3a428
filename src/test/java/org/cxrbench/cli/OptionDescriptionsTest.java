package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 23: every visible option of every command (walked through picocli's model) has a description. */
class OptionDescriptionsTest {
    static void walk(CommandLine cl, String path, List<String> missing) {
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            if (!o.hidden() && String.join("", o.description()).isBlank()) {
                missing.add(path + cl.getCommandName() + " " + o.longestName());
            }
        }
        cl.getSubcommands().values().forEach(s -> walk(s, path + cl.getCommandName() + " ", missing));
    }

    @Test
    void noOptionLacksADescription() {
        List<String> missing = new ArrayList<>();
        walk(Main.commandLine(), "", missing);
        assertThat(missing).isEmpty();
    }
}
