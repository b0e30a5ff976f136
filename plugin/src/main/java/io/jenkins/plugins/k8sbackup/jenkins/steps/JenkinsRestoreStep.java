package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.Extension;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.RestoreRoot;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsHomeEngine;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsHomeRequest;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.home.JenkinsHomeDestination;
import io.jenkins.plugins.k8sbackup.jenkins.util.Forms;
import io.jenkins.plugins.k8sbackup.jenkins.util.UiText;
import java.nio.file.Path;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code jenkinsRestore}: restores a JENKINS_HOME backup from the administrator's JENKINS_HOME location into a
 * directory below the administrator's restore root ({@link RestoreRoot}), never into the running controller's home;
 * with {@code preview: true} (the default) only returns the plan of what would be created, overwritten and deleted.
 * Administrative: only jobs on the global allow-list may run it; storage and keys are not the job's to choose.
 * The same restore, with quiet mode, is on the administrators' page ({@code JenkinsBackupLink}).
 */
public class JenkinsRestoreStep extends StorageStep<Map<String, Object>> {
    public static final String FUNCTION = "jenkinsRestore";

    private final String backup;
    private String target;
    private boolean preview = true;
    private boolean clean;
    private String keyCredentialsId;

    @DataBoundConstructor
    public JenkinsRestoreStep(String backup) {
        this.backup = backup == null ? null : backup.strip();
    }

    @Override
    protected String functionName() {
        return FUNCTION;
    }

    @Override
    Map<String, Object> execute(StepRun run) throws Exception {
        AdminGate.requireAllowedJob(run);
        AdminGate.refuseJobChosenDestination(FUNCTION, this, keyCredentialsId, null);
        BackupRef ref = SelectsBackup.ref(FUNCTION, backup, Map.of(), null);
        Path targetDir = RestoreRoot.target(FUNCTION, K8sBackupConfiguration.get().getJenkinsHomeRestoreRoot(), target,
                Jenkins.get().getRootDir().toPath());
        JenkinsHomeDestination source = JenkinsHomeDestination.resolve(FUNCTION);
        run.credentials.maskAlso(source.masker());
        JenkinsHomeRequest request = JenkinsHomeRequest.restore(ref, targetDir.toString(), preview, clean,
                source.encryptionKey(), source.masterKeyKey());
        run.log((preview ? "previewing the restore of " : "restoring ") + SelectsBackup.describe(ref) + " from "
                + source.storage().describe() + " into " + targetDir);
        StepOutcome out = JenkinsHomeEngine.restore(source.storage(), request, run.progress());
        return run.finish(out, (preview ? "JENKINS_HOME restore preview " : "JENKINS_HOME restore ") + backup,
                PartialFailure.FAILURE);
    }

    public String getBackup() {
        return backup;
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = target;
    }

    public boolean isPreview() {
        return preview;
    }

    @DataBoundSetter
    public void setPreview(boolean preview) {
        this.preview = preview;
    }

    public boolean isClean() {
        return clean;
    }

    /** Also delete files in the target that are not in the backup (within the backed-up scope only). */
    @DataBoundSetter
    public void setClean(boolean clean) {
        this.clean = clean;
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    /** Refused when set: the master.key key is the administrator's. */
    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Forms.trimToNull(keyCredentialsId);
    }

    @Extension
    public static class DescriptorImpl extends K8sStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, UiText.get("JenkinsRestoreStep.DisplayName"), false);
        }
    }
}
