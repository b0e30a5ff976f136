package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.ManifestHeader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code etcd/<name>/manifest.json}: the common {@link ManifestHeader} fields at top level, then what etcd
 * reported. {@code revision} is the cluster revision read just before the snapshot started, so the snapshot
 * holds at least that revision (verification reports the exact one). {@code sha256} is of the plain snapshot
 * (identical to what {@code etcdctl snapshot save} writes); {@code storedSha256} of the stored object, which
 * differs only when encrypted.
 */
public record EtcdSnapshotManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                                   BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                                   String etcdVersion, long revision, long dbSize, String clusterId, String endpoint,
                                   List<EtcdMember> members, String snapshotFile, long snapshotBytes, String sha256,
                                   String storedSha256, boolean encrypted, String keyFingerprint) {
    public static final int FORMAT_VERSION = 1;
    public static final String KIND = "etcd";
    public static final String PLAIN_FILE = "snapshot.db";
    public static final String ENCRYPTED_FILE = "snapshot.db.enc";

    public ManifestHeader header() {
        return new ManifestHeader(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels,
                null, null);
    }
}
