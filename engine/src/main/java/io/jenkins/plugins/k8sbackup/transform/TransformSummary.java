package io.jenkins.plugins.k8sbackup.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * What the transforms of one run did, for the report and the preview: each rule with the number of objects it
 * matched, each changed object with its changes (rule, field, old -> new), the objects left out, and a warning for
 * each rule that matched nothing.
 */
public record TransformSummary(List<RuleUse> rules, List<ChangedObject> objects, List<String> excluded, List<String> warnings) {
    public static final TransformSummary NONE = new TransformSummary(List.of(), List.of(), List.of(), List.of());

    public record RuleUse(String rule, String conditions, String patch, long matched) {}

    public record ChangedObject(String object, List<RuleChange> changes) {}

    /** The preview as text lines: one per changed field, one per object left out. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ChangedObject o : objects) {
            for (RuleChange c : o.changes()) {
                out.add("transform " + o.object() + ": " + c);
            }
        }
        excluded.forEach(e -> out.add("transform " + e));
        return out;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
