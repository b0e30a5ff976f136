package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises list and map arguments as Groovy passes them (nulls, GStrings, numbers as values), and checks the
 * arguments several steps share, failing with the step's name in front.
 */
final class StepArgs {
    private StepArgs() {}

    static List<String> list(List<?> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (Object v : values) {
                if (v != null && !String.valueOf(v).isBlank()) {
                    out.add(String.valueOf(v).strip());
                }
            }
        }
        return List.copyOf(out);
    }

    static Map<String, String> map(Map<?, ?> values) {
        Map<String, String> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(String.valueOf(k).strip(), String.valueOf(v));
                }
            });
        }
        return out;
    }

    /** Something the engine's parsers build from the step's arguments; their usage error is the step's. */
    static <T> T checked(String stepName, java.util.function.Supplier<T> parse) throws AbortException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + e.getMessage());
        }
    }

    /** A backup name must be one path segment; null (the default name) passes. */
    static void checkName(String stepName, String name) throws AbortException {
        if (name == null) {
            return;
        }
        checked(stepName, () -> BackupCatalog.checkName(name));
    }

    /** A duration such as '60s' or '72h'; {@code what} names the parameter in the message. */
    static Duration duration(String stepName, String what, String value) throws AbortException {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new AbortException(stepName + ": " + what + ": " + e.getMessage());
        }
    }
}
