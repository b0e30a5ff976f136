package io.jenkins.plugins.k8sbackup.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;

/**
 * The fields every manifest ({@code <kind prefix>/<name>/manifest.json}) starts with, whatever the kind,
 * so that one catalog lists Kubernetes, JENKINS_HOME and etcd backups alike.
 * {@code totalBytes} is the stored size of the backup's data files; {@code objectCount} what it holds.
 * {@code expiresAt}: when retention may delete the backup (its own ttl); null: never by expiry.
 * {@code series}: which backups a {@code keepLast} counts it with; null (older manifests): none.
 * {@code encryption}: each kind records it in its own fields, so it is not bound from JSON but read by
 * {@link ManifestEncryption} ({@link #withEncryption}); null until then.
 */
public record ManifestHeader(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                             BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                             Instant expiresAt, BackupSeries series,
                             @JsonIgnore BackupEncryption encryption) {

    /** A header whose encryption is not read yet. */
    public ManifestHeader(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                          BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                          Instant expiresAt, BackupSeries series) {
        this(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels, expiresAt, series, null);
    }

    public ManifestHeader withEncryption(BackupEncryption read) {
        return new ManifestHeader(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels,
                expiresAt, series, read);
    }
}
