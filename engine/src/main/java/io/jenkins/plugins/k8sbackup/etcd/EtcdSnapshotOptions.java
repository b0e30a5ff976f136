package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * How to store one snapshot: its backup name, labels, an optional encryption key, and how long etcd may
 * stay silent mid-stream before the snapshot is abandoned.
 */
public record EtcdSnapshotOptions(String name, Map<String, String> labels, EncryptionKey encryptionKey, Duration idleTimeout) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public EtcdSnapshotOptions {
        BackupCatalog.checkName(name);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
    }

    public static EtcdSnapshotOptions named(String name) {
        return new EtcdSnapshotOptions(name, Map.of(), null, null);
    }

    /** "etcd-20261122-101500" in UTC. */
    public static String defaultName(Instant now) {
        return "etcd-" + STAMP.format(now);
    }

    public EtcdSnapshotOptions withEncryption(EncryptionKey key) {
        return new EtcdSnapshotOptions(name, labels, key, idleTimeout);
    }

    public EtcdSnapshotOptions withLabels(Map<String, String> newLabels) {
        return new EtcdSnapshotOptions(name, newLabels, encryptionKey, idleTimeout);
    }

    @Override
    public String toString() {
        return "EtcdSnapshotOptions[name=" + name + ", labels=" + labels + ", encrypted=" + (encryptionKey != null) + "]";
    }
}
