package io.jenkins.plugins.k8sbackup.transform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Velero resource modifiers document and where it came from (a file name, or "inline" for a step's YAML). */
public record RulesFile(String source, String yaml) implements java.io.Serializable {
    public RulesFile {
        if (yaml == null || yaml.isBlank()) {
            throw new IllegalArgumentException("transforms " + source + " is empty");
        }
    }

    public static RulesFile read(Path file) {
        try {
            return new RulesFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read transforms file " + file + ": " + e.getMessage());
        }
    }

    /** The source only: a document's patches may carry values that must not be printed. */
    @Override
    public String toString() {
        return source;
    }
}
