package io.jenkins.plugins.k8sbackup.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The backups that {@code keepLast} counts together: the same source (a cluster's kube-system uid, a JENKINS_HOME's
 * identity) and the same series labels. Series labels are the labels named for the series, by default every label
 * except those that name one run ({@link #RUN_LABELS}, which the Jenkins steps add to every backup), so the
 * nightly backup of one job is one series whatever its build number. A backup whose manifest has no series
 * (written before series existed) belongs to none and is never pruned by another backup's {@code keepLast}.
 *
 * @param source identity of what was backed up; null when unknown
 */
public record BackupSeries(String source, Map<String, String> labels) implements java.io.Serializable {
    /** Labels that differ on every run; never part of a series unless named explicitly. */
    public static final Set<String> RUN_LABELS = Set.of("BUILD_NUMBER", "BUILD_URL", "GIT_COMMIT");

    public BackupSeries {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The series of a backup with these labels.
     *
     * @param seriesLabels the label keys that name the series; null: every label but {@link #RUN_LABELS}
     */
    public static BackupSeries of(String source, Map<String, String> labels, Collection<String> seriesLabels) {
        Map<String, String> picked = new TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (seriesLabels == null ? !RUN_LABELS.contains(k) : seriesLabels.contains(k)) {
                    picked.put(k, v);
                }
            });
        }
        return new BackupSeries(source, picked);
    }

    @Override
    public String toString() {
        return (source == null ? "unknown source" : source) + (labels.isEmpty() ? "" : " " + new TreeMap<>(labels));
    }
}
