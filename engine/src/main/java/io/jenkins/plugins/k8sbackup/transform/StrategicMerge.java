package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes strategic merge patches on built-in kinds, applied in order: maps merge, null removes a key, lists
 * with a patch merge key ({@link PatchMergeKeys}) merge element by element on it (an element with
 * {@code $patch: delete} removes its match), {@code $patch: replace} replaces a map or list whole, other lists are
 * replaced. Refused with an error: custom resources, and the directives {@code $retainKeys},
 * {@code $setElementOrder/...} and {@code $deleteFromPrimitiveList/...}.
 */
final class StrategicMerge implements RulePatch {
    private static final String PATCH = "$patch";
    private final List<JsonNode> patches;

    StrategicMerge(List<JsonNode> patches) {
        this.patches = List.copyOf(patches);
    }

    @Override
    public ObjectNode apply(String resource, ObjectNode object) {
        PatchMergeKeys keys = PatchMergeKeys.of(resource);
        ObjectNode out = object;
        for (JsonNode patch : patches) {
            if (!patch.isObject()) {
                throw new TransformException("a strategic merge patch must be a map, not " + patch.getNodeType());
            }
            out = mergeMap(out, (ObjectNode) patch, "", keys);
        }
        return out;
    }

    private static ObjectNode mergeMap(ObjectNode target, ObjectNode patch, String path, PatchMergeKeys keys) {
        String directive = patch.path(PATCH).asText(null);
        if ("replace".equals(directive)) {
            ObjectNode replaced = patch.deepCopy();
            replaced.remove(PATCH);
            return replaced;
        }
        if (directive != null && !"merge".equals(directive)) {
            throw new TransformException("unsupported strategic merge directive $patch: " + directive + " at /" + path);
        }
        // a shallow copy: the parts the patch does not touch are shared, never changed
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (target != null) {
            result.setAll(target);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals(PATCH)) {
                continue;
            }
            if (key.startsWith("$")) {
                throw new TransformException("unsupported strategic merge directive " + key + " at /" + path
                        + ": use a mergePatch or a JSON patch for it");
            }
            String childPath = path.isEmpty() ? key : path + "/" + key;
            JsonNode current = result.get(key);
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject() && "delete".equals(value.path(PATCH).asText(null))) {
                result.remove(key);
            } else if (value.isObject()) {
                result.set(key, mergeMap(current instanceof ObjectNode o ? o : null, (ObjectNode) value, childPath, keys));
            } else if (value.isArray()) {
                result.set(key, mergeList(current instanceof ArrayNode a ? a : null, (ArrayNode) value, childPath, keys));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        return result;
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, String path, PatchMergeKeys keys) {
        for (JsonNode e : patch) {
            if (e.isObject() && "replace".equals(e.path(PATCH).asText(null)) && e.size() == 1) {
                ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
                patch.forEach(x -> {
                    if (x != e) {
                        replaced.add(x.deepCopy());
                    }
                });
                return replaced;
            }
        }
        if (keys.mergesAsSet(path) && target != null) {
            ArrayNode result = target.deepCopy();
            patch.forEach(x -> {
                if (!contains(result, x)) {
                    result.add(x.deepCopy());
                }
            });
            return result;
        }
        String mergeKey = keys.key(path);
        if (mergeKey == null || target == null) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            patch.forEach(x -> {
                if (!(x.isObject() && x.has(PATCH))) {
                    replaced.add(x.deepCopy());
                }
            });
            return replaced;
        }
        ArrayNode result = target.deepCopy();
        for (JsonNode element : patch) {
            if (!element.isObject() || !element.has(mergeKey)) {
                throw new TransformException("an element of the list at /" + path + " has no '" + mergeKey
                        + "', the list's merge key: " + element);
            }
            int at = indexOf(result, mergeKey, element.get(mergeKey));
            boolean delete = "delete".equals(element.path(PATCH).asText(null));
            if (delete) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at >= 0) {
                result.set(at, mergeMap((ObjectNode) result.get(at), (ObjectNode) element, path, keys));
            } else {
                result.add(mergeMap(null, (ObjectNode) element, path, keys));
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode x : list) {
            if (x.equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        // field names only: a patch may carry values that must not be printed
        return "strategic merge patch of " + FieldPaths.outline(patches);
    }
}
