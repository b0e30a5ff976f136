package io.jenkins.plugins.k8sbackup.hooks;

import static io.jenkins.plugins.k8sbackup.hooks.HookTestSupport.answerExec;
import static io.jenkins.plugins.k8sbackup.hooks.HookTestSupport.execPath;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exec over the pods/exec websocket, answered by the mock server's expectations. */
class KubernetesPodExecutorTest {
    static final List<String> DUMP = List.of("sh", "-c", "mysqldump --all-databases");
    MockCluster cluster;
    KubernetesPodExecutor executor;

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("shop-data").endMetadata().build()).create();
        HookTestSupport.runningPod(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "mysql");
        executor = new KubernetesPodExecutor(cluster.client());
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void streamsStdoutAndReturnsTheExitCode() throws Exception {
        String dump = "-- MySQL dump\nINSERT INTO t VALUES (1);\n".repeat(200);
        answerExec(cluster, execPath("shop-data", "db-0", "mysql", DUMP, false), dump, null, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", DUMP, null, out, Duration.ofSeconds(10));

        assertThat(r.succeeded()).as(r.describe()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dump);
    }

    @Test
    void aNonZeroExitIsReportedWithStderr() throws Exception {
        answerExec(cluster, execPath("shop-data", "db-0", "mysql", DUMP, false), null, "mysqldump: Got error: 2002", 2);

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", DUMP, null, new ByteArrayOutputStream(), Duration.ofSeconds(10));

        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.describe()).isEqualTo("exit code 2: mysqldump: Got error: 2002");
    }

    @Test
    void aCommandThatNeverEndsTimesOut() throws Exception {
        cluster.server().expect().get().withPath(execPath("shop-data", "db-0", "mysql", DUMP, false))
                .andUpgradeToWebSocket().open().waitFor(60_000).andEmit("never").done().always();
        long t0 = System.nanoTime();

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", DUMP, null, new ByteArrayOutputStream(), Duration.ofMillis(600));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isNull();
        assertThat(r.failure()).startsWith("timed out");
    }

    @Test
    void anExecTheServerRefusesIsAFailureNotAnException() throws Exception {
        // no expectation: the CRUD mock answers the upgrade with a plain HTTP response
        ExecResult r = executor.exec("shop-data", "db-0", "mysql", List.of("true"), null, new ByteArrayOutputStream(), Duration.ofSeconds(5));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.failure()).startsWith("exec failed");
    }
}
