package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.engine.BackupRef;
import java.util.Map;

/** The {@code backup:} / {@code labels:} / {@code beforeBuild:} arguments shared by k8sRestore and verifyRestore. */
final class SelectsBackup {
    private SelectsBackup() {}

    static BackupRef ref(String stepName, String backup, Map<String, String> labels, Integer beforeBuild) throws AbortException {
        BackupRef ref = new BackupRef(backup, labels, beforeBuild);
        String problem = ref.problem();
        if (problem != null) {
            throw new AbortException(stepName + ": " + problem);
        }
        return ref;
    }
}
