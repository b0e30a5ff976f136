package io.jenkins.plugins.k8sbackup.jenkinshome;

import io.jenkins.plugins.k8sbackup.catalog.BackupSeries;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * jenkins/NAME/manifest.json, written last. Starts with the {@link io.jenkins.plugins.k8sbackup.catalog.ManifestHeader}
 * fields so the shared catalog lists it; {@code objectCount} is the number of files in the archive and
 * {@code totalBytes} the stored size of archive plus index. File paths are not here when the backup is
 * encrypted: they are in the encrypted index.
 *
 * @param deletions         paths deleted since {@code baseFull} (diff, unencrypted backups; else null)
 * @param masterKeyObject   storage key of the separately encrypted master.key, if stored
 * @param encryptionKeyFingerprint fingerprint of the key the archive and index are encrypted with, or null
 * @param sourceBytes       bytes of every file the backup read from the home (stored or unchanged since the full);
 *                          restore refuses an index that declares more. Null in a manifest that lacks it.
 * @param expiresAt         when retention may delete it; null: never by expiry (no ttl for JENKINS_HOME yet)
 * @param series            the home's identity and series labels: what keepLastFull and diff bases go by; null in
 *                          older manifests (such backups are never a base or pruned for a series)
 */
public record JenkinsManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                              BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                              BackupMode mode, String baseFull, int deletionCount, List<String> deletions,
                              long homeFileCount, Long sourceBytes, int pluginCount,
                              MasterKeyHandling masterKey, String masterKeyObject, String masterKeyFingerprint,
                              String encryptionKeyFingerprint, String archive, String archiveSha256, String index,
                              SelectionSpec selection, List<String> warnings, Instant expiresAt,
                              BackupSeries series) {
    public static final int FORMAT_VERSION = 1;
    public static final String KIND = "jenkins-home";

    /** A manifest without expiry or series, as before retention went by them. */
    public JenkinsManifest(int formatVersion, String kind, String name, Instant startTime, Instant endTime,
                           BackupStatus status, long objectCount, long totalBytes, Map<String, String> labels,
                           BackupMode mode, String baseFull, int deletionCount, List<String> deletions,
                           long homeFileCount, Long sourceBytes, int pluginCount,
                           MasterKeyHandling masterKey, String masterKeyObject, String masterKeyFingerprint,
                           String encryptionKeyFingerprint, String archive, String archiveSha256, String index,
                           SelectionSpec selection, List<String> warnings) {
        this(formatVersion, kind, name, startTime, endTime, status, objectCount, totalBytes, labels, mode, baseFull,
                deletionCount, deletions, homeFileCount, sourceBytes, pluginCount, masterKey, masterKeyObject,
                masterKeyFingerprint, encryptionKeyFingerprint, archive, archiveSha256, index, selection, warnings,
                null, null);
    }
}
