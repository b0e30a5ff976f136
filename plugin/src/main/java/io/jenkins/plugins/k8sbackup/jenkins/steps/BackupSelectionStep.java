package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What k8sRestore and verifyRestore share, with the same parameter names so one Jenkinsfile fragment serves
 * both: the backup ({@code backup}, {@code labels}, {@code beforeBuild}), the selection within it (namespaces of
 * the backup, resources, label selector, single objects, cluster-scoped switch) and the {@code namespaceMapping}
 * that puts the backup's namespaces elsewhere.
 */
public abstract class BackupSelectionStep<T> extends ClusterStep<T> {
    final SelectsBackup selects;
    private final ObjectSelection selection = new ObjectSelection();
    private Map<String, String> namespaceMapping = Map.of();
    private List<String> objects = List.of();

    BackupSelectionStep(String backup) {
        this.selects = new SelectsBackup(backup);
    }

    /** The selection and mapping, checked by the engine's one parser: its usage error is the step's. */
    Selection selection() throws AbortException {
        return StepArgs.checked(functionName(),
                () -> selection.applyTo(Selection.builder()).objects(objects).namespaceMapping(namespaceMapping).build());
    }

    BackupRef ref() throws AbortException {
        return selects.ref(functionName());
    }

    public String getBackup() {
        return selects.backup();
    }

    public Map<String, String> getLabels() {
        return selects.labels();
    }

    /** With {@code backup: 'latest'}: only backups whose labels include all of these. */
    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        selects.labels(labels);
    }

    public Integer getBeforeBuild() {
        return selects.beforeBuild();
    }

    /** With {@code backup: 'latest'}: only backups whose BUILD_NUMBER label is lower. */
    @DataBoundSetter
    public void setBeforeBuild(Integer beforeBuild) {
        selects.beforeBuild(beforeBuild);
    }

    public Map<String, String> getNamespaceMapping() {
        return namespaceMapping;
    }

    /** {@code [backupNamespace: 'targetNamespace']}: applied after the selection. */
    @DataBoundSetter
    public void setNamespaceMapping(Map<String, String> namespaceMapping) {
        this.namespaceMapping = StepArgs.map(namespaceMapping);
    }

    public List<String> getIncludeNamespaces() {
        return selection.includeNamespaces();
    }

    /** Namespaces of the backup (before mapping). */
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

    public List<String> getObjects() {
        return objects;
    }

    /** Single objects: "resource/namespace/name" (the backup's namespace) or "resource/name" for cluster-scoped ones. */
    @DataBoundSetter
    public void setObjects(List<String> objects) {
        this.objects = StepArgs.list(objects);
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
