package io.jenkins.plugins.k8sbackup.restore;

/** How a dry-run checked its plan. */
public enum DryRunMode {
    /** Each write sent with {@code ?dryRun=All}: the API server validated it (admission included) and stored nothing. */
    server,
    /** The server cannot dry-run: the plan comes from reading the cluster and comparing, without validation. */
    client
}
