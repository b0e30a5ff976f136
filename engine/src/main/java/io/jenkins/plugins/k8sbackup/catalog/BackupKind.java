package io.jenkins.plugins.k8sbackup.catalog;

import java.util.List;

/** The kinds of backup that share one storage location, each under its own key prefix. */
public enum BackupKind {
    KUBERNETES("backups/"),
    /** The master key is kept away from the archive, under its own prefix. */
    JENKINS_HOME("jenkins/", "jenkins-master-keys/"),
    ETCD("etcd/");

    /** Where the leases of every kind live: beside the backups, so that deleting a backup's data leaves them. */
    static final String LEASES = "leases/";

    private final String prefix;
    private final List<String> companionPrefixes;

    BackupKind(String prefix, String... companionPrefixes) {
        this.prefix = prefix;
        this.companionPrefixes = List.of(companionPrefixes);
    }

    /** e.g. "backups/"; a backup named N lives under prefix + N + "/". */
    public String prefix() {
        return prefix;
    }

    /** Other prefixes where a backup named N keeps objects, under prefix + N + "/"; they go when it is deleted. */
    public List<String> companionPrefixes() {
        return companionPrefixes;
    }

    /** e.g. "leases/backups/"; the leases of backup N are below leasePrefix() + N + "/". */
    public String leasePrefix() {
        return LEASES + prefix;
    }

    public String keyOf(String backupName, String file) {
        return prefix + backupName + "/" + file;
    }
}
