package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.agent.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.RestoreRequest;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.restore.ExistingPolicy;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.transform.TransformSpec;
import java.time.Duration;
import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.RestoreHook;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sRestore}: restores a backup (by name, or {@code 'latest'} among those whose labels match, taken
 * before a given build) into a cluster, optionally mapped to other namespaces, and returns the restore report.
 */
public class K8sRestoreStep extends BackupSelectionStep<Map<String, Object>> {
    public static final String FUNCTION = "k8sRestore";

    private String existingResourcePolicy = "skip";
    private boolean dryRun;
    private boolean preserveNodePorts;
    private int concurrency = 8;
    private String waitTimeout = "60s";
    private List<RestoreHook> hooks = List.of();
    private boolean allowPartial;

    @DataBoundConstructor
    public K8sRestoreStep(String backup) {
        super(backup);
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        var workspace = run.requireWorkspace();
        BackupRef ref = ref();
        RestoreRequest request = request(ref, transforms(run));
        PartialFailure partial = partialFailureMode();
        ClusterTargets t = targets(run);
        Map<String, String> mapping = getNamespaceMapping();
        run.log((dryRun ? "dry-run of restoring " : "restoring ") + SelectsBackup.describe(ref) + " from " + t.storage().describe()
                + " into " + t.cluster().describe() + (mapping.isEmpty() ? "" : ", namespaces mapped " + mapping));
        StepOutcome out = workspace.act(RestoreCallable.restore(t.cluster(), t.storage(), request, t.key(), run.progress()));
        return run.finish(out, (dryRun ? "Dry-run restore " : "Restore ") + out.report().getOrDefault("backup", selects.backup()),
                partial);
    }

    RestoreRequest request(BackupRef ref, TransformSpec transforms) throws AbortException {
        ExistingPolicy policy = StepArgs.checked(FUNCTION, () -> ExistingPolicy.parse(existingResourcePolicy));
        if (concurrency < 1 || concurrency > RestoreSpec.MAX_CONCURRENCY) {
            throw new AbortException(FUNCTION + ": concurrency must be between 1 and " + RestoreSpec.MAX_CONCURRENCY);
        }
        Duration wait = StepArgs.duration(FUNCTION, "waitTimeout", waitTimeout);
        Selection selection = selection();
        List<RestoreHookSpec> hookSpecs = StepArgs.checked(FUNCTION, () -> hooks.stream().map(RestoreHook::toSpec).toList());
        return new RestoreRequest(ref, StepArgs.checked(FUNCTION, () -> RestoreSpec.builder(ref.backup()).selection(selection)
                .existingPolicy(policy).dryRun(dryRun).concurrency(concurrency).preserveNodePorts(preserveNodePorts)
                .waitTimeout(wait).hooks(hookSpecs).allowPartial(allowPartial).transforms(transforms).build()));
    }

    public String getExistingResourcePolicy() {
        return existingResourcePolicy;
    }

    @DataBoundSetter
    public void setExistingResourcePolicy(String existingResourcePolicy) {
        this.existingResourcePolicy = existingResourcePolicy == null ? "skip" : existingResourcePolicy.strip();
    }

    public boolean isPreserveNodePorts() {
        return preserveNodePorts;
    }

    /** Keep the backed-up nodePort of NodePort/LoadBalancer services (the CLI's --preserve-node-ports). */
    @DataBoundSetter
    public void setPreserveNodePorts(boolean preserveNodePorts) {
        this.preserveNodePorts = preserveNodePorts;
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

    public List<RestoreHook> getHooks() {
        return hooks;
    }

    /** Post-restore exec hooks, {@code [restoreHook(...), ...]}, run in addition to Velero's pod annotations. */
    @DataBoundSetter
    public void setHooks(List<RestoreHook> hooks) {
        this.hooks = hooks == null ? List.of() : List.copyOf(hooks);
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
