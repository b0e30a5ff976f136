package io.jenkins.plugins.k8sbackup.jenkinshome;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.outcome.Outcome;
import io.jenkins.plugins.k8sbackup.outcome.RunResult;
import io.jenkins.plugins.k8sbackup.util.Bytes;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a backup did. {@code fileCount}/{@code bytes}: files in this backup's archive and the stored bytes
 * (archive + index); {@code homeFileCount}/{@code sourceBytes}: the whole selection. Warnings make the status
 * PartiallyFailed; notes are informational (builds skipped by the limits, symlinks, master.key handling).
 */
public record JenkinsBackupResult(String name, BackupMode mode, String baseFull, BackupStatus status,
                                  int fileCount, long bytes, int homeFileCount, long sourceBytes,
                                  int unchangedCount, int deletionCount, int pluginCount,
                                  MasterKeyHandling masterKey, String encryptionKeyFingerprint,
                                  Instant startTime, Instant endTime, String storage,
                                  List<String> warnings, List<String> notes, List<String> prunedBackups)
        implements RunResult {

    @Override
    public Outcome outcome() {
        return new Outcome(status.runStatus(), summaryLine());
    }

    public String summaryLine() {
        return String.format("JENKINS_HOME backup %s (%s%s): %s, %d files (%s) stored of %d selected (%s); "
                        + "%d unchanged, %d deletions, %d plugins; %d warnings",
                name, mode.label(), baseFull == null ? "" : " on " + baseFull, status, fileCount, Bytes.human(bytes),
                homeFileCount, Bytes.human(sourceBytes), unchangedCount, deletionCount, pluginCount, warnings.size());
    }

    /** Plain maps, lists, strings and numbers: what a Jenkins pipeline step can return. */
    public Map<String, Object> toMap() {
        return Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }
}
