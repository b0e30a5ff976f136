package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.agent.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.agent.VerifyRequest;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code verifyRestore}: compares what a restore produced in the cluster with the backup and returns the
 * verdict ({@code verdict: PASS|WARN|FAIL} plus the report). It takes the restore's selection and
 * {@code namespaceMapping} under the same names, so a clone is verified where it was restored. FAIL (a
 * difference, a workload not ready, or no object compared at all) fails the step; WARN marks the build UNSTABLE
 * when {@code unstableOnWarnings: true}.
 */
public class VerifyRestoreStep extends BackupSelectionStep<Map<String, Object>> {
    public static final String FUNCTION = "verifyRestore";

    private String timeout = "5m";
    private boolean unstableOnWarnings;
    private List<String> namespaces = List.of();

    @DataBoundConstructor
    public VerifyRestoreStep(String backup) {
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
        Duration wait = StepArgs.duration(FUNCTION, "timeout", timeout);
        if (!namespaces.isEmpty()) {
            if (!getIncludeNamespaces().isEmpty()) {
                throw new AbortException(FUNCTION + ": give includeNamespaces only; 'namespaces' is its deprecated name");
            }
            run.log("'namespaces' is deprecated: it means includeNamespaces, the backup's namespace names (a restore into "
                    + "other namespaces is verified with namespaceMapping)");
            setIncludeNamespaces(namespaces);
        }
        Selection selection = selection();
        ClusterTargets t = targets(run);
        run.log("verifying " + t.cluster().describe() + " against " + SelectsBackup.describe(ref)
                + (selection.includeNamespaces().isEmpty() ? "" : " in namespaces " + selection.includeNamespaces())
                + (selection.mapping().isEmpty() ? "" : ", namespaces mapped " + selection.mapping().pairs()));
        StepOutcome out = workspace.act(RestoreCallable.verify(t.cluster(), t.storage(), new VerifyRequest(ref, VerifySpec.builder(ref.backup()).selection(selection).timeout(wait).transforms(transforms(run)).build()),
                t.key(), run.progress()));
        String verdict = out.status().verdict();
        Map<String, Object> result = new LinkedHashMap<>(out.report());
        result.put("verdict", verdict);
        run.log("verdict " + verdict + ": " + out.summary());
        run.report(run.entry("Verify " + result.getOrDefault("backup", selects.backup()), verdict, out), result);
        onWarnings().apply(out.outcome(), run.run, FUNCTION);
        return result;
    }

    /** Warnings (PartiallyFailed, WARN) mark the build UNSTABLE only when asked; FAIL always fails the step. */
    PartialFailure onWarnings() {
        return unstableOnWarnings ? PartialFailure.UNSTABLE : PartialFailure.REPORT;
    }

    @Deprecated
    public List<String> getNamespaces() {
        return namespaces;
    }

    /**
     * Deprecated alias of includeNamespaces, kept so existing pipelines run: namespaces of the backup. It never
     * meant target namespaces; a clone is verified with namespaceMapping.
     */
    @Deprecated
    @DataBoundSetter
    public void setNamespaces(List<String> namespaces) {
        this.namespaces = StepArgs.list(namespaces);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout == null || timeout.isBlank() ? "5m" : timeout.strip();
    }

    public boolean isUnstableOnWarnings() {
        return unstableOnWarnings;
    }

    @DataBoundSetter
    public void setUnstableOnWarnings(boolean unstableOnWarnings) {
        this.unstableOnWarnings = unstableOnWarnings;
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, "Verify a restore against its backup");
        }
    }
}
