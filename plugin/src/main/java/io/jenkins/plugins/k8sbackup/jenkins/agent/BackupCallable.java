package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.ops.BackupOperation;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import java.io.IOException;
import java.util.Optional;

/** Runs one Kubernetes backup on the agent. */
public final class BackupCallable extends ClusterCallable {
    private static final long serialVersionUID = 1L;

    private final BackupSpec spec;
    private final RetentionPolicy retention;

    public BackupCallable(ClusterConnection cluster, ResolvedStorage storage, BackupSpec spec, RetentionPolicy retention,
                          Optional<EncryptionKey> key, LogProgress progress) {
        super(cluster, storage, key, progress);
        this.spec = spec;
        this.retention = retention;
    }

    @Override
    protected StepOutcome run(KubeTarget kube, StorageTarget target, Optional<EncryptionKey> key)
            throws IOException, InterruptedException {
        return StepOutcome.of(BackupOperation.run(kube, target, spec, retention, key, progress));
    }
}
