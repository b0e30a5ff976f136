package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k8sBackupList over real backups, and k8sRestore's argument checks and 'latest' selection. */
class RestoreAndListStepsTest {
    static MockCluster cluster;

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 10);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN));
    }

    void backup(String name, String job, int build) throws Exception {
        h.env.put("JOB_NAME", job);
        h.env.put("BUILD_NUMBER", String.valueOf(build));
        K8sBackupStep step = new K8sBackupStep();
        step.setCredentialsId("k8s");
        step.setServerUrl(cluster.url());
        step.setStorage(new DirectoryLocation("backups"));
        step.setIncludeNamespaces(List.of("shop"));
        step.setName(name);
        h.run(step);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsBackupsNewestFirstAndFiltersByLabel() throws Exception {
        backup("b-1", "deploy-shop", 1);
        backup("b-2", "other-job", 2);
        backup("b-3", "deploy-shop", 3);
        K8sBackupListStep list = new K8sBackupListStep();
        list.setStorage(new DirectoryLocation("backups"));

        List<Map<String, Object>> all = (List<Map<String, Object>>) h.run(list);
        list.setLabels(Map.of("JOB_NAME", "deploy-shop"));
        List<Map<String, Object>> mine = (List<Map<String, Object>>) h.run(list);

        assertThat(all).extracting(m -> m.get("name")).containsExactly("b-3", "b-2", "b-1");
        assertThat(all.get(0)).containsEntry("status", "Completed").containsEntry("restorable", true).containsKey("startTime");
        assertThat((Map<String, String>) all.get(0).get("labels")).containsEntry("BUILD_NUMBER", "3");
        assertThat(mine).extracting(m -> m.get("name")).containsExactly("b-3", "b-1");
    }

    @Test
    void anUnknownKindIsRefused() throws Exception {
        K8sBackupListStep list = new K8sBackupListStep();
        list.setStorage(new DirectoryLocation("backups"));
        list.setKind("velero");

        assertThat(h.runFailing(list)).hasMessageContaining("kind must be 'kubernetes', 'jenkins' or 'etcd'");
    }

    K8sRestoreStep restore(String backup) {
        K8sRestoreStep step = new K8sRestoreStep(backup);
        step.setCredentialsId("k8s");
        step.setServerUrl(cluster.url());
        step.setStorage(new DirectoryLocation("backups"));
        return step;
    }

    @Test
    void latestPicksTheNewestBackupOfThisJobBeforeTheGivenBuild() throws Exception {
        backup("b-1", "deploy-shop", 1);
        backup("b-2", "other-job", 2);
        backup("b-3", "deploy-shop", 3);
        backup("b-4", "deploy-shop", 4);
        K8sRestoreStep step = restore("latest");
        step.setLabels(Map.of("JOB_NAME", "deploy-shop"));
        step.setBeforeBuild(4);

        Throwable failure = h.runFailing(step);

        assertThat(h.log()).contains("[k8sRestore] restoring the latest backup with labels {JOB_NAME=deploy-shop} taken before build 4")
                .contains("[k8sRestore] using backup b-3 (latest matching)");
        // Selection done; what remains is the restore engine (EngineBridge).
        assertThat(failure).hasMessageContaining("k8sRestore");
    }

    @Test
    void latestWithNoMatchIsAClearError() throws Exception {
        backup("b-1", "deploy-shop", 1);
        K8sRestoreStep step = restore("latest");
        step.setLabels(Map.of("JOB_NAME", "nobody"));

        assertThat(h.runFailing(step)).hasMessageContaining("no complete backup at workspace/backups with labels {JOB_NAME=nobody}");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingRuns() throws Exception {
        K8sRestoreStep policy = restore("b-1");
        policy.setExistingResourcePolicy("overwrite");
        K8sRestoreStep labelsWithName = restore("b-1");
        labelsWithName.setLabels(Map.of("JOB_NAME", "x"));
        K8sRestoreStep mapping = restore("b-1");
        mapping.setNamespaceMapping(Map.of("shop", "Shop_Copy"));
        K8sRestoreStep concurrency = restore("b-1");
        concurrency.setConcurrency(0);

        assertThat(h.runFailing(policy)).hasMessageContaining("existingResourcePolicy must be one of skip, update, replace, fail");
        assertThat(h.runFailing(labelsWithName)).hasMessageContaining("only apply with backup: 'latest'");
        assertThat(h.runFailing(mapping)).hasMessageContaining("namespaceMapping shop -> Shop_Copy");
        assertThat(h.runFailing(concurrency)).hasMessageContaining("concurrency must be between 1 and 64");
        assertThat(h.runFailing(restore(null))).hasMessageContaining("backup is required");
        assertThat(h.log()).doesNotContain("restoring");
    }
}
