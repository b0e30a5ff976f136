package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One difference, JSON-patch style: {@code op} is add (only live has it), remove (only the backup has it) or
 * replace; {@code from} is the backup's value and {@code to} the live one. Values of Secrets are masked.
 */
public record FieldChange(String op, String path, JsonNode from, JsonNode to) {
    public static final TextNode MASK = TextNode.valueOf("(secret value hidden)");
    private static final int MAX_TEXT = 200;

    /** Hides values that could hold secret data, keeping the path: everything of a Secret but labels and type. */
    FieldChange masked() {
        if (path.startsWith("/metadata/labels") || path.equals("/type") || path.equals("/immutable")) {
            return this;
        }
        return new FieldChange(op, path, from == null ? null : MASK, to == null ? null : MASK);
    }

    FieldChange truncated() {
        return new FieldChange(op, path, shorten(from), shorten(to));
    }

    private static JsonNode shorten(JsonNode v) {
        if (v == null) {
            return null;
        }
        String text = v.isTextual() ? v.asText() : v.toString();
        return text.length() <= MAX_TEXT ? v : TextNode.valueOf(text.substring(0, MAX_TEXT) + "... (" + text.length() + " chars)");
    }

    @Override
    public String toString() {
        return op + " " + path;
    }
}
