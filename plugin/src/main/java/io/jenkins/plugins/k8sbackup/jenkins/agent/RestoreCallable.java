package io.jenkins.plugins.k8sbackup.jenkins.agent;

import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.jenkins.cluster.ClusterConnection;
import io.jenkins.plugins.k8sbackup.jenkins.storage.ResolvedStorage;
import io.jenkins.plugins.k8sbackup.jenkins.util.LogProgress;
import io.jenkins.plugins.k8sbackup.ops.KubeTarget;
import io.jenkins.plugins.k8sbackup.ops.StorageTarget;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import java.io.IOException;
import java.util.Optional;

/** On the agent: picks the backup ('latest' among matching ones), then restores, verifies or diffs it. */
public final class RestoreCallable extends ClusterCallable {
    private static final long serialVersionUID = 1L;

    private final RestoreRequest restore;
    private final VerifyRequest verify;
    private final DiffRequest diff;

    private RestoreCallable(ClusterConnection cluster, ResolvedStorage storage, RestoreRequest restore, VerifyRequest verify,
                            DiffRequest diff, Optional<EncryptionKey> key, LogProgress progress) {
        super(cluster, storage, key, progress);
        this.restore = restore;
        this.verify = verify;
        this.diff = diff;
    }

    public static RestoreCallable restore(ClusterConnection cluster, ResolvedStorage storage, RestoreRequest request,
                                          Optional<EncryptionKey> key, LogProgress progress) {
        return new RestoreCallable(cluster, storage, request, null, null, key, progress);
    }

    public static RestoreCallable verify(ClusterConnection cluster, ResolvedStorage storage, VerifyRequest request,
                                         Optional<EncryptionKey> key, LogProgress progress) {
        return new RestoreCallable(cluster, storage, null, request, null, key, progress);
    }

    public static RestoreCallable diff(ClusterConnection cluster, ResolvedStorage storage, DiffRequest request,
                                       Optional<EncryptionKey> key, LogProgress progress) {
        return new RestoreCallable(cluster, storage, null, null, request, key, progress);
    }

    @Override
    protected StepOutcome run(KubeTarget kube, StorageTarget target, Optional<EncryptionKey> key)
            throws IOException, InterruptedException {
        String name = selectBackup(target, restore != null ? restore.ref() : verify != null ? verify.ref() : diff.ref());
        if (restore != null) {
            return EngineBridge.restore(kube, target, name, restore, key, progress);
        }
        if (diff != null) {
            return EngineBridge.diff(kube, target, name, diff, key, progress);
        }
        return EngineBridge.verify(kube, target, name, verify, key, progress);
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
