package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.jenkins.util.PipelineValues;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an engine run on the agent reports back to the controller: the engine's {@link Outcome} (status and summary
 * line), the counts per type, warnings and errors, and the full report as plain Pipeline values.
 */
public record StepOutcome(Outcome outcome, Map<String, Long> counts, List<String> warnings, List<String> errors,
                          Map<String, Object> report) implements Serializable {

    public static StepOutcome of(BackupResult r) {
        return new StepOutcome(r.outcome(), new LinkedHashMap<>(r.countsByType()), List.copyOf(r.warnings()),
                r.errors().stream().map(Object::toString).toList(), PipelineValues.plainMap(r.toMap()));
    }

    public RunStatus status() {
        return outcome.status();
    }

    public String summary() {
        return outcome.summary();
    }
}
