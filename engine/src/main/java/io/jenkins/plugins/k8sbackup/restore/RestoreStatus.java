package io.jenkins.plugins.k8sbackup.restore;

/** A restore's outcome; exit codes as for backup: 0 Completed, 3 PartiallyFailed, 1 Failed. */
public enum RestoreStatus {
    Completed(0),
    PartiallyFailed(3),
    Failed(1);

    private final int exitCode;

    RestoreStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
