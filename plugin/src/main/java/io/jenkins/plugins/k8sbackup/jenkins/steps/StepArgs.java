package io.jenkins.plugins.k8sbackup.jenkins.steps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises list and map arguments as Groovy passes them (nulls, GStrings, numbers as values). */
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
}
