package io.jenkins.plugins.k8sbackup.cli;

import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}, the same on every command that prints a result: text for people, documents for scripts. */
public final class OutputOptions {
    public enum Format { table, text, json, yaml }

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table (text for people), json or yaml (default: ${DEFAULT-VALUE})")
    Format format = Format.table;

    /** True when the result goes out as JSON or YAML, and the caller's text rendering is skipped. */
    public boolean structured() {
        return format == Format.json || format == Format.yaml;
    }

    /** Prints {@code result} as JSON or YAML; returns false (printing nothing) for table/text output. */
    public boolean printStructured(PrintWriter out, Object result) throws IOException {
        switch (format) {
            case json -> out.println(Json.PRETTY.writeValueAsString(result));
            case yaml -> out.print(Json.YAML.writeValueAsString(result));
            default -> {
                return false;
            }
        }
        out.flush();
        return true;
    }

    @Override
    public String toString() {
        return format.name().toLowerCase(Locale.ROOT);
    }
}
