package io.jenkins.plugins.k8sbackup.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator.Reply;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exec over the pods/exec websocket of the embedded API server, the kubelet played by {@link ExecSimulator}. */
class KubernetesPodExecutorTest {
    static final List<String> DUMP = List.of("sh", "-c", "mysqldump --all-databases");
    MockCluster cluster;
    KubernetesPodExecutor executor;

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName("shop-data").endMetadata().build()).create();
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "mysql");
        executor = new KubernetesPodExecutor(cluster.client());
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void streamsStdoutAndReturnsTheExitCode() throws Exception {
        String dump = "-- MySQL dump\nINSERT INTO t VALUES (1);\n".repeat(2000);
        cluster.exec().handler(e -> Reply.ok(dump));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", DUMP, null, out, Duration.ofSeconds(10));

        assertThat(r.succeeded()).as(r.describe()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dump);
        assertThat(cluster.exec().calls()).containsExactly(new ExecSimulator.Exec("shop-data", "db-0", "mysql", DUMP));
    }

    @Test
    void aNonZeroExitIsReportedWithStderr() throws Exception {
        cluster.exec().handler(e -> Reply.fail(2, "mysqldump: Got error: 2002"));

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", DUMP, null, new ByteArrayOutputStream(), Duration.ofSeconds(10));

        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.describe()).isEqualTo("exit code 2: mysqldump: Got error: 2002");
    }

    @Test
    void sendsStdin() throws Exception {
        cluster.exec().handler(e -> new Reply(null, null, 0, Duration.ofMillis(300)));
        byte[] input = "INSERT INTO t VALUES (42);\n".getBytes(StandardCharsets.UTF_8);

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", List.of("mysql"), new ByteArrayInputStream(input),
                new ByteArrayOutputStream(), Duration.ofSeconds(10));

        assertThat(r.succeeded()).as(r.describe()).isTrue();
        assertThat(cluster.exec().stdinOf(cluster.exec().calls().get(0))).isEqualTo(input);
    }

    @Test
    void aCommandThatNeverEndsTimesOut() throws Exception {
        cluster.exec().handler(e -> Reply.hang());
        long t0 = System.nanoTime();

        ExecResult r = executor.exec("shop-data", "db-0", "mysql", DUMP, null, new ByteArrayOutputStream(), Duration.ofMillis(600));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isNull();
        assertThat(r.failure()).startsWith("timed out");
    }
}
