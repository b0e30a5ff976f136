package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.k8sbackup.jenkins.engine.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.engine.RestoreCallable;
import io.jenkins.plugins.k8sbackup.jenkins.engine.SelectionRequest;
import io.jenkins.plugins.k8sbackup.jenkins.engine.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.engine.VerifyRequest;
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

    public enum Verdict { PASS, WARN, FAIL }

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
        SelectionRequest selection = selection();
        ClusterTargets t = targets(run);
        run.log("verifying " + t.cluster().describe() + " against " + SelectsBackup.describe(ref)
                + (selection.includeNamespaces().isEmpty() ? "" : " in namespaces " + selection.includeNamespaces())
                + (selection.namespaceMapping().isEmpty() ? "" : ", namespaces mapped " + selection.namespaceMapping()));
        StepOutcome out = workspace.act(RestoreCallable.verify(t.cluster(), t.storage(), new VerifyRequest(ref, selection, wait, transforms(run)),
                t.key(), run.progress()));
        Verdict verdict = verdict(out);
        Map<String, Object> result = new LinkedHashMap<>(out.report());
        result.put("verdict", verdict.name());
        run.log("verdict " + verdict + ": " + out.summary());
        run.report(run.entry("Verify " + result.getOrDefault("backup", selects.backup()), verdict.name(), out), result);
        apply(verdict, run.run, out.summary());
        return result;
    }

    /** FAIL on a failed status or any error; WARN on warnings or a partial result; else PASS. */
    static Verdict verdict(StepOutcome out) {
        String status = out.status() == null ? "" : out.status();
        if (!out.errors().isEmpty() || status.equals("Failed") || status.equals("Incomplete") || status.equalsIgnoreCase("fail")) {
            return Verdict.FAIL;
        }
        if (!out.warnings().isEmpty() || status.equals("PartiallyFailed") || status.equalsIgnoreCase("warn")) {
            return Verdict.WARN;
        }
        return Verdict.PASS;
    }

    void apply(Verdict verdict, Run<?, ?> run, String summary) throws AbortException {
        if (verdict == Verdict.FAIL) {
            throw new AbortException(FUNCTION + " failed: " + summary);
        }
        if (verdict == Verdict.WARN && unstableOnWarnings) {
            run.setResult(Result.UNSTABLE);
        }
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
