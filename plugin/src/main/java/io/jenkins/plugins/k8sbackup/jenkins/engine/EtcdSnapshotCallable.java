package io.jenkins.plugins.k8sbackup.jenkins.engine;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.credentials.EtcdTls;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Takes an etcd snapshot from the agent (which must reach the etcd endpoints) into the storage.
 * TODO(etcd branch): EtcdSnapshotter with EtcdSnapshotOptions built from these fields (TLS PEM written to a
 * 0600 temp directory in the workspace and deleted afterwards, or passed in memory if the engine allows).
 */
public final class EtcdSnapshotCallable extends MasterToSlaveFileCallable<StepOutcome> {
    private static final long serialVersionUID = 1L;

    private final List<String> endpoints;
    private final EtcdTls tls;
    private final ResolvedStorage storage;
    private final String name;
    private final boolean verify;
    private final EncryptionKey key;
    private final Map<String, String> labels;
    private final LogProgress progress;

    public EtcdSnapshotCallable(List<String> endpoints, EtcdTls tls, ResolvedStorage storage, String name, boolean verify,
                                EncryptionKey key, Map<String, String> labels, LogProgress progress) {
        this.endpoints = List.copyOf(endpoints);
        this.tls = tls;
        this.storage = storage;
        this.name = name;
        this.verify = verify;
        this.key = key;
        this.labels = Map.copyOf(labels);
        this.progress = progress;
    }

    @Override
    public StepOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
        StorageTarget target = storage.target(workspace);
        throw new EngineUnavailableException("etcdSnapshot");
    }
}
