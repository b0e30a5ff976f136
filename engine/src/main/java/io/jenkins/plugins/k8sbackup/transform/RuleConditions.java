package io.jenkins.plugins.k8sbackup.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.JsonPointer;
import io.jenkins.plugins.k8sbackup.selection.NameFilter;
import io.jenkins.plugins.k8sbackup.selection.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * When a rule applies, as Velero's resource modifiers decide it: {@code groupResource} is a glob on
 * "resource.group" whose '*' does not cross a dot ("*.apps", "pods"; "**" does); {@code namespaces} (globs) name
 * the backup's namespaces, not where the namespace mapping puts them, and do not apply to cluster-scoped objects;
 * {@code resourceNameRegex} is searched in the name (not anchored); the label selector and the {@code matches}
 * (JSON pointer equals value; a missing field does not match) are evaluated on the object before any rule changed
 * it. {@code exceptObjects} ("namespace/name" of the backup) is for built-in rules only.
 */
public final class RuleConditions {
    /** A JSON pointer and the value the field must have. */
    public record Match(String path, JsonNode value) {}

    private final String groupResource;
    private final Pattern groupResourcePattern;
    private final List<String> namespaces;
    private final NameFilter namespaceFilter;
    private final Pattern nameRegex;
    private final String labelSelectorText;
    private final LabelSelector labelSelector;
    private final List<Match> matches;
    private final List<JsonPointer> matchPointers = new ArrayList<>();
    private final Set<String> exceptObjects;

    public RuleConditions(String groupResource, List<String> namespaces, String nameRegex, String labelSelector,
                          List<Match> matches, Set<String> exceptObjects) {
        if (groupResource == null || groupResource.isBlank()) {
            throw new TransformException("groupResource cannot be empty");
        }
        this.groupResource = groupResource.trim();
        this.groupResourcePattern = glob(this.groupResource);
        this.namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        this.namespaceFilter = new NameFilter(this.namespaces, List.of());
        try {
            this.nameRegex = nameRegex == null || nameRegex.isEmpty() ? null : Pattern.compile(nameRegex);
        } catch (PatternSyntaxException e) {
            throw new TransformException("invalid resourceNameRegex '" + nameRegex + "': " + e.getDescription());
        }
        this.labelSelectorText = labelSelector == null || labelSelector.isBlank() ? null : labelSelector;
        try {
            this.labelSelector = LabelSelector.parse(labelSelector);
        } catch (IllegalArgumentException e) {
            throw new TransformException(e.getMessage());
        }
        this.matches = matches == null ? List.of() : List.copyOf(matches);
        for (Match m : this.matches) {
            if (m.path() == null || m.path().isEmpty()) {
                throw new TransformException("path is required for a match rule");
            }
            try {
                matchPointers.add(JsonPointer.parse(m.path()));
            } catch (IllegalArgumentException e) {
                throw new TransformException("invalid JSON pointer '" + m.path() + "' in matches: " + e.getMessage());
            }
        }
        this.exceptObjects = exceptObjects == null ? Set.of() : Set.copyOf(exceptObjects);
    }

    public static RuleConditions forResource(String groupResource) {
        return new RuleConditions(groupResource, null, null, null, null, null);
    }

    /** Whether the rule applies to {@code object} of type {@code resource}, from namespace {@code sourceNamespace} of the backup. */
    public boolean matches(String resource, String sourceNamespace, JsonNode object) {
        if (!groupResourcePattern.matcher(resource).matches()) {
            return false;
        }
        if (sourceNamespace != null && !sourceNamespace.isEmpty() && !namespaceFilter.matches(sourceNamespace)) {
            return false;
        }
        String name = object.path("metadata").path("name").asText();
        if (nameRegex != null && !nameRegex.matcher(name).find()) {
            return false;
        }
        if (!exceptObjects.isEmpty() && exceptObjects.contains((sourceNamespace == null ? "" : sourceNamespace) + "/" + name)) {
            return false;
        }
        if (labelSelector != null && !labelSelector.matches(object)) {
            return false;
        }
        for (int i = 0; i < matches.size(); i++) {
            JsonNode actual;
            try {
                actual = matchPointers.get(i).evaluate(object);
            } catch (io.fabric8.zjsonpatch.JsonPointerEvaluationException | RuntimeException e) {
                return false; // a missing field (or an index out of range) is no match, as for Velero
            }
            if (actual == null || !actual.equals(matches.get(i).value())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Velero's glob with '.' as separator: '*' and '?' stay within one dot-separated part, '**' does not, and
     * {@code {a,b}} is either.
     */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '{') {
                braces++;
                re.append("(?:");
            } else if (c == '}' && braces > 0) {
                braces--;
                re.append(')');
            } else if (c == ',' && braces > 0) {
                re.append('|');
            } else if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^.]*");
            } else if (c == '?') {
                re.append("[^.]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new TransformException("groupResource '" + glob + "' has an unclosed '{'");
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(groupResource);
        if (!namespaces.isEmpty()) {
            s.append(" in ").append(String.join(",", namespaces));
        }
        if (nameRegex != null) {
            s.append(" named ~").append(nameRegex.pattern());
        }
        if (labelSelectorText != null) {
            s.append(" with labels ").append(labelSelectorText);
        }
        matches.forEach(m -> s.append(" where ").append(m.path()).append(" = ").append(m.value()));
        if (!exceptObjects.isEmpty()) {
            s.append(" except ").append(String.join(",", new java.util.TreeSet<>(exceptObjects)));
        }
        return s.toString();
    }
}
