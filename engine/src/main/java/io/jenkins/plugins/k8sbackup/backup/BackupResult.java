package io.jenkins.plugins.k8sbackup.backup;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a backup run tells its caller; {@link #toMap()} is what a pipeline step returns. */
public record BackupResult(String name, BackupStatus status, String location, long objectCount, long totalBytes,
                           Map<String, Long> countsByType, List<String> warnings,
                           List<BackupManifest.ItemError> errors, long pruned,
                           List<BackupManifest.Skipped> skipped, List<BackupManifest.Degradation> degradations)
        implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(status.runStatus(), summaryLine());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("status", status.name());
        m.put("location", location);
        m.put("objectCount", objectCount);
        m.put("totalBytes", totalBytes);
        m.put("counts", new LinkedHashMap<>(countsByType));
        m.put("warnings", List.copyOf(warnings));
        m.put("errors", errors.stream().map(BackupManifest.ItemError::toString).toList());
        m.put("pruned", pruned);
        m.put("skipped", skipped.stream().map(BackupManifest.Skipped::toString).toList());
        m.put("degradations", degradations.stream().map(BackupManifest.Degradation::toString).toList());
        return m;
    }

    public String summaryLine() {
        return String.format("backup %s: %s, %d objects in %d types, %s stored, %d warnings, %d errors%s",
                name, status, objectCount, countsByType.size(), Bytes.human(totalBytes), warnings.size(), errors.size(),
                degradations.isEmpty() ? "" : ", " + degradations.size() + " degradations");
    }
}
