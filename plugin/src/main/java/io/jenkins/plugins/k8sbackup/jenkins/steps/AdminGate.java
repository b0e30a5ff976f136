package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.model.Job;
import io.jenkins.plugins.k8sbackup.jenkins.config.JobAllowList;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.ScriptOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * The guards of the administrative JENKINS_HOME steps. Builds usually run as SYSTEM, so "does the user have
 * Overall/Administer" proves nothing inside a step: only jobs an administrator listed may run them, and they may
 * only trigger what the administrator configured (storage, keys, retention, restore root), never choose it.
 */
final class AdminGate {
    private AdminGate() {}

    static void requireAllowedJob(StepRun run) throws AbortException {
        Job<?, ?> job = run.run.getParent();
        String name = job.getFullName();
        JobAllowList.Decision decision = K8sBackupConfiguration.get().allowList()
                .check(name, () -> ScriptOrigin.scmControlled(job));
        if (!decision.allowed()) {
            throw new AbortException(run.stepName + ": job '" + name + "' may not back up or restore JENKINS_HOME ("
                    + decision.reason() + "); an administrator can allow it under Manage Jenkins » System » Kubernetes "
                    + "backup » Jobs allowed to run jenkinsBackup and jenkinsRestore");
        }
    }

    /**
     * Refuses the arguments with which a job would choose where JENKINS_HOME goes or comes from, and with which keys:
     * they belong to the administrator. Named in the message, so the pipeline author knows what to remove.
     */
    static void refuseJobChosenDestination(String stepName, StorageStep<?> step, String keyCredentialsId, Integer keepLastFull)
            throws AbortException {
        List<String> given = new ArrayList<>();
        if (step.getStorage() != null) {
            given.add("storage");
        }
        if (step.getEncryptionCredentialsId() != null) {
            given.add("encryptionCredentialsId");
        }
        if (keyCredentialsId != null) {
            given.add("keyCredentialsId");
        }
        if (keepLastFull != null) {
            given.add("keepLastFull");
        }
        if (!given.isEmpty()) {
            throw new AbortException(stepName + ": " + String.join(", ", given) + (given.size() == 1 ? " is" : " are")
                    + " set by an administrator, not by a job: JENKINS_HOME backups hold every secret of Jenkins, so only "
                    + "the location, keys and retention under Manage Jenkins » System » Kubernetes backup » JENKINS_HOME "
                    + "backups are used; remove " + (given.size() == 1 ? "it" : "them") + " from the step");
        }
    }
}
