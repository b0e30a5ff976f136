package io.jenkins.plugins.k8sbackup.selection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector evaluated on stored objects (the backup is not a server to ask):
 * {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}.
 */
public final class LabelSelector implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern SET = Pattern.compile("\\s*([^\\s!=,()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*");
    private static final Pattern EQ = Pattern.compile("\\s*([^\\s!=,()]+)\\s*(==|=|!=)\\s*([^\\s!=,()]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=,()]+)\\s*");

    private record Requirement(String key, String op, Set<String> values) implements java.io.Serializable {
        boolean matches(JsonNode labels) {
            JsonNode v = labels.get(key);
            String value = v == null || v.isNull() ? null : v.asText();
            return switch (op) {
                case "exists" -> value != null;
                case "!exists" -> value == null;
                case "in" -> value != null && values.contains(value);
                case "notin", "!=" -> value == null || !values.contains(value);
                default -> value != null && values.contains(value);
            };
        }
    }

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = List.copyOf(requirements);
    }

    /** The selector as written (stripped), as the API server's list calls take it. */
    public String text() {
        return text;
    }

    /** Null for a blank selector (matches everything). */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        List<Requirement> out = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            Matcher m;
            if ((m = SET.matcher(part)).matches()) {
                Set<String> values = Set.of(m.group(3).trim().isEmpty() ? new String[0] : m.group(3).trim().split("\\s*,\\s*"));
                out.add(new Requirement(m.group(1), m.group(2), values));
            } else if ((m = EQ.matcher(part)).matches()) {
                out.add(new Requirement(m.group(1), m.group(2).equals("!=") ? "!=" : "=", Set.of(m.group(3))));
            } else if ((m = EXISTS.matcher(part)).matches()) {
                out.add(new Requirement(m.group(2), m.group(1).isEmpty() ? "exists" : "!exists", Set.of()));
            } else {
                throw new IllegalArgumentException("invalid label selector '" + selector + "' at '" + part.trim() + "'");
            }
        }
        return new LabelSelector(selector.strip(), out);
    }

    public boolean matches(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    /** Splits on commas outside parentheses. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
