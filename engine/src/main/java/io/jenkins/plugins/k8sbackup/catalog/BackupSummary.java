package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Instant;
import java.util.Map;

/** One line of a backup listing. {@code startTime} is null for an incomplete backup. */
public record BackupSummary(String name, BackupKind kind, Instant startTime, Instant endTime, BackupStatus status,
                            long totalBytes, long objectCount, Map<String, String> labels) {}
