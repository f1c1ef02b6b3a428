package org.cxrbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 23: every visible option of every command (walked through picocli's model) has a description, and one that
 * says what the option is: "Default: 0." alone (what --seed, --alpha, demo's --out and --encoder had) is no
 * description.
 */
class OptionDescriptionsTest {
    static void walk(CommandLine cl, String path, List<String> missing) {
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            String text = String.join(" ", o.description()).replaceAll("Default: .*?\\.(?=\\s|$)", "");
            if (!o.hidden() && text.isBlank()) {
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
