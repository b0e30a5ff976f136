package io.jenkins.plugins.k8sbackup.jenkins.steps;

import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.selection.SelectionBuilder;
import java.util.List;

/**
 * Which objects of a cluster a step works on: the include/exclude namespaces and resources, label selector and
 * cluster-scoped switch that k8sBackup, k8sRestore, verifyRestore and k8sDiff share. The steps keep the setters (in
 * {@link SelectingStep}), since Pipeline binds parameter names on the step's class hierarchy, and store the values
 * here, normalised once. The engine's parser ({@link SelectionBuilder}) checks them.
 */
final class ObjectSelection {
    private List<String> includeNamespaces = List.of();
    private List<String> excludeNamespaces = List.of();
    private List<String> includeResources = List.of();
    private List<String> excludeResources = List.of();
    private String labelSelector;
    private Boolean includeClusterResources;

    List<String> includeNamespaces() {
        return includeNamespaces;
    }

    void includeNamespaces(List<String> values) {
        includeNamespaces = StepArgs.list(values);
    }

    List<String> excludeNamespaces() {
        return excludeNamespaces;
    }

    void excludeNamespaces(List<String> values) {
        excludeNamespaces = StepArgs.list(values);
    }

    List<String> includeResources() {
        return includeResources;
    }

    void includeResources(List<String> values) {
        includeResources = StepArgs.list(values);
    }

    List<String> excludeResources() {
        return excludeResources;
    }

    void excludeResources(List<String> values) {
        excludeResources = StepArgs.list(values);
    }

    String labelSelector() {
        return labelSelector;
    }

    void labelSelector(String value) {
        labelSelector = Forms.trimToNull(value);
    }

    Boolean includeClusterResources() {
        return includeClusterResources;
    }

    void includeClusterResources(Boolean value) {
        includeClusterResources = value;
    }

    /** Hands these values to a selection (or spec) builder, whose build checks them. */
    <B extends SelectionBuilder<B>> B applyTo(B builder) {
        return builder.includeNamespaces(includeNamespaces).excludeNamespaces(excludeNamespaces)
                .includeResources(includeResources).excludeResources(excludeResources).labelSelector(labelSelector)
                .includeClusterResources(includeClusterResources);
    }
}
