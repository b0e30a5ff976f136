package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.k8sbackup.jenkins.engine.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.engine.RestoreCallable;
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
 * verdict ({@code verdict: PASS|WARN|FAIL} plus the report). FAIL fails the step; WARN marks the build
 * UNSTABLE when {@code unstableOnWarnings: true}.
 */
public class VerifyRestoreStep extends ClusterStep<Map<String, Object>> {
    public static final String FUNCTION = "verifyRestore";

    public enum Verdict { PASS, WARN, FAIL }

    private final SelectsBackup selects;
    private List<String> namespaces = List.of();
    private String timeout = "5m";
    private boolean unstableOnWarnings;

    @DataBoundConstructor
    public VerifyRestoreStep(String backup) {
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
        Duration wait = StepArgs.duration(FUNCTION, "timeout", timeout);
        ClusterTargets t = targets(run);
        run.log("verifying " + t.cluster().describe() + " against " + SelectsBackup.describe(ref)
                + (namespaces.isEmpty() ? "" : " in namespaces " + namespaces));
        StepOutcome out = workspace.act(RestoreCallable.verify(t.cluster(), t.storage(), new VerifyRequest(ref, namespaces, wait),
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

    public String getBackup() {
        return selects.backup();
    }

    public Map<String, String> getLabels() {
        return selects.labels();
    }

    @DataBoundSetter
    public void setLabels(Map<String, String> labels) {
        selects.labels(labels);
    }

    public Integer getBeforeBuild() {
        return selects.beforeBuild();
    }

    @DataBoundSetter
    public void setBeforeBuild(Integer beforeBuild) {
        selects.beforeBuild(beforeBuild);
    }

    public List<String> getNamespaces() {
        return namespaces;
    }

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
