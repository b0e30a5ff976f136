package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A built-in rule's patch whose new value depends on the old one (a host or image rewritten, a maximum capped, a
 * field removed): each value at the {@link FieldPaths} is passed through {@code change}.
 */
final class FieldRewrite implements RulePatch {
    private final Map<String, List<String>> paths;
    private final UnaryOperator<JsonNode> change;
    private final String description;

    /** {@code paths}: by "resource.group", the fields to pass through {@code change}. */
    FieldRewrite(Map<String, List<String>> paths, UnaryOperator<JsonNode> change, String description) {
        this.paths = Map.copyOf(paths);
        this.change = change;
        this.description = description;
    }

    @Override
    public ObjectNode apply(String resource, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        for (String path : paths.getOrDefault(resource, List.of())) {
            FieldPaths.edit(copy, path, change);
        }
        return copy;
    }

    @Override
    public String describe() {
        return description;
    }
}
