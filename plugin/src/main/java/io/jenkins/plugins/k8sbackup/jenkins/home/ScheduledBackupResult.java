package io.jenkins.plugins.k8sbackup.jenkins.home;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of the last periodic JENKINS_HOME backup, for the management page: when, which mode, the engine's
 * status (or "Failed" with the reason when it did not run), and the summary.
 */
public record ScheduledBackupResult(Instant time, String mode, String status, String name, String summary,
                                    List<String> warnings) {
    public ScheduledBackupResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean isSuccess() {
        return "Completed".equals(status);
    }
}
