package io.jenkins.plugins.k8sbackup.hooks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.io.IOException;
import java.util.List;

/** Velero's command annotation: a JSON array of strings, or else one plain string taken as the whole command. */
final class HookCommand {
    private HookCommand() {}

    static List<String> parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the hook command is empty");
        }
        String v = value.trim();
        if (v.startsWith("[")) {
            try {
                List<String> parsed = Json.MAPPER.readValue(v, new TypeReference<List<String>>() {});
                if (parsed.isEmpty() || parsed.stream().anyMatch(java.util.Objects::isNull)) {
                    throw new IllegalArgumentException("the hook command " + v + " is an empty array or holds null");
                }
                return parsed;
            } catch (IOException e) {
                throw new IllegalArgumentException("the hook command " + v + " is not a JSON array of strings", e);
            }
        }
        return List.of(v);
    }
}
