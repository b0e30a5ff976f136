package io.jenkins.plugins.k8sbackup.etcd;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import java.nio.file.Path;

/**
 * What {@link EtcdRestorer#restore} does with one kit: restore {@code member} into the new {@code dataDir} (both or
 * neither), and/or put the kept PKI files below {@code pkiTo} and the kept single files below {@code filesTo}.
 * {@code initialCluster}, {@code initialClusterToken} and {@code initialAdvertisePeerUrls} override the defaults
 * worked out from the recorded member list (null: default). {@code preview} writes nothing.
 */
public record EtcdRestoreOptions(String name, EncryptionKey encryptionKey, String member, Path dataDir,
                                 String initialCluster, String initialClusterToken, String initialAdvertisePeerUrls,
                                 Path pkiTo, Path filesTo, boolean preview) {

    public EtcdRestoreOptions {
        BackupCatalog.checkName(name);
        if ((member == null) != (dataDir == null)) {
            throw new IllegalArgumentException("--member and --data-dir go together: the member to restore and its new data directory");
        }
        if (member == null && pkiTo == null && filesTo == null) {
            throw new IllegalArgumentException("nothing to restore: give --member and --data-dir, and/or --pki-to or --files-to");
        }
        if (member == null && (initialCluster != null || initialClusterToken != null || initialAdvertisePeerUrls != null)) {
            throw new IllegalArgumentException("--initial-cluster, --initial-cluster-token and --initial-advertise-peer-urls"
                    + " need --member");
        }
    }

    /** Restores {@code member} of snapshot {@code name} into {@code dataDir}, with the recorded topology. */
    public static EtcdRestoreOptions member(String name, String member, Path dataDir) {
        return new EtcdRestoreOptions(name, null, member, dataDir, null, null, null, null, null, false);
    }

    /** Restores only kept files. */
    public static EtcdRestoreOptions filesOnly(String name, Path pkiTo, Path filesTo) {
        return new EtcdRestoreOptions(name, null, null, null, null, null, null, pkiTo, filesTo, false);
    }

    public EtcdRestoreOptions withKey(EncryptionKey key) {
        return new EtcdRestoreOptions(name, key, member, dataDir, initialCluster, initialClusterToken,
                initialAdvertisePeerUrls, pkiTo, filesTo, preview);
    }

    public EtcdRestoreOptions withTopology(String cluster, String token, String advertisePeerUrls) {
        return new EtcdRestoreOptions(name, encryptionKey, member, dataDir, cluster, token, advertisePeerUrls, pkiTo,
                filesTo, preview);
    }

    public EtcdRestoreOptions withKeptFilesTo(Path pki, Path files) {
        return new EtcdRestoreOptions(name, encryptionKey, member, dataDir, initialCluster, initialClusterToken,
                initialAdvertisePeerUrls, pki, files, preview);
    }

    public EtcdRestoreOptions asPreview() {
        return new EtcdRestoreOptions(name, encryptionKey, member, dataDir, initialCluster, initialClusterToken,
                initialAdvertisePeerUrls, pkiTo, filesTo, true);
    }

    @Override
    public String toString() {
        return "EtcdRestoreOptions[name=" + name + ", member=" + member + ", dataDir=" + dataDir + ", pkiTo=" + pkiTo
                + ", filesTo=" + filesTo + ", preview=" + preview + ", key=" + (encryptionKey != null) + "]";
    }
}
