package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.storage.BackupStorage;
import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.storage.StorageFactory;
import io.jenkins.plugins.k8sbackup.testing.BackupDamage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testing.ForwardingStorage;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pre-restore check against S3: damage found before any write, and each archive downloaded once. */
class S3RestoreIntegrityTest {
    @RegisterExtension
    static final S3ProxyFixture S3 = new S3ProxyFixture();

    @TempDir
    Path dir;
    RestoreTestSupport t;
    BackupStorage s3;
    WorkloadSimulator simulator;

    /** Counts every download, by key. */
    static final class CountingStorage extends ForwardingStorage {
        final Map<String, Integer> opens = new TreeMap<>();

        CountingStorage(BackupStorage delegate) {
            super(delegate);
        }

        @Override
        public synchronized InputStream open(String key) throws IOException {
            opens.merge(key, 1, Integer::sum);
            return delegate.open(key);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        simulator = new WorkloadSimulator(t.cluster.client());
        s3 = StorageFactory.open(S3.uniqueUri(), S3.credentials());
        t.fixture.backup(t.cluster, s3, BackupSpec.builder().name("b1").includeNamespaces(SampleApp.NAMESPACES).build(), null);
        t.deleteNamespaces(SampleApp.NAMESPACES);
        t.cluster.clearWriteLog();
    }

    @AfterEach
    void tearDown() throws IOException {
        simulator.close();
        s3.close();
        t.close();
    }

    private RestoreReport restore(BackupStorage storage) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(storage, "b1", Optional.empty())) {
            return new RestoreRunner(client, BackupFixture.fastCaller(), reader, t.fixture.progress)
                    .run(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).build());
        }
    }

    @Test
    void aFlippedByteInAnS3ArchiveRefusesTheRestoreBeforeAnyWrite() throws Exception {
        new BackupDamage(s3).flipByte(BackupDamage.archive("b1", "deployments.apps"));
        Map<String, String> before = t.snapshot();

        RestoreReport r = restore(s3);

        assertThat(r.status()).isEqualTo(RunStatus.Failed);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e)
                .startsWith("deployments.apps (backups/b1/resources/deployments.apps.tar.zst): SHA-256 mismatch"));
        assertThat(t.cluster.writeLog()).isEmpty();
        assertThat(t.snapshot()).isEqualTo(before);
    }

    @Test
    void anIntactRestoreDownloadsEachArchiveOnce() throws Exception {
        CountingStorage counting = new CountingStorage(s3);

        RestoreReport r = restore(counting);

        assertThat(r.status()).as(r.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(counting.opens).containsKeys(BackupDamage.archive("b1", "configmaps"), BackupDamage.archive("b1", "deployments.apps"))
                .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    }
}
