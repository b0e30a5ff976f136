package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;

/** Storage keys of one JENKINS_HOME backup. The master key lives under its own prefix, away from the archive. */
final class JenkinsLayout {
    static final BackupKind KIND = BackupKind.JENKINS_HOME;
    static final String MASTER_KEY_PREFIX = KIND.companionPrefixes().get(0);

    private JenkinsLayout() {}

    static String archive(String name, boolean encrypted) {
        return KIND.keyOf(name, encrypted ? "home.tar.zst.enc" : "home.tar.zst");
    }

    static String index(String name, boolean encrypted) {
        return KIND.keyOf(name, encrypted ? "index.json.zst.enc" : "index.json.zst");
    }

    static String masterKey(String name) {
        return MASTER_KEY_PREFIX + name + "/master.key.enc";
    }
}
