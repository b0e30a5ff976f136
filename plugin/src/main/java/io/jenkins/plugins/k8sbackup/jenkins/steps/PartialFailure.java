package io.jenkins.plugins.k8sbackup.jenkins.steps;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.util.Locale;

/**
 * The one place where an engine {@link Outcome} becomes the build result: Completed leaves the build alone
 * (SUCCESS), Failed fails the step, and PartiallyFailed marks the build UNSTABLE or fails the step, as the step's
 * {@code partialFailure} option says. {@link #REPORT} is for findings where nothing was skipped or lost (verifyRestore's
 * warnings, k8sDiff's drift) and the step's own flag did not ask for more; no user option selects it.
 */
public enum PartialFailure {
    UNSTABLE, FAILURE, REPORT;

    public static PartialFailure parse(String value) throws AbortException {
        if (value == null || value.isBlank()) {
            return UNSTABLE;
        }
        String name = value.strip().toUpperCase(Locale.ROOT);
        if (name.equals(UNSTABLE.name()) || name.equals(FAILURE.name())) {
            return valueOf(name);
        }
        throw new AbortException("partialFailure must be 'UNSTABLE' or 'FAILURE', not '" + value + "'");
    }

    /** The build result {@code outcome} gives under this option; FAILURE means the step fails. */
    public Result result(Outcome outcome) {
        return switch (outcome.status()) {
            case Completed -> Result.SUCCESS;
            case PartiallyFailed -> switch (this) {
                case UNSTABLE -> Result.UNSTABLE;
                case FAILURE -> Result.FAILURE;
                case REPORT -> Result.SUCCESS;
            };
            case Failed -> Result.FAILURE;
        };
    }

    /** Applies {@code outcome} to {@code run}; throws when the step must fail. */
    public void apply(Outcome outcome, Run<?, ?> run, String stepName) throws AbortException {
        Result result = result(outcome);
        if (result == Result.FAILURE) {
            throw new AbortException(stepName + (outcome.status() == RunStatus.PartiallyFailed ? " partially failed: " : " failed: ")
                    + outcome.summary());
        }
        if (result == Result.UNSTABLE) {
            run.setResult(Result.UNSTABLE);
        }
    }
}
