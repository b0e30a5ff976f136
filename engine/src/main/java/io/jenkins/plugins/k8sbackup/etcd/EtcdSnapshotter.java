package io.jenkins.plugins.k8sbackup.etcd;

import io.etcd.jetcd.Client;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupInUseException;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.catalog.BackupNameTakenException;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.LeaseTimes;
import io.jenkins.plugins.k8sbackup.crypto.EncryptingOutputStream;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.StorageWriter;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.util.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Takes an etcd snapshot through the maintenance API and streams it into storage as
 * {@code etcd/<name>/snapshot.db} (or {@code snapshot.db.enc}), stores the control-plane files kept with it
 * (see {@link KeptFileStore}), then writes {@code manifest.json} last. The kept files are read, and refused
 * (a secret without a key, a link, a missing file), before etcd is contacted. Any failure (etcd gone, storage
 * gone, a snapshot whose embedded hash is wrong) aborts the write: no manifest, no snapshot object, nothing a
 * restore could mistake for a good snapshot.
 */
public final class EtcdSnapshotter {
    /** 32 KiB chunks (etcd's size) x 256 = at most 8 MiB waiting for storage. */
    private static final int QUEUE_CHUNKS = 256;

    private EtcdSnapshotter() {}

    public static EtcdSnapshotResult snapshot(EtcdConnection connection, EtcdSnapshotOptions options, BackupStorage storage)
            throws IOException {
        return snapshot(connection, options, storage, Clock.systemUTC());
    }

    static EtcdSnapshotResult snapshot(EtcdConnection connection, EtcdSnapshotOptions options, BackupStorage storage,
                                       Clock clock) throws IOException {
        String name = options.name();
        EncryptionKey key = options.encryptionKey();
        // the kept files are read and refused (secrets without a key) before the name is even claimed
        List<KeptFileReader.Read> keep = KeptFileReader.read(options.includePki(), options.includeFiles(), key != null);
        BackupLease claim;
        try {
            claim = new BackupLocks(storage, BackupKind.ETCD, clock, LeaseTimes.DEFAULT, null).claim(name, "etcd-snapshot");
        } catch (BackupNameTakenException | BackupInUseException e) {
            throw new EtcdSnapshotException("etcd snapshot: " + e.getMessage(), e);
        }
        try (claim) {
            return snapshot(connection, options, storage, clock, claim, key, keep);
        }
    }

    private static EtcdSnapshotResult snapshot(EtcdConnection connection, EtcdSnapshotOptions options, BackupStorage storage,
                                               Clock clock, BackupLease claim, EncryptionKey key,
                                               List<KeptFileReader.Read> keep) throws IOException {
        String name = options.name();
        Instant start = clock.instant();
        String file = key == null ? EtcdSnapshotManifest.PLAIN_FILE : EtcdSnapshotManifest.ENCRYPTED_FILE;
        String snapshotKey = BackupKind.ETCD.keyOf(name, file);
        String manifestKey = BackupKind.ETCD.keyOf(name, BackupCatalog.MANIFEST);

        EtcdClusterStatus status;
        Long revisionAtEnd;
        Sha256.DigestingOutputStream plain;
        Sha256.DigestingOutputStream stored;
        SnapshotIntegrity integrity;
        KeptFileStore.Stored kept;
        try (Client client = EtcdClients.open(connection)) {
            status = EtcdClusterStatus.read(client, connection);
            StorageWriter writer = storage.create(snapshotKey);
            SnapshotStream stream = new SnapshotStream(QUEUE_CHUNKS);
            boolean published = false;
            try {
                stored = new Sha256.DigestingOutputStream(writer);
                OutputStream sealed = key == null ? stored : new EncryptingOutputStream(stored, key, snapshotKey);
                SnapshotIntegrity.Check check = new SnapshotIntegrity.Check(sealed);
                plain = new Sha256.DigestingOutputStream(check);
                client.getMaintenanceClient().snapshot(stream);
                stream.drainTo(plain, options.idleTimeout(), connection);
                integrity = check.result();
                if (!integrity.ok()) {
                    throw new EtcdSnapshotException("the snapshot received from " + connection.endpoints()
                            + " is damaged: " + integrity.describe());
                }
                plain.close(); // publishes the object: only now is it complete
                published = true;
                revisionAtEnd = revisionAfter(client, connection);
                kept = KeptFileStore.store(storage, name, keep, key);
            } catch (IOException | RuntimeException | Error e) {
                stream.cancel();
                if (!published) {
                    writer.abort();
                }
                removeLeftovers(storage, name, claim);
                if (e instanceof IOException && !(e instanceof EtcdSnapshotException)) {
                    throw new EtcdSnapshotException("storing etcd snapshot '" + name + "' at " + storage.describe()
                            + " failed: " + e.getMessage(), e);
                }
                throw e;
            }
        }

        Instant end = clock.instant();
        EtcdSnapshotManifest manifest = new EtcdSnapshotManifest(EtcdSnapshotManifest.FORMAT_VERSION,
                EtcdSnapshotManifest.KIND, name, start, end, BackupStatus.Completed, 1 + kept.files().size(),
                stored.count() + kept.bytes(), options.labels(), status.etcdVersion(), status.revision(), status.dbSize(),
                status.clusterId(), status.endpoint(), status.members(), file, plain.count(), plain.hex(), stored.hex(),
                key != null, key == null ? null : key.fingerprint(), revisionAtEnd,
                revisionAtEnd != null && revisionAtEnd == status.revision() ? revisionAtEnd : null,
                options.includePki() == null ? null : KeptFileReader.normalise(options.includePki()).toString(), kept.files());
        try {
            claim.publish(manifestKey, Json.PRETTY.writeValueAsBytes(manifest));
        } catch (IOException | RuntimeException e) {
            removeLeftovers(storage, name, claim);
            throw e;
        }
        return new EtcdSnapshotResult(manifest, storage.describe(), snapshotKey, manifestKey,
                end.toEpochMilli() - start.toEpochMilli());
    }

    /** The revision once the snapshot is in; null when etcd no longer answers (the snapshot itself is complete). */
    private static Long revisionAfter(Client client, EtcdConnection connection) {
        try {
            return EtcdClusterStatus.revision(client, connection);
        } catch (EtcdSnapshotException unknown) {
            return null;
        }
    }

    /** The name is claimed, so everything under it is ours to remove, unless the claim was lost meanwhile. */
    private static void removeLeftovers(BackupStorage storage, String name, BackupLease claim) {
        if (!claim.stillHeld()) {
            return;
        }
        try {
            storage.deletePrefix(BackupKind.ETCD.prefixOf(name));
        } catch (IOException | RuntimeException cleanupFailed) {
            // Without a manifest the leftovers are listed as Incomplete and never restored.
        }
    }
}
