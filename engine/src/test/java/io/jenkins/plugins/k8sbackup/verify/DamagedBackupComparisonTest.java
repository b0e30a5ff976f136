package io.jenkins.plugins.k8sbackup.verify;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.diff.DiffReport;
import io.jenkins.plugins.k8sbackup.diff.DiffRunner;
import io.jenkins.plugins.k8sbackup.diff.DiffSpec;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.testing.BackupDamage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff and verify read the backup too: they check its archives first, and a damaged one fails them. */
class DamagedBackupComparisonTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        t.backupShop("b1", null);
        new BackupDamage(t.storage).flipByte(BackupDamage.archive("b1", "configmaps"));
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    @Test
    void diffReportsTheDamagedArchiveAsAnErrorAndComparesTheRest() throws Exception {
        DiffReport r;
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b1", Optional.empty())) {
            r = new DiffRunner(client, BackupFixture.fastCaller(), reader, t.fixture.progress)
                    .run(DiffSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).build());
        }

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("configmaps (backups/b1/resources/configmaps.tar.zst): SHA-256 mismatch"));
        assertThat(r.compared()).isPositive();
        assertThat(r.missing()).isEmpty();
        assertThat(r.added()).noneMatch(a -> a.resource().equals("configmaps"));
    }

    @Test
    void verifyFailsOnTheDamagedArchive() throws Exception {
        VerifyReport r;
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b1", Optional.empty())) {
            r = new VerifyRunner(client, BackupFixture.fastCaller(), reader, t.fixture.progress)
                    .run(VerifySpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).includeResources(List.of("configmaps", "services"))
                            .timeout(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).build());
        }

        assertThat(r.result()).isEqualTo(RunStatus.Failed);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.objects()).anySatisfy(v -> {
            assertThat(v.resource()).isEqualTo("configmaps");
            assertThat(v.verdict()).isEqualTo("archive-damaged");
            assertThat(v.outcome()).isEqualTo(VerifyReport.Outcome.fail);
            assertThat(v.name()).isEqualTo("backups/b1/resources/configmaps.tar.zst");
        });
        assertThat(r.objects()).filteredOn(v -> v.resource().equals("services")).isNotEmpty().allMatch(v -> v.verdict().equals("match"));
    }
}
