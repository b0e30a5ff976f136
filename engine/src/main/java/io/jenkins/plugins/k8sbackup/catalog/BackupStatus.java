package io.jenkins.plugins.k8sbackup.catalog;

/**
 * Outcome of a backup, restore or verification. The exit codes are the CLI's contract with CI:
 * 0 Completed, 1 Failed, 2 usage error, 3 PartiallyFailed (or passed with warnings).
 */
public enum BackupStatus {
    Completed(0),
    PartiallyFailed(3),
    Failed(1),
    /** No manifest and no run writing it: what a killed or failed run left. Never restorable; delete it. */
    Incomplete(1),
    /** No manifest yet, and a run holds the name's live claim: it is being written. Listings only. */
    InProgress(1);

    private final int exitCode;

    BackupStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean restorable() {
        return this == Completed || this == PartiallyFailed;
    }
}
