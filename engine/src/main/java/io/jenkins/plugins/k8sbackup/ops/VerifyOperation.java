package io.jenkins.plugins.k8sbackup.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import io.jenkins.plugins.k8sbackup.verify.VerifyReport;
import io.jenkins.plugins.k8sbackup.verify.VerifyRunner;
import io.jenkins.plugins.k8sbackup.verify.VerifySpec;
import java.io.IOException;
import java.util.Optional;

/** A namespace set verified against a backup, as the CLI and the Jenkins step run it. */
public final class VerifyOperation {
    private VerifyOperation() {}

    public static VerifyReport run(KubeTarget kube, StorageTarget storageTarget, VerifySpec spec, Optional<EncryptionKey> key,
                                   ProgressListener progress) throws IOException, InterruptedException {
        try (KubernetesClient client = kube.client(); BackupStorage storage = storageTarget.open();
             BackupLease lease = BackupLocks.readLease(storage, BackupKind.KUBERNETES, spec.backupName(), "verify", progress);
             // after the lease: no delete under way; closing the reader deletes its verified archive copies
             BackupReader reader = BackupReader.open(storage, spec.backupName(), key)) {
            return new VerifyRunner(client, kube.caller(), reader, progress).run(spec);
        }
    }
}
