package io.jenkins.plugins.k8sbackup.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/** One backup from end to end, as the CLI and the Jenkins step run it. */
public final class BackupOperation {
    private BackupOperation() {}

    public static BackupResult run(KubeTarget kube, StorageTarget storageTarget, BackupSpec spec, RetentionPolicy retention,
                                   Optional<EncryptionKey> key, ProgressListener progress) throws IOException, InterruptedException {
        try (KubernetesClient client = kube.client(); BackupStorage storage = storageTarget.open()) {
            return new BackupRunner(client, kube.caller(), storage, key, progress, Clock.systemUTC()).run(spec, retention);
        }
    }
}
