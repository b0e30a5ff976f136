package io.jenkins.plugins.k8sbackup.jenkins.steps;

import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Cluster steps that select objects (k8sBackup, and k8sRestore, verifyRestore and k8sDiff through
 * {@link BackupSelectionStep}): one set of parameters with the same names, namespaces and resources to include or
 * exclude, label selector and the cluster-scoped switch. Pipeline binds parameters on the step's class hierarchy, so
 * the setters live here once; the values are normalised in {@link ObjectSelection} and checked by the engine's parser.
 */
public abstract class SelectingStep<T> extends ClusterStep<T> {
    final ObjectSelection selection = new ObjectSelection();

    public List<String> getIncludeNamespaces() {
        return selection.includeNamespaces();
    }

    /** Namespaces to select; for k8sRestore, verifyRestore and k8sDiff the backup's, before the mapping. */
    @DataBoundSetter
    public void setIncludeNamespaces(List<String> includeNamespaces) {
        selection.includeNamespaces(includeNamespaces);
    }

    public List<String> getExcludeNamespaces() {
        return selection.excludeNamespaces();
    }

    @DataBoundSetter
    public void setExcludeNamespaces(List<String> excludeNamespaces) {
        selection.excludeNamespaces(excludeNamespaces);
    }

    public List<String> getIncludeResources() {
        return selection.includeResources();
    }

    @DataBoundSetter
    public void setIncludeResources(List<String> includeResources) {
        selection.includeResources(includeResources);
    }

    public List<String> getExcludeResources() {
        return selection.excludeResources();
    }

    @DataBoundSetter
    public void setExcludeResources(List<String> excludeResources) {
        selection.excludeResources(excludeResources);
    }

    public String getLabelSelector() {
        return selection.labelSelector();
    }

    @DataBoundSetter
    public void setLabelSelector(String labelSelector) {
        selection.labelSelector(labelSelector);
    }

    public Boolean getIncludeClusterResources() {
        return selection.includeClusterResources();
    }

    @DataBoundSetter
    public void setIncludeClusterResources(Boolean includeClusterResources) {
        selection.includeClusterResources(includeClusterResources);
    }
}
