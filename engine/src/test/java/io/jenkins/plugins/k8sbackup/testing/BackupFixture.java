package io.jenkins.plugins.k8sbackup.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.crypto.EncryptionKey;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.kube.KubeClients;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreRunner;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the engine against an embedded cluster the way the CLI and plugin do, collecting its log. */
public final class BackupFixture {
    public final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>()); // the engine logs from several threads
    public final ProgressListener progress = log::add;

    public KubernetesClient engineClient(MockCluster cluster) {
        return KubeClients.create(cluster.config());
    }

    public static ApiCaller fastCaller() {
        return new ApiCaller(new io.jenkins.plugins.k8sbackup.kube.RateLimiter(10_000, 1_000), 20,
                java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(50));
    }

    public BackupResult backup(MockCluster cluster, BackupStorage storage, BackupSpec spec, EncryptionKey key)
            throws IOException, InterruptedException {
        try (KubernetesClient client = engineClient(cluster)) {
            return new BackupRunner(client, fastCaller(), storage, Optional.ofNullable(key), progress, Clock.systemUTC())
                    .run(spec, new RetentionPolicy(null, null));
        }
    }

    public RestoreReport restore(MockCluster cluster, BackupStorage storage, RestoreSpec spec, EncryptionKey key)
            throws IOException, InterruptedException {
        try (KubernetesClient client = engineClient(cluster)) {
            BackupReader reader = BackupReader.open(storage, spec.backupName(), Optional.ofNullable(key));
            return new RestoreRunner(client, fastCaller(), reader, progress).run(spec);
        }
    }
}
