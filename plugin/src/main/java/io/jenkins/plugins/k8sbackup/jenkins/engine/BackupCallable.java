package io.jenkins.plugins.k8sbackup.jenkins.engine;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.ops.BackupOperation;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/** Runs one Kubernetes backup on the agent that holds the workspace; everything it needs was resolved on the controller. */
public final class BackupCallable extends MasterToSlaveFileCallable<StepOutcome> {
    private static final long serialVersionUID = 1L;

    private final ClusterConnection cluster;
    private final ResolvedStorage storage;
    private final BackupSpec spec;
    private final RetentionPolicy retention;
    private final EncryptionKey key;
    private final LogProgress progress;

    public BackupCallable(ClusterConnection cluster, ResolvedStorage storage, BackupSpec spec, RetentionPolicy retention,
                          Optional<EncryptionKey> key, LogProgress progress) {
        this.cluster = cluster;
        this.storage = storage;
        this.spec = spec;
        this.retention = retention;
        this.key = key.orElse(null);
        this.progress = progress;
    }

    @Override
    public StepOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return StepOutcome.of(BackupOperation.run(cluster.target(), storage.target(workspace), spec, retention,
                Optional.ofNullable(key), progress));
    }
}
