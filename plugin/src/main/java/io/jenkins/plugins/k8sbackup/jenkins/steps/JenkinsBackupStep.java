package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsHomeEngine;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsHomeRequest;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.home.ExecutorBuildActivity;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsHomeDestination;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code jenkinsBackup}: backs up this controller's JENKINS_HOME (full, differential or automatic) to the location, with
 * the keys and the retention an administrator configured, and returns {@code [name:, mode:, files:, bytes:, ...]}.
 * Administrative: only jobs on the global allow-list may run it, and they cannot choose storage, keys or retention
 * ({@code storage}, {@code encryptionCredentialsId}, {@code keyCredentialsId}, {@code keepLastFull} are refused).
 */
public class JenkinsBackupStep extends StorageStep<Map<String, Object>> {
    public static final String FUNCTION = "jenkinsBackup";
    static final Set<String> MODES = Set.of("full", "diff", "auto");

    private String name;
    private String mode = "auto";
    private boolean includeBuilds;
    private List<String> excludes = List.of();
    private String keyCredentialsId;
    private Integer keepLastFull;
    private String waitForBuilds;
    private boolean failIfBusy;

    @DataBoundConstructor
    public JenkinsBackupStep() {
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        AdminGate.requireAllowedJob(run);
        AdminGate.refuseJobChosenDestination(FUNCTION, this, keyCredentialsId, keepLastFull);
        String m = mode.toLowerCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw new AbortException(FUNCTION + ": mode must be 'full', 'diff' or 'auto', not '" + mode + "'");
        }
        StepArgs.checkName(FUNCTION, name);
        Duration wait = waitDuration();
        JenkinsHomeDestination destination = JenkinsHomeDestination.resolve(FUNCTION);
        run.credentials.maskAlso(destination.masker());
        JenkinsHomeRequest request = JenkinsHomeRequest.backup(name, m, includeBuilds, excludes, destination.keepLastFull(),
                run.labels(Map.of()), destination.encryptionKey(), destination.masterKeyKey(), wait, failIfBusy);
        run.log("backing up JENKINS_HOME (" + m + ") to " + destination.describe());
        StepOutcome out = JenkinsHomeEngine.backup(Jenkins.get().getRootDir().toPath(), destination.storage(), request,
                new ExecutorBuildActivity(), ExecutorBuildActivity.idOf(run.run), run.progress());
        return run.finish(out, "JENKINS_HOME backup " + out.report().getOrDefault("name", ""), PartialFailure.UNSTABLE);
    }

    private Duration waitDuration() throws AbortException {
        return waitForBuilds == null ? null : StepArgs.duration(FUNCTION, "waitForBuilds", waitForBuilds);
    }

    public String getWaitForBuilds() {
        return waitForBuilds;
    }

    /** Wait up to this long (e.g. '10m') for the other running builds to finish; unset: do not wait. */
    @DataBoundSetter
    public void setWaitForBuilds(String waitForBuilds) {
        this.waitForBuilds = Forms.trimToNull(waitForBuilds);
    }

    public boolean isFailIfBusy() {
        return failIfBusy;
    }

    /** When builds still run after {@code waitForBuilds}: fail instead of backing up anyway (with a warning). */
    @DataBoundSetter
    public void setFailIfBusy(boolean failIfBusy) {
        this.failIfBusy = failIfBusy;
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = Forms.trimToNull(name);
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = mode == null || mode.isBlank() ? "auto" : mode.strip();
    }

    public boolean isIncludeBuilds() {
        return includeBuilds;
    }

    @DataBoundSetter
    public void setIncludeBuilds(boolean includeBuilds) {
        this.includeBuilds = includeBuilds;
    }

    public List<String> getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(List<String> excludes) {
        this.excludes = StepArgs.list(excludes);
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    /** Refused when set: the master.key key is the administrator's (kept so an old pipeline gets a clear message). */
    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Forms.trimToNull(keyCredentialsId);
    }

    public Integer getKeepLastFull() {
        return keepLastFull;
    }

    /** Refused when set: retention of the JENKINS_HOME location is the administrator's. */
    @DataBoundSetter
    public void setKeepLastFull(Integer keepLastFull) {
        this.keepLastFull = keepLastFull;
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, UiText.get("JenkinsBackupStep.DisplayName"), false);
        }
    }
}
