package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** Paths of field names with '*' for every element of a list, e.g. "spec/rules/* /host", and what built-ins do with them. */
final class FieldPaths {
    private FieldPaths() {}

    /**
     * Replaces each value at {@code path} in {@code node} by {@code change}'s result: the same value leaves it, null
     * removes the field. Missing fields are left alone.
     */
    static void edit(JsonNode node, String path, UnaryOperator<JsonNode> change) {
        edit(node, path.split("/"), 0, change);
    }

    private static void edit(JsonNode node, String[] parts, int i, UnaryOperator<JsonNode> change) {
        String part = parts[i];
        boolean last = i == parts.length - 1;
        if (part.equals("*")) {
            if (node instanceof ArrayNode list) {
                for (int k = list.size() - 1; k >= 0; k--) {
                    if (last) {
                        JsonNode now = change.apply(list.get(k));
                        if (now == null) {
                            list.remove(k);
                        } else {
                            list.set(k, now);
                        }
                    } else {
                        edit(list.get(k), parts, i + 1, change);
                    }
                }
            }
            return;
        }
        if (!(node instanceof ObjectNode obj) || !obj.has(part)) {
            return;
        }
        if (!last) {
            edit(obj.get(part), parts, i + 1, change);
            return;
        }
        JsonNode now = change.apply(obj.get(part));
        if (now == null) {
            obj.remove(part);
        } else {
            obj.set(part, now);
        }
    }

    /** The top-level field names of the patches, as "a, b": what a patch touches, never its values. */
    static String outline(List<JsonNode> patches) {
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode p : patches) {
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return String.join(", ", new ArrayList<>(names));
    }
}
