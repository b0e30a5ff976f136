package io.jenkins.plugins.k8sbackup.jenkins.home;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.RestoreRoot;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import io.jenkins.plugins.k8sbackup.jenkins.agent.StepOutcome;
import io.jenkins.plugins.k8sbackup.jenkins.util.SecretMasker;
import io.jenkins.plugins.k8sbackup.ops.JenkinsHomeOperation;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * A JENKINS_HOME restore started by an administrator from Manage Jenkins » JENKINS_HOME backups, as thinBackup offers
 * it, under the same rules as the jenkinsRestore step: from the administrator's location with its keys, into a
 * directory below the restore root ({@link RestoreRoot}), never the running home. A real restore can first put
 * Jenkins into quiet mode, so that no new build changes the home about to be replaced; it stays on after a successful
 * restore (the switch-over comes next) and is cancelled again when the restore fails. The caller checks the permission.
 */
public final class AdminRestore {
    static final String WHO = "JENKINS_HOME restore";

    private AdminRestore() {}

    /** What one restore (or preview) did, for the page. */
    public record Attempt(Instant time, String backup, String target, boolean preview, String status, String summary,
                          List<String> errors, List<String> warnings, List<String> log, String quietMode) {
        public boolean isSuccess() {
            return "Completed".equals(status);
        }
    }

    /** The backups in the JENKINS_HOME location, newest first, or why they cannot be listed. */
    public record Listing(List<BackupSummary> backups, String problem) {}

    public static Listing available() {
        try {
            JenkinsHomeDestination source = JenkinsHomeDestination.resolve(WHO);
            try {
                return new Listing(JenkinsHomeOperation.backups(source.storage().target(null)), null);
            } catch (IOException | RuntimeException e) {
                return new Listing(List.of(), source.masker().mask(String.valueOf(e.getMessage())));
            }
        } catch (AbortException e) {
            return new Listing(List.of(), e.getMessage());
        }
    }

    public static Attempt run(String backup, String target, boolean preview, boolean clean, boolean quietDown) {
        List<String> log = new ArrayList<>();
        String ref = backup == null || backup.isBlank() ? BackupRef.LATEST : backup.strip();
        SecretMasker masker = SecretMasker.none();
        boolean enteredQuietMode = false;
        Jenkins jenkins = Jenkins.get();
        try {
            BackupRef backupRef = new BackupRef(ref, Map.of(), null);
            if (backupRef.problem() != null) {
                throw new AbortException(WHO + ": " + backupRef.problem());
            }
            Path targetDir = RestoreRoot.target(WHO, K8sBackupConfiguration.get().getJenkinsHomeRestoreRoot(), target,
                    jenkins.getRootDir().toPath());
            JenkinsHomeDestination source = JenkinsHomeDestination.resolve(WHO);
            masker = source.masker();
            if (!preview && quietDown && !jenkins.isQuietingDown()) {
                jenkins.doQuietDown(false, 0, "Restoring the JENKINS_HOME backup " + ref + " into " + targetDir
                        + " for a switch-over", false);
                enteredQuietMode = true;
            }
            SecretMasker m = masker;
            StepOutcome out = JenkinsHomeEngine.restore(source.storage(), JenkinsHomeRequest.restore(backupRef,
                    targetDir.toString(), preview, clean, source.encryptionKey(), source.masterKeyKey()), l -> log.add(m.mask(l)));
            boolean ok = out.outcome().completed();
            return new Attempt(Instant.now(), ref, targetDir.toString(), preview, out.status().name(), masker.mask(out.summary()),
                    out.errors(), out.warnings(), log, quietMode(enteredQuietMode, ok, jenkins));
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Attempt(Instant.now(), ref, target, preview, RunStatus.Failed.name(), masker.mask(String.valueOf(e.getMessage())),
                    List.of(), List.of(), log, quietMode(enteredQuietMode, false, jenkins));
        }
    }

    /** Leaves quiet mode on after a successful restore; cancels it when the restore did not complete. */
    private static String quietMode(boolean entered, boolean ok, Jenkins jenkins) {
        if (!entered) {
            return null;
        }
        if (ok) {
            return "Jenkins is in quiet mode: no new build starts. Switch over now (stop Jenkins, replace JENKINS_HOME with "
                    + "the restored directory, start Jenkins), or cancel quiet mode to carry on without it.";
        }
        jenkins.doCancelQuietDown();
        return "Quiet mode was cancelled again because the restore did not complete.";
    }
}
