package io.jenkins.plugins.k8sbackup.cli.jenkins;

import io.jenkins.plugins.k8sbackup.cli.OutputOptions;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;

/** Shared plumbing of the jenkins-backup and jenkins-restore commands. */
final class JenkinsCliSupport {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    private JenkinsCliSupport() {}

    static EncryptionKey key(Path file) throws IOException {
        return file == null ? null : EncryptionKey.fromFile(file);
    }

    /** "500000", "512k", "200MiB", "2g" (binary units) -> bytes. */
    static Long parseSize(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; use e.g. 500m, 2g or 2GiB");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** The result as -o asks: the text lines for people, else the whole document as JSON or YAML. */
    static void print(CommandSpec spec, OutputOptions output, Object result, List<String> text) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!output.printStructured(out, result)) {
            text.forEach(out::println);
            out.flush();
        }
    }
}
