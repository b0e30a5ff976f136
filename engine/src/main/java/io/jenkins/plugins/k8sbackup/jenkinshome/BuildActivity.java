package io.jenkins.plugins.k8sbackup.jenkinshome;

/**
 * What the optional quiet wait polls: the plugin counts the running builds, the CLI (offline home) has none.
 * {@code selfId} identifies the build running the backup step, which must not wait for itself.
 */
@FunctionalInterface
public interface BuildActivity {
    int runningBuildsExcluding(String selfId);
}
