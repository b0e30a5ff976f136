package io.jenkins.plugins.k8sbackup.catalog;

/**
 * Outcome of a backup, restore or verification. The exit codes are the CLI's contract with CI:
 * 0 Completed, 1 Failed, 2 usage error, 3 PartiallyFailed (or passed with warnings).
 */
public enum BackupStatus {
    Completed(0),
    PartiallyFailed(3),
    Failed(1),
    /** No manifest: the writer died or is still running. Never restorable. */
    Incomplete(1);

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
