package io.jenkins.plugins.k8sbackup.catalog;

import java.util.ArrayList;
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

    /** The key of {@code file} of backup {@code backupName}: the one place that lays a backup's objects out. */
    public String keyOf(String backupName, String file) {
        return prefixOf(backupName) + file;
    }

    /** The prefix of backup {@code backupName}'s own objects. */
    public String prefixOf(String backupName) {
        return prefix + backupName + "/";
    }

    /** Every prefix below which backup {@code backupName} keeps objects: its own first, then its companions'. */
    public List<String> prefixesOf(String backupName) {
        List<String> all = new ArrayList<>();
        all.add(prefixOf(backupName));
        companionPrefixes.forEach(p -> all.add(p + backupName + "/"));
        return all;
    }
}
