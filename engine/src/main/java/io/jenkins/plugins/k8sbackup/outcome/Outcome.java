package io.jenkins.plugins.k8sbackup.outcome;

import java.io.Serializable;
import java.util.Objects;

/**
 * How one run ended, as every command and step reports it: its {@link RunStatus} (hence the CLI exit code and the
 * Jenkins build result) and its one summary line.
 */
public record Outcome(RunStatus status, String summary) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Outcome {
        Objects.requireNonNull(status, "status");
        summary = summary == null ? "" : summary;
    }

    public int exitCode() {
        return status.exitCode();
    }

    /** True only when nothing was skipped, refused, lost or left half-done. */
    public boolean completed() {
        return status == RunStatus.Completed;
    }
}
