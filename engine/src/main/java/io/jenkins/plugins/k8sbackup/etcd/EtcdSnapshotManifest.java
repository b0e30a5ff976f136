package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.ManifestEncryption;
import io.jenkins.plugins.k8sbackup.catalog.ManifestHeader;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code etcd/<name>/manifest.json}: the common {@link ManifestHeader} fields at top level, then what etcd
 * reported. {@code revision} is the cluster revision read just before the snapshot started and
 * {@code revisionAtEnd} the one read after it was received, so the snapshot holds a revision between the two;
 * {@code snapshotRevision} is that exact revision when both are equal (no write in between), else null.
 * {@code members} is the member list at snapshot time. {@code sha256} is of the plain snapshot (identical to
 * what {@code etcdctl snapshot save} writes); {@code storedSha256} of the stored object, which differs only when
 * encrypted. {@code files} are the control-plane files kept with the snapshot ({@code pkiDir}: the PKI directory
 * they came from, or null). Manifests written before the kit existed lack the last four fields (null).
 */
public record EtcdSnapshotManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                                   BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                                   String etcdVersion, long revision, long dbSize, String clusterId, String endpoint,
                                   List<EtcdMember> members, String snapshotFile, long snapshotBytes, String sha256,
                                   String storedSha256, boolean encrypted, String keyFingerprint, Long revisionAtEnd,
                                   Long snapshotRevision, String pkiDir, List<KeptFile> files) {
    public static final int FORMAT_VERSION = 1;
    public static final String KIND = "etcd";
    public static final String PLAIN_FILE = "snapshot.db";
    public static final String ENCRYPTED_FILE = "snapshot.db.enc";

    /** The kept files; empty for manifests without any. */
    public List<KeptFile> keptFiles() {
        return files == null ? List.of() : files;
    }

    public ManifestHeader header() {
        return new ManifestHeader(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels,
                null, null, ManifestEncryption.read(BackupKind.ETCD, Json.MAPPER.valueToTree(this)));
    }
}
