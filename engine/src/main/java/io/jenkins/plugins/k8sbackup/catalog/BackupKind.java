package io.jenkins.plugins.k8sbackup.catalog;

/** The kinds of backup that share one storage location, each under its own key prefix. */
public enum BackupKind {
    KUBERNETES("backups/"),
    JENKINS_HOME("jenkins/"),
    ETCD("etcd/");

    private final String prefix;

    BackupKind(String prefix) {
        this.prefix = prefix;
    }

    /** e.g. "backups/"; a backup named N lives under prefix + N + "/". */
    public String prefix() {
        return prefix;
    }

    public String keyOf(String backupName, String file) {
        return prefix + backupName + "/" + file;
    }
}
