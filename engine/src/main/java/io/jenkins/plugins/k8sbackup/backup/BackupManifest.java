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
 * empty for backups taken without them. {@code skipped} lists what fixed rules left out (objects a controller rebuilds,
 * types never backed up) and {@code degradations} what did not go as it should (a group whose discovery failed, a
 * list restarted after 410 Gone, throttling); both are empty in manifests written before they existed.
 * {@code backupId} (random, from format 2 on) and {@code name} are bound into every encrypted entry (see
 * {@code archive.EntryBinding}); with a key the manifest's bytes are authenticated by {@code manifest.json.mac} (see
 * {@code archive.StoredManifest}).
 * {@code expiresAt} (the backup's own ttl) and {@code series} are what
 * retention goes by (see {@link io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy}); null in older manifests.
 */
public record BackupManifest(
        int formatVersion,
        String kind,
        String name,
        String backupId,
        Instant startTime,
        Instant endTime,
        BackupStatus status,
        long objectCount,
        long totalBytes,
        Map<String, String> labels,
        ClusterInfo cluster,
        Filters filters,
        List<TypeSummary> types,
        StoredIndex index,
        Encryption encryption,
        List<String> warnings,
        List<ItemError> errors,
        List<VolumeSnapshotRecord> volumeSnapshots,
        List<HookArtifactRecord> artifacts,
        List<Skipped> skipped,
        List<Degradation> degradations,
        Instant expiresAt,
        BackupSeries series) {

    /** 2: backupId, entries' associated data binds the backup, manifest.json.mac with a key. 1: path-only binding. */
    /** 3: each type's archive is compressed, then encrypted (before: each object encrypted, then compressed). */
    public static final int FORMAT_VERSION = 3;
    public static final String KIND = "kubernetes";

    public BackupManifest {
        volumeSnapshots = volumeSnapshots == null ? List.of() : List.copyOf(volumeSnapshots);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        degradations = degradations == null ? List.of() : List.copyOf(degradations);
    }

    /** A manifest without volume snapshots, artifacts, skips or degradations, as before they existed. */
    public BackupManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                          BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                          ClusterInfo cluster, Filters filters, List<TypeSummary> types, StoredIndex index,
                          Encryption encryption, List<String> warnings, List<ItemError> errors) {
        this(formatVersion, kind, name, null, startTime, endTime, status, objectCount, totalBytes, labels, cluster, filters,
                types, index, encryption, warnings, errors, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    /** A manifest without skips, degradations, expiry or series, as before they existed. */
    public BackupManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                          BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                          ClusterInfo cluster, Filters filters, List<TypeSummary> types, StoredIndex index,
                          Encryption encryption, List<String> warnings, List<ItemError> errors,
                          List<VolumeSnapshotRecord> volumeSnapshots, List<HookArtifactRecord> artifacts) {
        this(formatVersion, kind, name, null, startTime, endTime, status, objectCount, totalBytes, labels, cluster, filters,
                types, index, encryption, warnings, errors, volumeSnapshots, artifacts, List.of(), List.of(), null, null);
    }

    /**
     * The backup's spec as the manifest records it, field for field as it always did (the selection flattened):
     * readers of older and newer manifests find the same document.
     */
    public record Filters(
            String name,
            List<String> includeNamespaces,
            List<String> excludeNamespaces,
            List<String> includeResources,
            List<String> excludeResources,
            String labelSelector,
            Boolean includeClusterResources,
            boolean includeOwnedPods,
            int pageSize,
            Map<String, String> labels,
            BackupSpec.EncryptionMode encryption,
            boolean snapshotVolumes,
            Map<String, String> volumeSnapshotClasses,
            String defaultVolumeSnapshotClass,
            java.time.Duration snapshotTimeout,
            List<io.jenkins.plugins.k8sbackup.hooks.HookSpec> hooks) {
        public static Filters of(BackupSpec spec) {
            var s = spec.selection();
            return new Filters(spec.name(), s.includeNamespaces(), s.excludeNamespaces(), s.includeResources(),
                    s.excludeResources(), s.labelSelector(), s.includeClusterResources(), spec.includeOwnedPods(),
                    spec.pageSize(), spec.labels(), spec.encryption(), spec.snapshotVolumes(), spec.volumeSnapshotClasses(),
                    spec.defaultVolumeSnapshotClass(), spec.snapshotTimeout(), spec.hooks());
        }
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

    /**
     * {@code keyDerivation}: how a passphrase became this backup's key (format 3 on); null for a key given as such and
     * before format 3 (whose passphrases were hashed with unsalted SHA-256).
     */
    public record Encryption(String mode, String keyFingerprint, long encryptedObjects,
                             io.jenkins.plugins.k8sbackup.crypto.KeyDerivation keyDerivation) {
        public Encryption(String mode, String keyFingerprint, long encryptedObjects) {
            this(mode, keyFingerprint, encryptedObjects, null);
        }
    }

    /** How a passphrase became this backup's key, or null (see {@link Encryption}). */
    public io.jenkins.plugins.k8sbackup.crypto.KeyDerivation keyDerivation() {
        return encryption == null ? null : encryption.keyDerivation();
    }

    public record ItemError(String resource, String namespace, String name, String reason) {
        @Override
        public String toString() {
            String where = resource + (namespace == null ? "" : " " + namespace + "/") + (name == null ? "" : (namespace == null ? " " : "") + name);
            return where + ": " + reason;
        }
    }

    /**
     * Objects a fixed rule left out: {@code count} of them, or null when the rule leaves out the whole type without
     * listing it (e.g. events).
     */
    public record Skipped(String resource, Long count, String reason) {
        @Override
        public String toString() {
            return resource + ": " + (count == null ? "all (not listed)" : count) + " skipped, " + reason;
        }
    }

    /**
     * Something that did not go as it should during the run. {@code subject}: the group version or type concerned
     * ("api-server" for throttling). {@code incomplete}: objects the selection takes may be missing from the backup,
     * which makes it PartiallyFailed.
     */
    public record Degradation(DegradationKind kind, String subject, String detail, boolean incomplete) {
        @Override
        public String toString() {
            return kind + " " + subject + ": " + detail + (incomplete ? " (objects may be missing)" : "");
        }
    }

    public enum DegradationKind {
        /** A group version's discovery answered with an error: its types were not read. */
        DiscoveryFailed,
        /** Aggregated discovery marks a group version Stale (an APIService without a live backend): its types were not read. */
        DiscoveryStale,
        /** A list's continue token expired (410 Gone) and the list restarted after the last object read. */
        ListRestarted,
        /** The API server answered 429 Too Many Requests often (see BackupRunner.THROTTLED_THRESHOLD); each was retried. */
        Throttled
    }

    public boolean hasEncryptedObjects() {
        return encryption != null && encryption.encryptedObjects() > 0;
    }
}
