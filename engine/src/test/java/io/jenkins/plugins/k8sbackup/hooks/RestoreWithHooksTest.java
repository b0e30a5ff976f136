package io.jenkins.plugins.k8sbackup.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.restore.RestoreReport;
import io.jenkins.plugins.k8sbackup.restore.RestoreRunner;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k8sRestore runs the post-restore hooks that restored pods declare with Velero's annotations. */
class RestoreWithHooksTest {
    static final List<String> WARM_UP = List.of("sh", "-c", "echo warm");
    @TempDir
    Path dir;
    MockCluster cluster;
    LocalDirectoryStorage storage;
    final BackupFixture fixture = new BackupFixture();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("shop-data").endMetadata().build()).create();
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(
                VeleroHookAnnotations.POST_RESTORE + "container", "mysql",
                VeleroHookAnnotations.POST_RESTORE + "command", "[\"sh\",\"-c\",\"echo warm\"]"), true, "mysql");
        storage = new LocalDirectoryStorage(dir.resolve("store"));
        fixture.backup(cluster, storage, BackupSpec.builder().name("b").includeNamespaces(List.of("shop-data"))
                .includeResources(List.of("pods")).build(), null);
        cluster.client().pods().inNamespace("shop-data").withName("db-0").delete();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private RestoreReport restore() throws Exception {
        return restore(RestoreSpec.builder("b").includeNamespaces(List.of("shop-data")).build(), "shop-data");
    }

    private RestoreReport restore(RestoreSpec spec, String podNamespace) throws Exception {
        Thread kubelet = new Thread(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    Pod pod = cluster.client().pods().inNamespace(podNamespace).withName("db-0").get();
                    if (pod != null) {
                        RunningPods.setReady(cluster, pod, true, "mysql");
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        kubelet.start();
        try (KubernetesClient client = fixture.engineClient(cluster)) {
            return new RestoreRunner(client, BackupFixture.fastCaller(), BackupReader.open(storage, "b", Optional.empty()),
                    fixture.progress).run(spec);
        } finally {
            kubelet.join();
        }
    }

    @Test
    void runsTheRestoredPodsPostRestoreHook() throws Exception {
        cluster.exec().handler(e -> ExecSimulator.Reply.ok("warm\n"));
        RestoreReport report = restore();
        assertThat(report.status()).isEqualTo(RunStatus.Completed);
        assertThat(cluster.exec().calls()).containsExactly(new ExecSimulator.Exec("shop-data", "db-0", "mysql", WARM_UP));
    }

    @Test
    void aPodFabric8CannotModelDoesNotEndAFinishedRestoreAndItsHookRuns() throws Exception {
        // containerPort "http" where fabric8's Pod has an Integer: a typed list of the namespace throws on it
        cluster.createRaw("/api/v1/namespaces/shop-data/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd-0","namespace":"shop-data","annotations":{
                  "post.hook.restore.velero.io/command":"[\\"sh\\",\\"-c\\",\\"echo odd\\"]",
                  "post.hook.restore.velero.io/wait-for-ready":"false"}},
                 "spec":{"containers":[{"name":"app","image":"busybox","ports":[{"name":"http","containerPort":"http"}]}]}}
                """);
        cluster.exec().handler(e -> ExecSimulator.Reply.ok(""));

        RestoreReport report = restore();

        assertThat(report.status()).as(report.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(report.warnings()).as("hooks all ran").isEmpty();
        assertThat(cluster.exec().calls()).contains(new ExecSimulator.Exec("shop-data", "odd-0", "app", List.of("sh", "-c", "echo odd")),
                new ExecSimulator.Exec("shop-data", "db-0", "mysql", WARM_UP));
    }

    @Test
    void aFailingHookUnderOnErrorContinueIsReportedAsAWarning() throws Exception {
        cluster.exec().handler(e -> ExecSimulator.Reply.fail(1, "cache warm-up failed"));
        RestoreReport report = restore();
        // Velero's default for restore hooks is Continue: the objects are back, the failure is reported
        assertThat(report.status()).isEqualTo(RunStatus.Completed);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("shop-data/db-0").contains("failed"));
    }

    @Test
    void runsHooksDeclaredInTheSpecInTheMappedNamespaceAndHonoursOnErrorFail() throws Exception {
        List<String> load = List.of("sh", "-c", "load dump");
        cluster.exec().handler(e -> e.command().equals(load) ? ExecSimulator.Reply.fail(2, "no dump") : ExecSimulator.Reply.ok(""));
        RestoreHookSpec declared = new RestoreHookSpec("load", "shop-data", null, "app=db", "mysql", load, OnError.Fail,
                null, null, true, null);

        RestoreReport report = restore(RestoreSpec.builder("b").includeNamespaces(List.of("shop-data"))
                .namespaceMapping(Map.of("shop-data", "shop-data-copy")).hooks(List.of(declared)).build(), "shop-data-copy");

        assertThat(cluster.exec().calls()).containsExactly(new ExecSimulator.Exec("shop-data-copy", "db-0", "mysql", load),
                new ExecSimulator.Exec("shop-data-copy", "db-0", "mysql", WARM_UP));
        assertThat(report.status()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).contains("load").contains("shop-data-copy/db-0"));
    }
}
