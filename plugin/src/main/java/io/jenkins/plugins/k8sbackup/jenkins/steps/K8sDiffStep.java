package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.agent.DiffRequest;
import io.jenkins.plugins.k8sbackup.jenkins.agent.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code k8sDiff}: compares a backup with the live cluster (the restore's selection and namespace mapping) and returns
 * the counts and the changed objects ({@code drift: true|false} plus the report), shown on the build page. Drift marks
 * the build UNSTABLE with {@code unstableOnDrift} or fails the step with {@code failOnDrift}; nothing compared or an
 * error fails it always. The pre-deploy gate "has anyone changed prod since the last known-good backup?".
 */
public class K8sDiffStep extends BackupSelectionStep<Map<String, Object>> {
    public static final String FUNCTION = "k8sDiff";

    private boolean failOnDrift;
    private boolean unstableOnDrift;
    private boolean preserveNodePorts;

    @DataBoundConstructor
    public K8sDiffStep(String backup) {
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
        Selection selection = selection();
        ClusterTargets t = targets(run);
        run.log("comparing " + SelectsBackup.describe(ref) + " with " + t.cluster().describe()
                + (selection.mapping().isEmpty() ? "" : ", namespaces mapped " + selection.mapping().pairs()));
        StepOutcome out = workspace.act(RestoreCallable.diff(t.cluster(), t.storage(),
                new DiffRequest(ref, new DiffSpec(ref.backup(), selection, preserveNodePorts, transforms(run))), t.key(), run.progress()));
        // the diff's outcome: identical Completed, drift PartiallyFailed, nothing compared or an error Failed
        boolean failed = out.status() == RunStatus.Failed || !out.errors().isEmpty();
        boolean drift = !failed && out.status() == RunStatus.PartiallyFailed;
        Map<String, Object> result = new LinkedHashMap<>(out.report());
        result.put("drift", drift);
        result.put("counts", new LinkedHashMap<>(out.counts()));
        run.log(out.summary());
        run.report(run.entry("Diff " + result.getOrDefault("backup", selects.backup()),
                failed ? "Failed" : drift ? "Drift" : "Identical", out), result);
        if (failed) {
            throw new AbortException(FUNCTION + " failed: " + String.join("; ", out.errors()));
        }
        if (drift && failOnDrift) {
            throw new AbortException(FUNCTION + ": the cluster drifted from the backup: " + out.summary());
        }
        (unstableOnDrift ? PartialFailure.UNSTABLE : PartialFailure.REPORT).apply(out.outcome(), run.run, FUNCTION);
        return result;
    }

    public boolean isFailOnDrift() {
        return failOnDrift;
    }

    @DataBoundSetter
    public void setFailOnDrift(boolean failOnDrift) {
        this.failOnDrift = failOnDrift;
    }

    public boolean isUnstableOnDrift() {
        return unstableOnDrift;
    }

    @DataBoundSetter
    public void setUnstableOnDrift(boolean unstableOnDrift) {
        this.unstableOnDrift = unstableOnDrift;
    }

    public boolean isPreserveNodePorts() {
        return preserveNodePorts;
    }

    /** Compare node ports too (a restore with preserveNodePorts keeps them; otherwise they are expected to differ). */
    @DataBoundSetter
    public void setPreserveNodePorts(boolean preserveNodePorts) {
        this.preserveNodePorts = preserveNodePorts;
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, UiText.get("K8sDiffStep.DisplayName"));
        }
    }
}
