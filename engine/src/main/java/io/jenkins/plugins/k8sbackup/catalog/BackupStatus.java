package io.jenkins.plugins.k8sbackup.catalog;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;

/**
 * A stored backup's status: how the run that wrote it ended ({@link RunStatus}'s names, as manifests store them),
 * or, for listings only, why there is no manifest. Exit codes are {@link RunStatus}'s; the listing-only states
 * count as Failed.
 */
public enum BackupStatus {
    Completed(RunStatus.Completed),
    PartiallyFailed(RunStatus.PartiallyFailed),
    Failed(RunStatus.Failed),
    /** No manifest and no run writing it: what a killed or failed run left. Never restorable; delete it. */
    Incomplete(RunStatus.Failed),
    /** No manifest yet, and a run holds the name's live claim: it is being written. Listings only. */
    InProgress(RunStatus.Failed);

    private final RunStatus runStatus;

    BackupStatus(RunStatus runStatus) {
        this.runStatus = runStatus;
    }

    /** How the run ended, in the words every command and step use. */
    public RunStatus runStatus() {
        return runStatus;
    }

    public int exitCode() {
        return runStatus.exitCode();
    }

    public boolean restorable() {
        return this == Completed || this == PartiallyFailed;
    }
}
