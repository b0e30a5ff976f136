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
import io.jenkins.plugins.k8sbackup.archive.ArchivePaths;
import io.jenkins.plugins.k8sbackup.selection.CheckedSelection;
import io.jenkins.plugins.k8sbackup.selection.Selection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diff and verify read the backup too: they check its archives' sizes and SHA-256s first, and a damaged one fails
 * them; an archive that matches the manifest but not its index fails them object by object, as they read it.
 */
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

    @Test
    void anArchiveThatDisagreesWithItsIndexFailsDiffAndVerifyPerObjectAndRestoreBeforeWriting() throws Exception {
        for (int i = 1; i <= 3; i++) { // the shop has too few ConfigMaps for three kinds of damage
            t.cluster.client().configMaps().inNamespace(SampleApp.NAMESPACES.get(0)).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata().withName("extra-" + i).endMetadata().addToData("k", "v" + i).build()).create();
        }
        t.backupShop("b2", null);
        List<String> paths = new ArrayList<>();
        new BackupDamage(t.storage).repack("b2", "configmaps", entries -> {
            entries.forEach(e -> paths.add(e.path()));
            List<BackupDamage.Entry> edited = new ArrayList<>(entries.subList(1, entries.size())); // the first is lost
            BackupDamage.Entry second = edited.get(0);
            edited.set(0, new BackupDamage.Entry(second.path(), new String(second.data(), StandardCharsets.UTF_8)
                    .replaceFirst("\\{", "{\"extra\":1,").getBytes(StandardCharsets.UTF_8))); // altered
            edited.add(edited.get(1)); // and the third comes twice
            return edited;
        });
        assertThat(paths).hasSizeGreaterThanOrEqualTo(3);

        DiffReport diff;
        VerifyReport verify;
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b2", Optional.empty())) {
            diff = new DiffRunner(client, BackupFixture.fastCaller(), reader, t.fixture.progress)
                    .run(DiffSpec.builder("b2").includeNamespaces(SampleApp.NAMESPACES).build());
        }
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b2", Optional.empty())) {
            verify = new VerifyRunner(client, BackupFixture.fastCaller(), reader, t.fixture.progress)
                    .run(VerifySpec.builder("b2").includeNamespaces(SampleApp.NAMESPACES).includeResources(List.of("configmaps"))
                            .timeout(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).build());
        }

        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.errors()).anySatisfy(e -> assertThat(e).contains(name(paths.get(0))).contains("is not in the archive"))
                .anySatisfy(e -> assertThat(e).contains(name(paths.get(1))).contains("SHA-256 mismatch"))
                .anySatisfy(e -> assertThat(e).contains(name(paths.get(2))).contains("twice"));
        assertThat(diff.compared()).isPositive();
        assertThat(verify.result()).isEqualTo(RunStatus.Failed);
        for (String path : paths.subList(0, 3)) {
            assertThat(verify.objects()).anySatisfy(v -> {
                assertThat(v.name()).isEqualTo(name(path));
                assertThat(v.verdict()).isEqualTo("unreadable");
                assertThat(v.outcome()).isEqualTo(VerifyReport.Outcome.fail);
            });
        }
        // restore unpacks every archive before its first write: the same archive is damaged there, nothing written
        try (BackupReader reader = BackupReader.open(t.storage, "b2", Optional.empty())) {
            CheckedSelection checked = CheckedSelection.check(reader, Selection.builder().includeNamespaces(SampleApp.NAMESPACES).build(),
                    t.fixture.progress);
            assertThat(checked.integrity().damagedTypes()).containsExactly("configmaps");
        }
    }

    private static String name(String path) {
        return ArchivePaths.parse(path).name();
    }
}
