package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** RFC 7386 JSON merge patches, applied in order: objects merge, null removes a key, anything else replaces. */
final class MergePatches implements RulePatch {
    private final List<JsonNode> patches;

    MergePatches(List<JsonNode> patches) {
        this.patches = List.copyOf(patches);
    }

    @Override
    public ObjectNode apply(String resource, ObjectNode object) {
        JsonNode out = object;
        for (JsonNode patch : patches) {
            out = merge(out, patch);
        }
        if (!(out instanceof ObjectNode o)) {
            throw new TransformException("the merge patch replaces the whole object with a non-object");
        }
        return o;
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        // a shallow copy: the parts the patch does not touch are shared, never changed
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (target != null && target.isObject()) {
            result.setAll((ObjectNode) target);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNull()) {
                result.remove(f.getKey());
            } else {
                result.set(f.getKey(), merge(result.get(f.getKey()), f.getValue()));
            }
        }
        return result;
    }

    @Override
    public String describe() {
        // field names only: a patch may carry values that must not be printed
        return "merge patch of " + FieldPaths.outline(patches);
    }
}
