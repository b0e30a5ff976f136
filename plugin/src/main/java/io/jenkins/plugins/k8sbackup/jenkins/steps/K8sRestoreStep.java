package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.jenkins.engine.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.engine.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.engine.RestoreRequest;
import io.jenkins.plugins.k8sbackup.jenkins.engine.StepOutcome;
import java.time.Duration;
import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.RestoreHook;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sRestore}: restores a backup (by name, or {@code 'latest'} among those whose labels match, taken
 * before a given build) into a cluster, optionally mapped to other namespaces, and returns the restore report.
 */
public class K8sRestoreStep extends ClusterStep<Map<String, Object>> {
    public static final String FUNCTION = "k8sRestore";
    static final Set<String> POLICIES = Set.of("skip", "update", "replace", "fail");

    private final SelectsBackup selects;
    private Map<String, String> namespaceMapping = Map.of();
    private String existingResourcePolicy = "skip";
    private boolean dryRun;
    private int concurrency = 8;
    private final ObjectSelection selection = new ObjectSelection();
    private List<String> objects = List.of();
    private String waitTimeout = "60s";
    private List<RestoreHook> hooks = List.of();
    private boolean allowPartial;

    @DataBoundConstructor
    public K8sRestoreStep(String backup) {
        this.selects = new SelectsBackup(backup);
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        var workspace = run.requireWorkspace();
        BackupRef ref = selects.ref(FUNCTION);
        RestoreRequest request = request(ref);
        PartialFailure partial = partialFailureMode();
        ClusterTargets t = targets(run);
        run.log((dryRun ? "dry-run of restoring " : "restoring ") + SelectsBackup.describe(ref) + " from " + t.storage().describe()
                + " into " + t.cluster().describe() + (namespaceMapping.isEmpty() ? "" : ", namespaces mapped " + namespaceMapping));
        StepOutcome out = workspace.act(RestoreCallable.restore(t.cluster(), t.storage(), request, t.key(), run.progress()));
        return run.finish(out, (dryRun ? "Dry-run restore " : "Restore ") + out.report().getOrDefault("backup", selects.backup()),
                partial);
    }

    RestoreRequest request(BackupRef ref) throws AbortException {
        String policy = existingResourcePolicy.toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(policy)) {
            throw new AbortException(FUNCTION + ": existingResourcePolicy must be one of skip, update, replace, fail; not '"
                    + existingResourcePolicy + "'");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new AbortException(FUNCTION + ": concurrency must be between 1 and 64");
        }
        Duration wait = StepArgs.duration(FUNCTION, "waitTimeout", waitTimeout);
        for (Map.Entry<String, String> e : namespaceMapping.entrySet()) {
            if (!e.getKey().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || !e.getValue().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new AbortException(FUNCTION + ": namespaceMapping " + e.getKey() + " -> " + e.getValue()
                        + " must map namespace names to namespace names");
            }
        }
        List<RestoreHookSpec> hookSpecs;
        try {
            hookSpecs = hooks.stream().map(RestoreHook::toSpec).toList();
        } catch (IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
        return new RestoreRequest(ref, selection.includeNamespaces(), selection.excludeNamespaces(), selection.includeResources(),
                selection.excludeResources(), selection.labelSelector(), objects, namespaceMapping,
                selection.includeClusterResources(), policy, dryRun, concurrency, wait, hookSpecs, allowPartial);
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

    @DataBoundSetter
    public void setNamespaceMapping(Map<String, String> namespaceMapping) {
        this.namespaceMapping = StepArgs.map(namespaceMapping);
    }

    public String getExistingResourcePolicy() {
        return existingResourcePolicy;
    }

    @DataBoundSetter
    public void setExistingResourcePolicy(String existingResourcePolicy) {
        this.existingResourcePolicy = existingResourcePolicy == null ? "skip" : existingResourcePolicy.strip();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public int getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public List<String> getIncludeNamespaces() {
        return selection.includeNamespaces();
    }

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

    public List<RestoreHook> getHooks() {
        return hooks;
    }

    /** Post-restore exec hooks, {@code [restoreHook(...), ...]}, run in addition to Velero's pod annotations. */
    @DataBoundSetter
    public void setHooks(List<RestoreHook> hooks) {
        this.hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }

    public List<String> getObjects() {
        return objects;
    }

    /** Single objects: "resource/namespace/name" or "resource/name" for cluster-scoped ones. */
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

    public String getWaitTimeout() {
        return waitTimeout;
    }

    @DataBoundSetter
    public void setWaitTimeout(String waitTimeout) {
        this.waitTimeout = waitTimeout == null || waitTimeout.isBlank() ? "60s" : waitTimeout.strip();
    }

    public boolean isAllowPartial() {
        return allowPartial;
    }

    /**
     * When the archives of some selected types are damaged: restore the other types (PartiallyFailed) instead of
     * nothing (Failed, the default).
     */
    @DataBoundSetter
    public void setAllowPartial(boolean allowPartial) {
        this.allowPartial = allowPartial;
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, "Restore Kubernetes objects from a backup");
        }
    }
}
