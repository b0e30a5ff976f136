package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupDamage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** k8sRestore of a damaged backup: refused (FAILURE) unless allowPartial, which restores the intact types (UNSTABLE). */
class RestoreIntegrityStepTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "restore-shop", 7);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN));
        K8sBackupStep backup = cluster.connect(new K8sBackupStep(), "k8s");
        backup.setIncludeNamespaces(List.of("shop"));
        backup.setName("b-1");
        h.run(backup);
        new BackupDamage(new LocalDirectoryStorage(h.workspaceDir.resolve("backups")))
                .flipByte(BackupDamage.archive("b-1", "configmaps"));
    }

    private K8sRestoreStep restoreIntoACopy() {
        K8sRestoreStep step = cluster.connect(new K8sRestoreStep("b-1"), "k8s");
        step.setNamespaceMapping(Map.of("shop", "shop-copy-" + System.nanoTime()));
        step.setWaitTimeout("5s");
        return step;
    }

    @Test
    void aDamagedBackupFailsTheStepAndWritesNothing() throws Exception {
        K8sRestoreStep step = restoreIntoACopy();

        Throwable failure = h.runFailing(step);

        assertThat(failure).hasMessageContaining("Failed");
        assertThat(h.log()).contains("damaged: configmaps (backups/b-1/resources/configmaps.tar.zst): SHA-256 mismatch")
                .contains("restore b-1: Failed, created 0");
        assertThat(cluster.client().namespaces().withName(step.getNamespaceMapping().get("shop")).get()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void allowPartialRestoresTheIntactTypesAndMarksTheBuildUnstable() throws Exception {
        K8sRestoreStep step = restoreIntoACopy();
        step.setAllowPartial(true);
        String target = step.getNamespaceMapping().get("shop");

        Map<String, Object> report = (Map<String, Object>) h.run(step);

        assertThat(report).containsEntry("status", "PartiallyFailed").containsEntry("exitCode", 3);
        assertThat(h.result()).isEqualTo(Result.UNSTABLE);
        assertThat((List<String>) report.get("errors")).anySatisfy(e -> assertThat(e).contains("not restored").contains("configmaps"));
        assertThat(cluster.client().services().inNamespace(target).list().getItems()).isNotEmpty();
        assertThat(cluster.client().configMaps().inNamespace(target).list().getItems()).isEmpty();
    }
}
