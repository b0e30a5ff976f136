package io.jenkins.plugins.k8sbackup.jenkins.engine;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/** On the agent: picks the backup ('latest' among matching ones), then restores or verifies it. */
public final class RestoreCallable extends MasterToSlaveFileCallable<StepOutcome> {
    private static final long serialVersionUID = 1L;

    private final ClusterConnection cluster;
    private final ResolvedStorage storage;
    private final RestoreRequest restore;
    private final VerifyRequest verify;
    private final EncryptionKey key;
    private final LogProgress progress;

    private RestoreCallable(ClusterConnection cluster, ResolvedStorage storage, RestoreRequest restore, VerifyRequest verify,
                            Optional<EncryptionKey> key, LogProgress progress) {
        this.cluster = cluster;
        this.storage = storage;
        this.restore = restore;
        this.verify = verify;
        this.key = key.orElse(null);
        this.progress = progress;
    }

    public static RestoreCallable restore(ClusterConnection cluster, ResolvedStorage storage, RestoreRequest request,
                                          Optional<EncryptionKey> key, LogProgress progress) {
        return new RestoreCallable(cluster, storage, request, null, key, progress);
    }

    public static RestoreCallable verify(ClusterConnection cluster, ResolvedStorage storage, VerifyRequest request,
                                         Optional<EncryptionKey> key, LogProgress progress) {
        return new RestoreCallable(cluster, storage, null, request, key, progress);
    }

    @Override
    public StepOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        StorageTarget target = storage.target(workspace);
        BackupRef ref = restore != null ? restore.ref() : verify.ref();
        String name = selectBackup(target, ref);
        if (restore != null) {
            return EngineBridge.restore(cluster.target(), target, name, restore, Optional.ofNullable(key), progress);
        }
        return EngineBridge.verify(cluster.target(), target, name, verify, Optional.ofNullable(key), progress);
    }

    private String selectBackup(StorageTarget target, BackupRef ref) throws IOException {
        if (!ref.isLatest()) {
            return ref.backup();
        }
        try (BackupStorage opened = target.open()) {
            String name = ref.resolve(new BackupCatalog(opened, BackupKind.KUBERNETES).list(), storage.describe());
            progress.info("using backup " + name + " (latest matching)");
            return name;
        }
    }
}
