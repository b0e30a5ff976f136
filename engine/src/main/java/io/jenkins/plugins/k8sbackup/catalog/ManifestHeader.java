package io.jenkins.plugins.k8sbackup.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * The fields every manifest ({@code <kind prefix>/<name>/manifest.json}) starts with, whatever the kind,
 * so that one catalog lists Kubernetes, JENKINS_HOME and etcd backups alike.
 * {@code totalBytes} is the stored size of the backup's data files; {@code objectCount} what it holds.
 * {@code expiresAt}: when retention may delete the backup (its own ttl); null: never by expiry.
 * {@code series}: which backups a {@code keepLast} counts it with; null (older manifests): none.
 */
public record ManifestHeader(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                             BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                             Instant expiresAt, BackupSeries series) {}
