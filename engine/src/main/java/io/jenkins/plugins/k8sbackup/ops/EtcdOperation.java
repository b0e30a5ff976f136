package io.jenkins.plugins.k8sbackup.ops;

import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.etcd.EtcdConnection;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestoreOptions;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestorePlan;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestoreResult;
import io.jenkins.plugins.k8sbackup.etcd.EtcdRestorer;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotOptions;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotRun;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotVerifier;
import io.jenkins.plugins.k8sbackup.etcd.EtcdSnapshotter;
import io.jenkins.plugins.k8sbackup.etcd.EtcdVerifyResult;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** etcd snapshots taken, verified and restored from end to end, as the CLI and the Jenkins step run them. */
public final class EtcdOperation {
    private EtcdOperation() {}

    /** Stores a snapshot; with {@code verify}, then checks it there with a trial restore (needs etcdctl or etcdutl). */
    public static EtcdSnapshotRun snapshot(EtcdConnection connection, EtcdSnapshotOptions options, StorageTarget target,
                                           boolean verify) throws IOException {
        try (BackupStorage storage = target.open()) {
            var stored = EtcdSnapshotter.snapshot(connection, options, storage);
            EtcdVerifyResult verified = verify
                    ? EtcdSnapshotVerifier.verify(storage, options.name(), Optional.ofNullable(options.encryptionKey()), true)
                    : null;
            return new EtcdSnapshotRun(stored, verified);
        }
    }

    /** Checks a stored snapshot; with {@code snapshotTo}, also writes the verified plain snapshot there (must not exist). */
    public static EtcdVerifyResult verify(StorageTarget target, String name, Optional<EncryptionKey> key, Path snapshotTo,
                                          boolean trialRestore) throws IOException {
        try (BackupStorage storage = target.open()) {
            return snapshotTo == null ? EtcdSnapshotVerifier.verify(storage, name, key, trialRestore)
                    : EtcdSnapshotVerifier.fetch(storage, name, key, snapshotTo, trialRestore);
        }
    }

    /** Restores one member's data directory and/or the kept files (a preview writes nothing). */
    public static EtcdRestoreResult restore(StorageTarget target, EtcdRestoreOptions options) throws IOException {
        try (BackupStorage storage = target.open()) {
            return EtcdRestorer.restore(storage, options);
        }
    }

    /** Every member's restore command, for running by hand; restores nothing. */
    public static EtcdRestorePlan plan(StorageTarget target, String name, String initialCluster, String token, String dataDir)
            throws IOException {
        try (BackupStorage storage = target.open()) {
            return EtcdRestorePlan.of(storage, name, initialCluster, token, dataDir);
        }
    }
}
