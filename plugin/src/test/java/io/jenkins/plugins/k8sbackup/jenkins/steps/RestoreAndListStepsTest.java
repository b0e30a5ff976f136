package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.jenkins.plugins.k8sbackup.jenkins.storage.DirectoryLocation;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** k8sBackupList over real backups, and k8sRestore's argument checks and 'latest' selection. */
class RestoreAndListStepsTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 10);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN));
    }

    void backup(String name, String job, int build) throws Exception {
        h.env.put("JOB_NAME", job);
        h.env.put("BUILD_NUMBER", String.valueOf(build));
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s");
        step.setIncludeNamespaces(List.of("shop"));
        step.setName(name);
        h.run(step);
    }

    @Test
    void anUnknownParameterIsRefusedInsteadOfMeaningTheDefault() throws Exception {
        K8sRestoreStep.DescriptorImpl d = new K8sRestoreStep.DescriptorImpl();
        Map<String, Object> args = Map.of("backup", "b-1", "storage", new DirectoryLocation("backups"),
                "existingPolicy", "update", "dryrun", true);

        assertThatThrownBy(() -> d.newInstance(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("k8sRestore has no parameter dryrun, existingPolicy; its parameters are ")
                .hasMessageContaining("backup, beforeBuild,").hasMessageContaining("existingResourcePolicy")
                .hasMessageContaining("encryptionCredentialsId").hasMessageContaining("credentialsId");

        K8sRestoreStep step = (K8sRestoreStep) d.newInstance(Map.of("backup", "b-1", "storage", new DirectoryLocation("backups"),
                "existingResourcePolicy", "update", "dryRun", true, "credentialsId", "k8s"));
        assertThat(step.getExistingResourcePolicy()).isEqualTo("update");
        assertThat(step.isDryRun()).isTrue();
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
        assertThat(all.get(0)).containsEntry("status", "Completed").containsEntry("restorable", true).containsKey("startTime")
                .containsEntry("expiresAt", null).containsEntry("activity", "");
        assertThat((Map<String, String>) all.get(0).get("labels")).containsEntry("BUILD_NUMBER", "3");
        assertThat(mine).extracting(m -> m.get("name")).containsExactly("b-3", "b-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachListedBackupSaysHowItIsEncryptedAndNothingOfTheKey() throws Exception {
        String passphrase = "a long passphrase for listing";
        h.credentials(new TestCreds.Text("phrase", passphrase));
        backup("plain", "deploy-shop", 1);
        K8sBackupStep encrypted = cluster.connect(new K8sBackupStep(), "k8s");
        encrypted.setIncludeNamespaces(List.of("shop"));
        encrypted.setName("secret");
        encrypted.setEncrypt("all");
        encrypted.setEncryptionCredentialsId("phrase");
        h.run(encrypted);
        K8sBackupListStep list = new K8sBackupListStep();
        list.setStorage(new DirectoryLocation("backups"));

        List<Map<String, Object>> all = (List<Map<String, Object>>) h.run(list);

        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        all.forEach(m -> byName.put((String) m.get("name"), (Map<String, Object>) m.get("encryption")));
        assertThat(byName.get("plain")).containsEntry("mode", "none").containsEntry("keySource", null)
                .containsEntry("keyFingerprint", null);
        assertThat(byName.get("secret")).containsEntry("mode", "all").containsEntry("keySource", "passphrase");
        assertThat((String) byName.get("secret").get("keyFingerprint")).matches("[0-9a-f]{16}");
        assertThat(all.toString()).doesNotContain(passphrase);
    }

    @Test
    void anUnknownKindIsRefused() throws Exception {
        K8sBackupListStep list = new K8sBackupListStep();
        list.setStorage(new DirectoryLocation("backups"));
        list.setKind("velero");

        assertThat(h.runFailing(list)).hasMessageContaining("kind must be 'kubernetes', 'jenkins' or 'etcd'");
    }

    K8sRestoreStep restore(String backup) {
        return cluster.connect(new K8sRestoreStep(backup), "k8s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void latestPicksTheNewestBackupOfThisJobBeforeTheGivenBuild() throws Exception {
        backup("b-1", "deploy-shop", 1);
        backup("b-2", "other-job", 2);
        backup("b-3", "deploy-shop", 3);
        backup("b-4", "deploy-shop", 4);
        K8sRestoreStep step = restore("latest");
        step.setLabels(Map.of("JOB_NAME", "deploy-shop"));
        step.setBeforeBuild(4);

        step.setDryRun(true);

        Map<String, Object> report = (Map<String, Object>) h.run(step);

        assertThat(h.log()).contains("the latest backup with labels {JOB_NAME=deploy-shop} taken before build 4")
                .contains("[k8sRestore] using backup b-3 (latest matching)");
        assertThat(report).containsEntry("backup", "b-3").containsEntry("dryRun", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void restoresIntoAMappedNamespaceThroughTheEngine() throws Exception {
        backup("b-1", "deploy-shop", 1);
        K8sRestoreStep step = restore("b-1");
        step.setNamespaceMapping(Map.of("shop", "shop-copy"));
        step.setWaitTimeout("5s");

        Map<String, Object> report;
        // The simulator marks the CRD Established, so the FeatureFlag restores after it like on a real cluster.
        try (WorkloadSimulator controllers = new WorkloadSimulator(cluster.client())) {
            report = (Map<String, Object>) h.run(step);
        }

        assertThat(report).containsEntry("backup", "b-1").containsEntry("dryRun", false).containsEntry("failed", 0L);
        assertThat(((Number) report.get("created")).longValue()).isPositive();
        assertThat(cluster.client().configMaps().inNamespace("shop-copy").list().getItems()).isNotEmpty();
        assertThat(cluster.client().genericKubernetesResources("shop.example.com/v1", "FeatureFlag").inNamespace("shop-copy")
                .withName("new-checkout").get()).isNotNull();
        assertThat(String.valueOf(report)).doesNotContain(SampleApp.SECRET_VALUES.get(0));
        assertThat(h.log()).contains("[k8sRestore] restore b-1: ").doesNotContain(SampleApp.SECRET_VALUES.get(0));
        assertThat(h.run.getAction(io.jenkins.plugins.k8sbackup.jenkins.report.BackupReportAction.class)).isNotNull();
    }

    @Test
    void aDryRunCreatesNothing() throws Exception {
        backup("b-1", "deploy-shop", 1);
        K8sRestoreStep step = restore("b-1");
        step.setNamespaceMapping(Map.of("shop", "shop-dry"));
        step.setDryRun(true);

        h.run(step);

        assertThat(cluster.client().configMaps().inNamespace("shop-dry").list().getItems()).isEmpty();
        assertThat(h.log()).contains("dry-run");
    }

    @Test
    void preserveNodePortsKeepsTheBackedUpNodePortAndWithoutItNoneIsSent() throws Exception {
        cluster.client().services().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("edge").endMetadata()
                .withNewSpec().withType("NodePort").addNewPort().withPort(80).withNodePort(30080).endPort().endSpec().build())
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        backup("b-np", "deploy-shop", 1);

        K8sRestoreStep keep = restore("b-np");
        keep.setNamespaceMapping(Map.of("shop", "shop-keep"));
        keep.setIncludeResources(List.of("services", "namespaces"));
        keep.setPreserveNodePorts(true);
        h.run(keep);
        K8sRestoreStep fresh = restore("b-np");
        fresh.setNamespaceMapping(Map.of("shop", "shop-fresh"));
        fresh.setIncludeResources(List.of("services", "namespaces"));
        h.run(fresh);

        assertThat(cluster.client().services().inNamespace("shop-keep").withName("edge").get().getSpec().getPorts().get(0).getNodePort())
                .isEqualTo(30080);
        // Without the option the restore sends no nodePort (a real API server then assigns a free one; the mock leaves it empty).
        assertThat(cluster.client().services().inNamespace("shop-fresh").withName("edge").get().getSpec().getPorts().get(0).getNodePort())
                .isNull();
    }

    /** The mock runs no controllers: play the deployment controller. */
    static void webAvailable(boolean ready) {
        cluster.client().apps().deployments().inNamespace("shop").withName("web").editStatus(d -> {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            int available = ready ? replicas : 0;
            d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(available)
                    .withAvailableReplicas(available).withObservedGeneration(d.getMetadata().getGeneration()).build());
            return d;
        });
    }

    VerifyRestoreStep verify(String backup) {
        VerifyRestoreStep step = cluster.connect(new VerifyRestoreStep(backup), "k8s");
        step.setNamespaces(List.of("shop"));
        step.setTimeout("2s");
        return step;
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyComparesTheClusterWithTheBackupAndReturnsTheVerdict() throws Exception {
        webAvailable(true);
        backup("b-1", "deploy-shop", 1);
        VerifyRestoreStep step = verify("b-1");
        step.setUnstableOnWarnings(true);

        Map<String, Object> result;
        try {
            result = (Map<String, Object>) h.run(step);
        } catch (Exception e) {
            throw new AssertionError(h.log(), e);
        }

        assertThat(result).containsEntry("backup", "b-1").containsKey("verdict").containsKey("table");
        assertThat(((Number) result.get("objects")).intValue()).isPositive();
        assertThat(result.get("verdict")).isIn("PASS", "WARN");
        assertThat(h.log()).contains("[verifyRestore] verdict ");
    }

    @Test
    void verifyFailsTheStepWhenAWorkloadIsNotReady() throws Exception {
        webAvailable(false);
        backup("b-1", "deploy-shop", 1);

        Throwable failure = h.runFailing(verify("b-1"));

        assertThat(failure).isInstanceOf(hudson.AbortException.class).hasMessageContaining("verify b-1: fail");
        assertThat(h.log()).contains("verdict FAIL").contains("not-ready");
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyTakesTheRestoresSelectionAndMappingSoACloneIsReallyCompared() throws Exception {
        backup("b-1", "deploy-shop", 1);
        Map<String, String> mapping = Map.of("shop", "shop-verified");
        K8sRestoreStep restore = restore("b-1");
        restore.setNamespaceMapping(mapping);
        restore.setIncludeNamespaces(List.of("shop"));
        restore.setWaitTimeout("5s");
        VerifyRestoreStep verify = cluster.connect(new VerifyRestoreStep("b-1"), "k8s");
        // the same fragment as the restore's
        verify.setNamespaceMapping(mapping);
        verify.setIncludeNamespaces(List.of("shop"));
        verify.setTimeout("10s");

        Map<String, Object> result;
        try (WorkloadSimulator controllers = new WorkloadSimulator(cluster.client())) {
            h.run(restore);
            result = (Map<String, Object>) h.run(verify);
        } catch (Exception e) {
            throw new AssertionError(h.log(), e);
        }

        assertThat(result.get("verdict")).as(h.log()).isEqualTo("PASS");
        assertThat(((Number) result.get("compared")).intValue()).isGreaterThan(8);
        assertThat((List<String>) result.get("table")).anyMatch(l -> l.contains("configmaps shop-verified/web-config"))
                .noneMatch(l -> l.contains(" shop/"));
        assertThat((List<String>) result.get("table")).anyMatch(l -> l.contains("services shop-verified/web")
                && l.contains("note: spec.ports[0].nodePort 30080 -> unset"));
        assertThat(h.log()).contains("[verifyRestore] verifying").contains("namespaces mapped {shop=shop-verified}");
    }

    @Test
    void verifyOfNothingFailsTheBuildAndSaysWhy() throws Exception {
        backup("b-1", "deploy-shop", 1);
        VerifyRestoreStep nothing = verify("b-1");
        nothing.setNamespaces(List.of());
        nothing.setIncludeNamespaces(List.of("shop-staging"));

        Throwable failure = h.runFailing(nothing);

        assertThat(failure).isInstanceOf(hudson.AbortException.class).hasMessageContaining("verify b-1: fail, 0 objects")
                .hasMessageContaining("nothing compared: the selection (namespaces shop-staging) matches no object of backup b-1, "
                        + "which has namespaces shop");
        assertThat(h.log()).contains("verdict FAIL");

        VerifyRestoreStep targets = verify("b-1");
        targets.setNamespaces(List.of());
        targets.setIncludeNamespaces(List.of("shop-staging"));
        targets.setNamespaceMapping(Map.of("shop", "shop-staging"));
        assertThat(h.runFailing(targets)).isInstanceOf(hudson.AbortException.class)
                .hasMessageContaining("namespace 'shop-staging' is where the namespace mapping puts 'shop'")
                .hasMessageContaining("so select 'shop' instead");

        VerifyRestoreStep both = verify("b-1");
        both.setIncludeNamespaces(List.of("shop"));
        assertThat(h.runFailing(both)).hasMessageContaining("give includeNamespaces only; 'namespaces' is its deprecated name");
        VerifyRestoreStep badMapping = verify("b-1");
        badMapping.setNamespaceMapping(Map.of("shop", "Shop_Copy"));
        assertThat(h.runFailing(badMapping)).hasMessageContaining("verifyRestore: invalid namespace name 'Shop_Copy' in the namespace mapping");
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

        assertThat(h.runFailing(policy)).hasMessageContaining("k8sRestore: invalid policy for existing objects 'overwrite': expected one of skip, update, replace, fail");
        assertThat(h.runFailing(labelsWithName)).hasMessageContaining("only apply with backup: 'latest'");
        assertThat(h.runFailing(mapping)).hasMessageContaining("k8sRestore: invalid namespace name 'Shop_Copy' in the namespace mapping");
        assertThat(h.runFailing(concurrency)).hasMessageContaining("concurrency must be between 1 and 64");
        assertThat(h.runFailing(restore(null))).hasMessageContaining("backup is required");
        assertThat(h.log()).doesNotContain("restoring");
    }
}
