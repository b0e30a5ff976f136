package io.jenkins.plugins.k8sbackup.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.BackupHook;
import io.jenkins.plugins.k8sbackup.jenkins.hooks.RestoreHook;
import io.jenkins.plugins.k8sbackup.jenkins.testing.SampleCluster;
import io.jenkins.plugins.k8sbackup.jenkins.testing.StepHarness;
import io.jenkins.plugins.k8sbackup.jenkins.testing.TestCreds;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** backupHook(...) and restoreHook(...) declared in the steps: a dump taken at backup and loaded into a clone. */
class HookStepsTest {
    @RegisterExtension
    static final SampleCluster cluster = new SampleCluster();
    static final List<String> DUMP = List.of("sh", "-c", "mysqldump --all-databases");
    static final List<String> LOAD = List.of("sh", "-c", "mysql");

    @TempDir
    Path tmp;
    StepHarness h;

    @BeforeAll
    static void runningDatabase() {
        RunningPods.create(cluster.mock(), "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "mysql");
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new StepHarness(tmp, "deploy-shop", 7);
        h.credentials(new TestCreds.Text("k8s", MockCluster.TOKEN));
        cluster.mock().exec().handler(e -> e.command().equals(DUMP) ? ExecSimulator.Reply.ok("-- dump\n") : ExecSimulator.Reply.ok(""));
    }

    K8sBackupStep backup(BackupHook hook) {
        K8sBackupStep step = cluster.connect(new K8sBackupStep(), "k8s");
        step.setIncludeNamespaces(List.of("shop-data"));
        step.setName("with-dump");
        step.setHooks(List.of(hook));
        return step;
    }

    static BackupHook dump() {
        BackupHook hook = new BackupHook("dump", "shop-data", DUMP);
        hook.setPodName("db-0");
        hook.setContainer("mysql");
        hook.setCaptureOutput(true);
        return hook;
    }

    @Test
    void aBackupHookCapturesADumpThatARestoreHookLoadsIntoTheClone() throws Exception {
        h.run(backup(dump()));

        try (var storage = new LocalDirectoryStorage(h.workspaceDir.resolve("backups"))) {
            assertThat(new BackupCatalog(storage, BackupKind.KUBERNETES).summarise("with-dump").status().name()).isEqualTo("Completed");
        }
        RestoreHook load = new RestoreHook("load", "shop-data", LOAD);
        load.setLabelSelector("app=db");
        load.setContainer("mysql");
        load.setWaitForReady(false);
        load.setStdinArtifact("artifacts/shop-data/db-0/dump.out");
        load.setOnError("Fail");
        K8sRestoreStep restore = cluster.connect(new K8sRestoreStep("with-dump"), "k8s");
        restore.setNamespaceMapping(Map.of("shop-data", "shop-data-clone"));
        restore.setIncludeResources(List.of("pods", "namespaces"));
        restore.setHooks(List.of(load));

        h.run(restore);

        ExecSimulator.Exec loaded = new ExecSimulator.Exec("shop-data-clone", "db-0", "mysql", LOAD);
        assertThat(cluster.mock().exec().calls()).contains(new ExecSimulator.Exec("shop-data", "db-0", "mysql", DUMP), loaded);
        assertThat(new String(cluster.mock().exec().stdinOf(loaded), StandardCharsets.UTF_8)).isEqualTo("-- dump\n");
        assertThat(h.result()).isNull();
    }

    @Test
    void aMisdeclaredHookFailsTheStepBeforeAnythingRuns() throws Exception {
        BackupHook noTarget = new BackupHook("dump", "shop-data", DUMP);
        BackupHook badPhase = dump();
        badPhase.setPhase("during");
        RestoreHook noNamespace = new RestoreHook("load", " ", LOAD);
        noNamespace.setPodName("db-0");
        K8sRestoreStep restore = cluster.connect(new K8sRestoreStep("with-dump"), "k8s");
        restore.setHooks(List.of(noNamespace));
        int execsBefore = cluster.mock().exec().calls().size();

        assertThat(h.runFailing(backup(noTarget))).isInstanceOf(AbortException.class)
                .hasMessage("k8sBackup: hook 'dump' needs either a pod name or a label selector");
        assertThat(h.runFailing(backup(badPhase))).hasMessageContaining("phase must be pre or post, not 'during'");
        assertThat(h.runFailing(restore)).isInstanceOf(AbortException.class).hasMessage("k8sRestore: restore hook 'load' needs a namespace");
        assertThat(cluster.mock().exec().calls()).hasSize(execsBefore);
    }
}
