package io.jenkins.plugins.k8sbackup.transform;

/**
 * One rule: conditions and a patch. {@code name} says where it comes from ("rules.yaml rule 2", or the built-in
 * option that made it), for the preview, the report and error messages.
 */
public record ModifierRule(String name, RuleConditions when, RulePatch patch) {
    @Override
    public String toString() {
        return name + " (" + when + ": " + patch.describe() + ")";
    }
}
