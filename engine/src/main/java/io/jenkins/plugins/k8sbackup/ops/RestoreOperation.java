package io.jenkins.plugins.k8sbackup.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreRunner;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.Optional;

/** One restore (or dry-run) from end to end, as the CLI and the Jenkins step run it. */
public final class RestoreOperation {
    private RestoreOperation() {}

    public static RestoreReport run(KubeTarget kube, StorageTarget storageTarget, RestoreSpec spec,
                                    Optional<EncryptionKey> key, ProgressListener progress) throws IOException, InterruptedException {
        try (KubernetesClient client = kube.client(); BackupStorage storage = storageTarget.open();
             BackupLease lease = BackupLocks.readLease(storage, BackupKind.KUBERNETES, spec.backupName(), "restore", progress);
             // after the lease: no delete under way; closing the reader deletes its verified archive copies
             BackupReader reader = BackupReader.open(storage, spec.backupName(), key)) {
            return new RestoreRunner(client, kube.caller(), reader, progress).run(spec);
        }
    }
}
