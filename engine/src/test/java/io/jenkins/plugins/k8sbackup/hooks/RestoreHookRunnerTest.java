package io.jenkins.plugins.k8sbackup.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator.Reply;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestoreHookRunnerTest {
    static final List<String> LOAD = List.of("sh", "-c", "mysql < /dev/stdin");
    static final String DUMP = "CREATE TABLE orders (id INT);\n";
    MockCluster cluster;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("shop-data").endMetadata().build()).create();
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    private RestoreHookRunner runner() {
        ArtifactSource artifacts = path -> {
            if (!path.equals("artifacts/shop-data/db-0/dump.out")) {
                throw new FileNotFoundException(path);
            }
            return new ByteArrayInputStream(DUMP.getBytes(StandardCharsets.UTF_8));
        };
        return new RestoreHookRunner(cluster.client(), BackupFixture.fastCaller(), new KubernetesPodExecutor(cluster.client()), artifacts, log::add);
    }

    private static RestoreHookSpec load(OnError onError, Duration wait, String artifact) {
        return new RestoreHookSpec("load-dump", "shop-data", "db-0", null, "mysql", LOAD, onError, Duration.ofSeconds(10),
                wait, true, artifact);
    }

    @Test
    void waitsForTheContainerToBeReadyThenFeedsTheDump() throws Exception {
        Pod pod = RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), false, "mysql");
        cluster.exec().handler(e -> new Reply(null, null, 0, Duration.ofMillis(300)));
        Thread kubelet = new Thread(() -> {
            try {
                Thread.sleep(700);
                RunningPods.setReady(cluster, cluster.client().pods().inNamespace("shop-data").withName("db-0").get(), true, "mysql");
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        kubelet.start();
        long t0 = System.nanoTime();

        RestoreHookRunner.Result result = runner().run(List.of(load(OnError.Fail, Duration.ofSeconds(10), "artifacts/shop-data/db-0/dump.out")));

        kubelet.join();
        assertThat(result.failures()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
        ExecSimulator.Exec call = cluster.exec().calls().get(0);
        assertThat(call).isEqualTo(new ExecSimulator.Exec("shop-data", "db-0", "mysql", LOAD));
        assertThat(new String(cluster.exec().stdinOf(call), StandardCharsets.UTF_8)).isEqualTo(DUMP);
        assertThat(pod).isNotNull();
    }

    @Test
    void aContainerNeverReadyFollowsOnError() throws Exception {
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), false, "mysql");

        RestoreHookRunner.Result lenient = runner().run(List.of(load(OnError.Continue, Duration.ofMillis(400), null)));
        RestoreHookRunner.Result strict = runner().run(List.of(load(OnError.Fail, Duration.ofMillis(400), null)));

        assertThat(cluster.exec().calls()).isEmpty();
        assertThat(lenient.failedRun()).isFalse();
        assertThat(lenient.warnings()).singleElement().asString().contains("container not ready within 0 s");
        assertThat(strict.failedRun()).isTrue();
        assertThat(strict.errors()).singleElement().asString().contains("post-restore hook load-dump in pod shop-data/db-0 failed");
    }

    @Test
    void aFailingCommandOrAMissingArtifactIsReported() throws Exception {
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "mysql");
        cluster.exec().handler(e -> Reply.fail(1, "ERROR 1045: Access denied"));

        RestoreHookRunner.Result failed = runner().run(List.of(load(OnError.Fail, null, null)));
        RestoreHookRunner.Result missing = runner().run(List.of(load(OnError.Fail, null, "artifacts/shop-data/db-0/other.out")));

        assertThat(failed.errors()).singleElement().asString().contains("exit code 1: ERROR 1045: Access denied");
        assertThat(missing.errors()).singleElement().asString().contains("cannot read artifact artifacts/shop-data/db-0/other.out");
    }

    @Test
    void findsVeleroRestoreAnnotations() throws Exception {
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(
                "post.hook.restore.velero.io/command", "[\"/bin/sh\", \"-c\", \"echo restored\"]",
                "post.hook.restore.velero.io/on-error", "Fail"), true, "mysql");
        RunningPods.create(cluster, "shop-data", "bad", Map.of(), Map.of(
                "post.hook.restore.velero.io/command", "[oops"), true, "c");
        cluster.exec().handler(e -> Reply.ok("restored\n"));
        List<String> problems = new ArrayList<>();

        List<RestoreHookSpec> hooks = runner().annotatedHooks(List.of("shop-data"), problems);
        RestoreHookRunner.Result result = runner().run(hooks);

        assertThat(hooks).singleElement().satisfies(h -> assertThat(h.onError()).isEqualTo(OnError.Fail));
        assertThat(problems).singleElement().asString().contains("pod shop-data/bad");
        assertThat(result.succeeded()).isEqualTo(1);
    }
}
