package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.TestCredentialsStore;
import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupSummary;
import io.jenkins.plugins.k8sbackup.jenkins.config.K8sBackupConfiguration;
import io.jenkins.plugins.k8sbackup.jenkins.config.NamedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.config.PredefinedLocation;
import io.jenkins.plugins.k8sbackup.jenkins.report.BackupReportAction;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** k8sBackup's execution end to end against the embedded cluster: credentials in, backup out, report on the build. */
class K8sBackupStepTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "folder/deploy-shop", 42);
        h.env.put("GIT_COMMIT", "0123abcd");
        h.env.put("BUILD_URL", "https://ci.example.com/job/folder/job/deploy-shop/42/");
    }

    K8sBackupStep step() {
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s-token");
        step.setIncludeNamespaces(List.of("shop", "shop-data"));
        step.setName("pre-deploy-42");
        return step;
    }

    @Test
    @SuppressWarnings("unchecked")
    void backsUpWithATokenCredentialAndReturnsTheResult() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));

        Map<String, Object> result = (Map<String, Object>) h.run(step());

        assertThat(result).containsEntry("name", "pre-deploy-42").containsEntry("status", "Completed");
        assertThat((Long) result.get("objectCount")).isPositive();
        assertThat((Map<String, Object>) result.get("counts")).containsKey("deployments.apps");
        assertThat(result.get("location").toString()).contains("backups");
        assertThat(h.result()).isNull();
        assertThat(TestCredentialsStore.tracked()).containsExactly("k8s-token@42");
        assertThat(h.log()).contains("[k8sBackup] backing up " + cluster.url() + " with credentials 'k8s-token'")
                .contains("backup pre-deploy-42: Completed").doesNotContain(MockCluster.TOKEN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBareStorageNameMeansThePredefinedLocationOfThatName() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        Path vault = tmp.resolve("vault");
        K8sBackupConfiguration.get().setLocations(List.of(new PredefinedLocation("prod-backups", new DirectoryLocation(vault.toString()))));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("credentialsId", "k8s-token");
        args.put("serverUrl", cluster.url());
        args.put("storage", "prod-backups");
        args.put("includeNamespaces", List.of("shop"));
        args.put("name", "by-name");

        K8sBackupStep step = (K8sBackupStep) new K8sBackupStep.DescriptorImpl().newInstance(args);
        Map<String, Object> result = (Map<String, Object>) h.run(step);

        assertThat(step.getStorage()).isInstanceOfSatisfying(NamedLocation.class, l -> assertThat(l.getName()).isEqualTo("prod-backups"));
        assertThat(result).containsEntry("status", "Completed");
        try (var storage = new LocalDirectoryStorage(vault)) {
            assertThat(new BackupCatalog(storage, BackupKind.KUBERNETES).summarise("by-name").objectCount()).isPositive();
        }
    }

    @Test
    void aStorageDescribableIsBoundUnchangedAndAnUnknownBareNameFailsClearly() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        K8sBackupConfiguration.get().setLocations(List.of());
        DirectoryLocation directory = new DirectoryLocation("backups");

        K8sBackupStep described = (K8sBackupStep) new K8sBackupStep.DescriptorImpl().newInstance(Map.of("storage", directory));
        K8sBackupStep named = (K8sBackupStep) new K8sBackupStep.DescriptorImpl().newInstance(
                Map.of("credentialsId", "k8s-token", "serverUrl", cluster.url(), "storage", "prod-backups"));

        assertThat(described.getStorage()).isSameAs(directory);
        assertThat(h.runFailing(named)).isInstanceOf(AbortException.class)
                .hasMessageContaining("no storage location named 'prod-backups'");
    }

    @Test
    void labelsCarryJobBuildUrlAndCommitPlusTheUsersOwn() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        K8sBackupStep step = step();
        step.setLabels(Map.of("purpose", "pre-deploy"));

        h.run(step);

        try (var storage = new LocalDirectoryStorage(h.workspaceDir.resolve("backups"))) {
            BackupSummary s = new BackupCatalog(storage, BackupKind.KUBERNETES).summarise("pre-deploy-42");
            assertThat(s.labels()).containsEntry("JOB_NAME", "folder/deploy-shop").containsEntry("BUILD_NUMBER", "42")
                    .containsEntry("BUILD_URL", "https://ci.example.com/job/folder/job/deploy-shop/42/")
                    .containsEntry("GIT_COMMIT", "0123abcd").containsEntry("purpose", "pre-deploy");
        }
    }

    @Test
    void recordsTheReportOnTheBuildWithItsJsonFile() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));

        h.run(step());

        BackupReportAction action = h.run.getAction(BackupReportAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getStep()).isEqualTo("k8sBackup");
            assertThat(e.getStatus()).isEqualTo("Completed");
            assertThat(e.getCounts()).containsKey("deployments.apps");
            assertThat(e.getReportFile()).isEqualTo("k8sBackup-1.json");
        });
        Path json = h.run.getRootDir().toPath().resolve("k8s-backup/k8sBackup-1.json");
        assertThat(Files.readString(json)).contains("\"name\" : \"pre-deploy-42\"").doesNotContain(MockCluster.TOKEN);
    }

    @Test
    void anUnreachableClusterFailsTheStepWithAClearMessage() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        K8sBackupStep step = step();
        step.setServerUrl("http://127.0.0.1:1");

        Throwable failure = h.runFailing(step);

        assertThat(failure).isInstanceOf(AbortException.class);
        assertThat(failure.getMessage()).startsWith("k8sBackup failed: ").doesNotContain(MockCluster.TOKEN);
        assertThat(h.log()).doesNotContain(MockCluster.TOKEN);
    }

    @Test
    void aNameThatIsNotAPathSegmentIsRefusedBeforeAnythingRuns() throws Exception {
        h.credentials(new TestCreds.Text("k8s-token", MockCluster.TOKEN));
        K8sBackupStep step = step();
        step.setName("../escape");

        Throwable failure = h.runFailing(step);

        assertThat(failure).isInstanceOf(AbortException.class).hasMessageContaining("invalid backup name '../escape'");
        assertThat(TestCredentialsStore.tracked()).isEmpty();
        assertThat(h.workspaceDir.resolve("backups")).doesNotExist();
    }
}
