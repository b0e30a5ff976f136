package io.jenkins.plugins.k8sbackup.backup;

import io.jenkins.plugins.k8sbackup.catalog.BackupSeries;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.hooks.HookArtifactRecord;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code backups/<name>/manifest.json}: written last, so its presence marks the backup complete. The
 * per-object part (path, sha256, size) is in the index file it names, to keep this file small.
 * {@code volumeSnapshots} (CSI snapshots of the PVCs) and {@code artifacts} (captured hook output) are
 * empty for backups taken without them. {@code expiresAt} (the backup's own ttl) and {@code series} are what
 * retention goes by (see {@link io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy}); null in older manifests.
 */
public record BackupManifest(
        int formatVersion,
        String kind,
        String name,
        Instant startTime,
        Instant endTime,
        BackupStatus status,
        long objectCount,
        long totalBytes,
        Map<String, String> labels,
        ClusterInfo cluster,
        BackupSpec filters,
        List<TypeSummary> types,
        StoredIndex index,
        Encryption encryption,
        List<String> warnings,
        List<ItemError> errors,
        List<VolumeSnapshotRecord> volumeSnapshots,
        List<HookArtifactRecord> artifacts,
        Instant expiresAt,
        BackupSeries series) {

    public static final int FORMAT_VERSION = 1;
    public static final String KIND = "kubernetes";

    public BackupManifest {
        volumeSnapshots = volumeSnapshots == null ? List.of() : List.copyOf(volumeSnapshots);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /** A manifest without volume snapshots or artifacts, as before they existed. */
    public BackupManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                          BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                          ClusterInfo cluster, BackupSpec filters, List<TypeSummary> types, StoredIndex index,
                          Encryption encryption, List<String> warnings, List<ItemError> errors) {
        this(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels, cluster, filters,
                types, index, encryption, warnings, errors, List.of(), List.of(), null, null);
    }

    /** A manifest without expiry or series, as before retention went by them. */
    public BackupManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                          BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                          ClusterInfo cluster, BackupSpec filters, List<TypeSummary> types, StoredIndex index,
                          Encryption encryption, List<String> warnings, List<ItemError> errors,
                          List<VolumeSnapshotRecord> volumeSnapshots, List<HookArtifactRecord> artifacts) {
        this(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels, cluster, filters,
                types, index, encryption, warnings, errors, volumeSnapshots, artifacts, null, null);
    }

    public record ClusterInfo(String server, String serverVersion, String kubeSystemUid) {
        /** What identifies the cluster for a backup series: the kube-system uid, else the API server's URL. */
        public String identity() {
            return kubeSystemUid != null ? kubeSystemUid : server;
        }
    }

    /** One resource type: where its archive is, and what it holds. */
    public record TypeSummary(String resource, String apiVersion, String kindName, boolean namespaced,
                              long count, String archive, long archiveBytes, String archiveSha256) {}

    public record StoredIndex(String key, long bytes, String sha256, long objects) {}

    public record Encryption(String mode, String keyFingerprint, long encryptedObjects) {}

    public record ItemError(String resource, String namespace, String name, String reason) {
        @Override
        public String toString() {
            String where = resource + (namespace == null ? "" : " " + namespace + "/") + (name == null ? "" : (namespace == null ? " " : "") + name);
            return where + ": " + reason;
        }
    }

    public boolean hasEncryptedObjects() {
        return encryption != null && encryption.encryptedObjects() > 0;
    }
}
