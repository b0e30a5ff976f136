package io.jenkins.plugins.k8sbackup.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupLease;
import io.jenkins.plugins.k8sbackup.catalog.BackupLocks;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffRunner;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.util.Optional;

/** A backup compared with the live cluster, as the CLI and the Jenkins step run it. */
public final class DiffOperation {
    private DiffOperation() {}

    public static DiffReport run(KubeTarget kube, StorageTarget storageTarget, DiffSpec spec, Optional<EncryptionKey> key,
                                 ProgressListener progress) throws IOException, InterruptedException {
        try (KubernetesClient client = kube.client(); BackupStorage storage = storageTarget.open();
             BackupLease lease = BackupLocks.readLease(storage, BackupKind.KUBERNETES, spec.backupName(), "diff", progress);
             // after the lease: no delete under way; closing the reader deletes its verified archive copies
             BackupReader reader = BackupReader.open(storage, spec.backupName(), key)) {
            return new DiffRunner(client, kube.caller(), reader, progress).run(spec);
        }
    }
}
