package io.jenkins.plugins.k8sbackup.desired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * One difference, JSON-patch style: {@code op} is add (only live has it), remove (only the backup has it) or
 * replace; {@code from} is the backup's value and {@code to} the live one. Values of Secrets are masked.
 */
public record FieldChange(String op, String path, JsonNode from, JsonNode to) {
    public static final TextNode MASK = TextNode.valueOf("(secret value hidden)");
    private static final int MAX_TEXT = 200;
    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE,
            DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    /** The differences from {@code from} to {@code to}, long values shortened, a Secret's values masked. */
    public static List<FieldChange> between(String resource, JsonNode from, JsonNode to) {
        List<FieldChange> out = new ArrayList<>();
        for (JsonNode op : JsonDiff.asJson(from, to, FLAGS)) {
            String kind = op.path("op").asText();
            String path = op.path("path").asText();
            JsonNode old = switch (kind) {
                case "remove" -> op.get("value");
                case "replace" -> op.get("fromValue");
                default -> null;
            };
            JsonNode now = kind.equals("remove") ? null : op.get("value");
            FieldChange change = new FieldChange(kind, path, old, now).truncated();
            out.add(resource.equals(WellKnownTypes.SECRETS) ? change.masked() : change);
        }
        return out;
    }

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
