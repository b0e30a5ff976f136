package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A difference the restore makes on purpose, so it never fails a comparison but is shown: the field (JSON
 * pointer), the backup's value, the live one (null when unset), and why they differ. Secret values are masked.
 */
public record PolicyNote(String path, JsonNode from, JsonNode to, String reason) {

    /** The field as a user writes it: {@code spec.ports[0].nodePort}. */
    public String field() {
        StringBuilder out = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return field() + " " + text(from) + " -> " + (to == null ? "unset" : text(to)) + ": " + reason;
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }
}
