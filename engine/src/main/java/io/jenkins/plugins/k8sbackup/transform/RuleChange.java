package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.desired.FieldChange;

/** One field a rule changed: op (add, remove, replace), JSON pointer, old and new value (a Secret's are masked). */
public record RuleChange(String rule, String op, String path, JsonNode from, JsonNode to) {
    static RuleChange of(String rule, FieldChange c) {
        return new RuleChange(rule, c.op(), c.path(), c.from(), c.to());
    }

    @Override
    public String toString() {
        return path + " " + (from == null ? "unset" : text(from)) + " -> " + (to == null ? "unset" : text(to)) + " (" + rule + ")";
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }
}
