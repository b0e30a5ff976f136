package io.jenkins.plugins.k8sbackup.jenkins.agent;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.jenkins.util.RemoteFailure;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * One engine operation between a cluster and a storage location, run on the agent that holds the workspace.
 * Everything it needs (connection, storage, key, the masking log) was resolved on the controller.
 */
public abstract class ClusterCallable extends MasterToSlaveFileCallable<StepOutcome> {
    private static final long serialVersionUID = 1L;

    private final ClusterConnection cluster;
    protected final ResolvedStorage storage;
    private final EncryptionKey key; // Optional is not Serializable
    protected final LogProgress progress;

    protected ClusterCallable(ClusterConnection cluster, ResolvedStorage storage, Optional<EncryptionKey> key, LogProgress progress) {
        this.cluster = cluster;
        this.storage = storage;
        this.key = key.orElse(null);
        this.progress = progress;
    }

    @Override
    public final StepOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return RemoteFailure.call(() -> run(cluster.target(), storage.target(workspace), Optional.ofNullable(key)),
                progress.masker().with(storage.secrets()));
    }

    protected abstract StepOutcome run(KubeTarget kube, StorageTarget target, Optional<EncryptionKey> key)
            throws IOException, InterruptedException;
}
