package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import java.util.Locale;

/**
 * How an engine status becomes the build result: Completed passes, Failed and Incomplete fail the step, and
 * PartiallyFailed (some objects could not be handled) marks the build UNSTABLE or fails the step, as the
 * step's {@code partialFailure} option says.
 */
public enum PartialFailure {
    UNSTABLE, FAILURE;

    public static PartialFailure parse(String value) throws AbortException {
        if (value == null || value.isBlank()) {
            return UNSTABLE;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AbortException("partialFailure must be 'UNSTABLE' or 'FAILURE', not '" + value + "'");
        }
    }

    /** Applies {@code status} to {@code run}; throws when the step must fail. */
    public void apply(BackupStatus status, Run<?, ?> run, String stepName, String summary) throws AbortException {
        switch (status) {
            case Completed -> { }
            case PartiallyFailed -> {
                if (this == FAILURE) {
                    throw new AbortException(stepName + " partially failed: " + summary);
                }
                run.setResult(Result.UNSTABLE);
            }
            default -> throw new AbortException(stepName + " failed: " + summary);
        }
    }

    /** The same for a status name from any engine report; unknown names count as Failed. */
    public void apply(String status, Run<?, ?> run, String stepName, String summary) throws AbortException {
        BackupStatus parsed;
        try {
            parsed = BackupStatus.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException unknown) {
            parsed = BackupStatus.Failed;
        }
        apply(parsed, run, stepName, summary);
    }
}
