package io.jenkins.plugins.k8sbackup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds an RFC 7386 JSON merge patch that turns {@code from} into {@code to}: changed keys are set, keys
 * only {@code from} has are set to null, arrays are replaced whole. Fields absent from both sides (those the
 * sanitiser removed: status, IPs, owner references) are never touched. zjsonpatch builds RFC 6902 patches,
 * whose array indexes would not survive the sanitiser's filtering of the live object.
 */
public final class MergePatch {
    private MergePatch() {}

    public static ObjectNode between(JsonNode from, JsonNode to) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode old = from.get(f.getKey());
            JsonNode value = f.getValue();
            if (old != null && old.equals(value)) {
                continue;
            }
            if (old != null && old.isObject() && value.isObject()) {
                patch.set(f.getKey(), between(old, value));
            } else {
                patch.set(f.getKey(), value);
            }
        }
        for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!to.has(key)) {
                patch.putNull(key);
            }
        }
        return patch;
    }
}
