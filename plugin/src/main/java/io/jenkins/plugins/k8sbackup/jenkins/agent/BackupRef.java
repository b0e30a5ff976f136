package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Which backup a restore or verification uses: a name, or {@code latest}, optionally only among backups
 * whose labels match (e.g. {@code JOB_NAME: env.JOB_NAME}) and that an earlier build took
 * ({@code beforeBuild: N} compares the BUILD_NUMBER label). Only complete (restorable) backups qualify.
 */
public record BackupRef(String backup, Map<String, String> labels, Integer beforeBuild) implements Serializable {
    public static final String LATEST = "latest";

    public BackupRef {
        backup = backup == null ? null : backup.strip();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public boolean isLatest() {
        return LATEST.equals(backup);
    }

    /** A problem with the arguments, or null. */
    public String problem() {
        if (backup == null || backup.isEmpty()) {
            return "backup is required: a backup name or 'latest'";
        }
        if (!isLatest()) {
            if (!labels.isEmpty() || beforeBuild != null) {
                return "labels and beforeBuild select among backups and only apply with backup: 'latest'";
            }
            try {
                BackupCatalog.checkName(backup);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /** The backup's name; for {@code latest}, the newest matching restorable one in {@code newestFirst}. */
    public String resolve(List<BackupSummary> newestFirst, String location) throws IOException {
        if (!isLatest()) {
            return backup;
        }
        for (BackupSummary s : newestFirst) {
            if (s.status().restorable() && matches(s)) {
                return s.name();
            }
        }
        throw new FileNotFoundException("no complete backup at " + location + describeFilter());
    }

    boolean matches(BackupSummary s) {
        Map<String, String> have = s.labels() == null ? Map.of() : s.labels();
        for (Map.Entry<String, String> want : labels.entrySet()) {
            if (!want.getValue().equals(have.get(want.getKey()))) {
                return false;
            }
        }
        if (beforeBuild != null) {
            try {
                return Integer.parseInt(have.getOrDefault("BUILD_NUMBER", "")) < beforeBuild;
            } catch (NumberFormatException noBuildNumber) {
                return false;
            }
        }
        return true;
    }

    private String describeFilter() {
        String s = labels.isEmpty() ? "" : " with labels " + new java.util.TreeMap<>(labels);
        return beforeBuild == null ? s : s + " taken before build " + beforeBuild;
    }
}
