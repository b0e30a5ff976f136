package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.jenkins.agent.BackupRef;
import java.util.Map;

/**
 * The {@code backup:} / {@code labels:} / {@code beforeBuild:} arguments shared by k8sRestore and verifyRestore:
 * the steps keep the setters, this holds the values and turns them into a checked {@link BackupRef}.
 */
final class SelectsBackup {
    private final String backup;
    private Map<String, String> labels = Map.of();
    private Integer beforeBuild;

    SelectsBackup(String backup) {
        this.backup = backup == null ? null : backup.strip();
    }

    String backup() {
        return backup;
    }

    Map<String, String> labels() {
        return labels;
    }

    void labels(Map<String, String> values) {
        labels = StepArgs.map(values);
    }

    Integer beforeBuild() {
        return beforeBuild;
    }

    void beforeBuild(Integer value) {
        beforeBuild = value;
    }

    BackupRef ref(String stepName) throws AbortException {
        return ref(stepName, backup, labels, beforeBuild);
    }

    static BackupRef ref(String stepName, String backup, Map<String, String> labels, Integer beforeBuild) throws AbortException {
        BackupRef ref = new BackupRef(backup, labels, beforeBuild);
        String problem = ref.problem();
        if (problem != null) {
            throw new AbortException(stepName + ": " + problem);
        }
        return ref;
    }

    /** How the log names the backup: by name, or 'latest' with its filters. */
    static String describe(BackupRef ref) {
        if (!ref.isLatest()) {
            return "backup " + ref.backup();
        }
        return "the latest backup" + (ref.labels().isEmpty() ? "" : " with labels " + ref.labels())
                + (ref.beforeBuild() == null ? "" : " taken before build " + ref.beforeBuild());
    }
}
