package io.jenkins.plugins.k8sbackup.outcome;

/** A run's result that says how the run ended: what the CLI's exit code and a step's build result come from. */
public interface RunResult {
    Outcome outcome();
}
