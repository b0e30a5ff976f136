package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * How to store one snapshot: its backup name, labels, an optional encryption key, how long etcd may stay silent
 * mid-stream before the snapshot is abandoned, and the control-plane files to keep with it: a PKI directory
 * ({@code includePki}, null for none) and single files ({@code includeFiles}).
 */
public record EtcdSnapshotOptions(String name, Map<String, String> labels, EncryptionKey encryptionKey, Duration idleTimeout,
                                  Path includePki, List<Path> includeFiles) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public EtcdSnapshotOptions {
        BackupCatalog.checkName(name);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(60) : idleTimeout;
        includeFiles = includeFiles == null ? List.of() : List.copyOf(includeFiles);
    }

    public EtcdSnapshotOptions(String name, Map<String, String> labels, EncryptionKey encryptionKey, Duration idleTimeout) {
        this(name, labels, encryptionKey, idleTimeout, null, List.of());
    }

    public static EtcdSnapshotOptions named(String name) {
        return new EtcdSnapshotOptions(name, Map.of(), null, null);
    }

    /** "etcd-20261122-101500" in UTC. */
    public static String defaultName(Instant now) {
        return "etcd-" + STAMP.format(now);
    }

    public EtcdSnapshotOptions withEncryption(EncryptionKey key) {
        return new EtcdSnapshotOptions(name, labels, key, idleTimeout, includePki, includeFiles);
    }

    public EtcdSnapshotOptions withLabels(Map<String, String> newLabels) {
        return new EtcdSnapshotOptions(name, newLabels, encryptionKey, idleTimeout, includePki, includeFiles);
    }

    /** Keeps the files of {@code pkiDir} (null: none) and {@code files} with the snapshot. */
    public EtcdSnapshotOptions withKeptFiles(Path pkiDir, List<Path> files) {
        return new EtcdSnapshotOptions(name, labels, encryptionKey, idleTimeout, pkiDir, files);
    }

    @Override
    public String toString() {
        return "EtcdSnapshotOptions[name=" + name + ", labels=" + labels + ", encrypted=" + (encryptionKey != null)
                + ", includePki=" + includePki + ", includeFiles=" + includeFiles + "]";
    }
}
