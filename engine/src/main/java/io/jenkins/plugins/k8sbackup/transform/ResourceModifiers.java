package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Velero's resource modifiers file ({@code version: v1}, {@code resourceModifierRules}) as Velero does: unknown
 * fields are errors, a JSON Patch {@code value} is a string turned into JSON by Velero's rule (null, true/false,
 * numbers, and text starting with '{' or '[' are JSON; text in escaped quotes stays text), {@code patchData} of
 * merge and strategic patches is YAML or JSON. One difference: a rule with more than one kind of patch is refused
 * (Velero silently applies only the first of patches, mergePatches, strategicPatches).
 */
public final class ResourceModifiers {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("version", "resourceModifierRules");
    private static final Set<String> RULE = Set.of("conditions", "patches", "mergePatches", "strategicPatches");
    private static final Set<String> CONDITIONS = Set.of("groupResource", "resourceNameRegex", "namespaces", "labelSelector", "matches");
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private ResourceModifiers() {}

    /** The rules of {@code yaml}, named "{@code source} rule N"; a clear error naming the rule otherwise. */
    public static List<ModifierRule> parse(String source, String yaml) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new TransformException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new TransformException(source + ": expected a map with 'version: v1' and 'resourceModifierRules'");
        }
        known(doc, TOP, source);
        if (!"v1".equalsIgnoreCase(doc.path("version").asText())) {
            throw new TransformException(source + ": unsupported resource modifier version '" + doc.path("version").asText() + "' (v1 is)");
        }
        JsonNode rules = doc.path("resourceModifierRules");
        if (!rules.isArray() || rules.isEmpty()) {
            throw new TransformException(source + ": resource modifier rules cannot be empty");
        }
        List<ModifierRule> out = new ArrayList<>();
        int n = 0;
        for (JsonNode rule : rules) {
            String name = source + " rule " + ++n;
            try {
                out.add(rule(name, rule));
            } catch (TransformException e) {
                throw new TransformException(name + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static ModifierRule rule(String name, JsonNode rule) {
        known(rule, RULE, "rule");
        RuleConditions when = conditions(rule.path("conditions"));
        List<String> kinds = new ArrayList<>();
        RULE.stream().filter(k -> !k.equals("conditions") && rule.path(k).size() > 0).sorted().forEach(kinds::add);
        if (kinds.isEmpty()) {
            throw new TransformException("no patch data found: give patches, mergePatches or strategicPatches");
        }
        if (kinds.size() > 1) {
            throw new TransformException("it has " + String.join(" and ", kinds) + ": Velero would apply only one kind and"
                    + " ignore the others; put each kind in a rule of its own");
        }
        RulePatch patch = switch (kinds.get(0)) {
            case "patches" -> new JsonPatchOps(jsonPatch(rule.get("patches")));
            case "mergePatches" -> new MergePatches(patchData(rule.get("mergePatches")));
            default -> new StrategicMerge(patchData(rule.get("strategicPatches")));
        };
        return new ModifierRule(name, when, patch);
    }

    private static RuleConditions conditions(JsonNode c) {
        if (!c.isObject()) {
            throw new TransformException("conditions are missing (groupResource at least)");
        }
        known(c, CONDITIONS, "conditions");
        List<String> namespaces = new ArrayList<>();
        c.path("namespaces").forEach(ns -> namespaces.add(ns.asText()));
        List<RuleConditions.Match> matches = new ArrayList<>();
        for (JsonNode m : c.path("matches")) {
            known(m, Set.of("path", "value"), "matches");
            matches.add(new RuleConditions.Match(m.path("path").asText(""), value(m.get("value"))));
        }
        String regex = c.hasNonNull("resourceNameRegex") ? c.get("resourceNameRegex").asText() : null;
        return new RuleConditions(c.path("groupResource").asText(""), namespaces, regex, labelSelector(c.get("labelSelector")),
                matches, null);
    }

    /** A metav1.LabelSelector (matchLabels, matchExpressions) in the selector syntax {@code LabelSelector} reads. */
    static String labelSelector(JsonNode s) {
        if (s == null || s.isNull()) {
            return null;
        }
        known(s, Set.of("matchLabels", "matchExpressions"), "labelSelector");
        List<String> parts = new ArrayList<>();
        for (Iterator<String> it = s.path("matchLabels").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            parts.add(k + "=" + s.path("matchLabels").get(k).asText());
        }
        for (JsonNode e : s.path("matchExpressions")) {
            known(e, Set.of("key", "operator", "values"), "matchExpressions");
            String key = e.path("key").asText();
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            switch (e.path("operator").asText()) {
                case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> parts.add(key);
                case "DoesNotExist" -> parts.add("!" + key);
                default -> throw new TransformException("labelSelector operator '" + e.path("operator").asText()
                        + "' is not one of In, NotIn, Exists, DoesNotExist");
            }
        }
        return parts.isEmpty() ? null : String.join(",", parts);
    }

    private static ArrayNode jsonPatch(JsonNode patches) {
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        for (JsonNode p : patches) {
            known(p, Set.of("operation", "path", "from", "value"), "patches");
            String op = p.path("operation").asText("").toLowerCase(Locale.ROOT);
            if (op.isEmpty()) {
                throw new TransformException("operation cannot be empty");
            }
            if (!OPS.contains(op)) {
                throw new TransformException("unsupported operation " + p.path("operation").asText());
            }
            if (p.path("path").asText("").isEmpty()) {
                throw new TransformException("path cannot be empty");
            }
            ObjectNode o = ops.addObject().put("op", op).put("path", p.get("path").asText());
            if (p.hasNonNull("from")) {
                o.put("from", p.get("from").asText());
            }
            if (!op.equals("remove") && !op.equals("move") && !op.equals("copy")) {
                o.set("value", value(p.get("value")));
            }
        }
        return ops;
    }

    /** Velero's value rule: its field is a string, which becomes JSON unless it is plain text. */
    static JsonNode value(JsonNode v) {
        if (v == null || v.isNull()) {
            return TextNode.valueOf("");
        }
        if (v.isContainerNode()) {
            return v; // not valid in Velero's format (a string there); taken as the JSON it means
        }
        String s = v.asText();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return TextNode.valueOf(s.substring(1, s.length() - 1));
        }
        if (s.equals("null")) {
            return NullNode.instance;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return BooleanNode.valueOf(s.equalsIgnoreCase("true"));
        }
        if (s.startsWith("{") || s.startsWith("[")) {
            try {
                return YAML.readTree(s);
            } catch (JsonProcessingException e) {
                throw new TransformException("value " + s + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        try {
            Double.parseDouble(s);
            JsonNode number = io.jenkins.plugins.k8sbackup.util.Json.MAPPER.readTree(s);
            if (number != null && number.isNumber()) {
                return number;
            }
        } catch (NumberFormatException | JsonProcessingException e) {
            // text after all
        }
        return TextNode.valueOf(s);
    }

    private static List<JsonNode> patchData(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : list) {
            known(p, Set.of("patchData"), "patch");
            try {
                JsonNode data = YAML.readTree(p.path("patchData").asText(""));
                if (data == null || !data.isObject()) {
                    throw new TransformException("patchData must be a map (YAML or JSON)");
                }
                out.add(data);
            } catch (JsonProcessingException e) {
                throw new TransformException("patchData is neither YAML nor JSON: " + e.getOriginalMessage());
            }
        }
        return out;
    }

    private static void known(JsonNode node, Set<String> fields, String where) {
        if (!node.isObject()) {
            throw new TransformException(where + " must be a map");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new TransformException("unknown field '" + f + "' in " + where + " (known: " + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
    }
}
