package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help as users read it: every command's usage, rendered, has no doubled word ("option option"). */
class HelpWordingTest {
    /**
     * A word, whitespace (line breaks and the help's indentation included), the same word again; not a table's
     * columns (a command's name, spaces, its description "Restore ..."), nor the end of a hyphenated name
     * ("k8s-backup backup").
     */
    private static final Pattern DOUBLED = Pattern.compile("(?i)(?<![\\w-])([a-z]+)( |\\s*\\n\\s*)\\1\\b");

    static List<String> doubledWords(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = DOUBLED.matcher(text);
        while (m.find()) {
            String first = m.group(1);
            boolean paramLabel = first.length() > 1 && first.equals(first.toUpperCase(java.util.Locale.ROOT))
                    && !m.group().endsWith(first); // "--key-file=FILE" and the description "file holding ..."
            if (!paramLabel) {
                found.add(m.group());
            }
        }
        return found;
    }

    @Test
    void theCheckFindsADoubledWordAcrossALineBreak() {
        assertThat(doubledWords("needs an option\n      option to run")).containsExactly("option\n      option");
        assertThat(doubledWords("the key, key file")).as("punctuation separates").isEmpty();
        assertThat(doubledWords("tar target")).isEmpty();
        assertThat(doubledWords("The the")).hasSize(1);
        assertThat(doubledWords("Usage: k8s-backup backup [-hqvV]")).isEmpty();
        assertThat(doubledWords("--key-file=FILE\n          file holding the key")).isEmpty();
        assertThat(doubledWords("  restore          Restore a backup")).as("a command and its description").isEmpty();
    }

    @Test
    void noCommandsHelpDoublesAWord() {
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        assertThat(all.size()).isGreaterThan(10);
        for (CommandLine cl : all) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(doubledWords(help)).as(cl.getCommandSpec().qualifiedName() + " help:\n" + help).isEmpty();
        }
    }
}
