package io.jenkins.plugins.k8sbackup.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A yes/no question on the terminal before something that cannot be undone. Without a terminal (CI, a pipe) nothing
 * is asked and the answer is no: scripts say --yes, so a forgotten flag never deletes by accident.
 */
final class Confirmation {
    private Confirmation() {}

    static boolean ask(CommandSpec spec, String question) throws IOException {
        if (System.console() == null && System.getProperty("k8sbackup.assumeTerminal") == null) {
            throw new IllegalArgumentException(question.replaceAll("\\?$", "") + ": give --yes to confirm (no terminal to ask on)");
        }
        spec.commandLine().getErr().print(question + " [y/N] ");
        spec.commandLine().getErr().flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
