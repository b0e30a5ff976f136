package io.jenkins.plugins.k8sbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.k8sbackup.storage.S3ProxyFixture;
import io.jenkins.plugins.k8sbackup.testkit.ExecSimulator;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.RunningPods;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract with CI: what it prints and, above all, its exit codes. */
class CliTest {
    @TempDir
    Path dir;
    MockCluster cluster;
    WorkloadSimulator controllers;
    Path kubeconfig;
    String storage;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        SampleApp.deploy(cluster.client());
        controllers = new WorkloadSimulator(cluster.client());
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        storage = dir.resolve("store").toUri().toString();
    }

    @AfterEach
    void tearDown() {
        controllers.close();
        cluster.close();
    }

    private int run(String... args) {
        return CliRun.execute(out, err, args);
    }

    @Test
    void backupListDescribeRestoreVerifyWithTruthfulExitCodes() throws Exception {
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop,shop-data", "--label", "job=deploy")).isEqualTo(0);
        assertThat(out.toString()).contains("backup b1: Completed");

        assertThat(run("list", "--storage", storage)).isEqualTo(0);
        assertThat(out.toString()).contains("b1").contains("Completed");
        assertThat(run("describe", "b1", "--storage", storage, "-o", "json")).isEqualTo(0);
        assertThat(out.toString()).contains("\"status\" : \"Completed\"").contains("\"job\" : \"deploy\"");

        cluster.client().configMaps().inNamespace("shop").withName("web-config").edit(c -> {
            c.getData().put("LOG_LEVEL", "debug");
            return c;
        });
        assertThat(run("diff", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage)).isEqualTo(3);
        assertThat(out.toString()).contains("web-config").contains("/data/LOG_LEVEL");

        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-namespaces", "shop", "--existing", "update", "--report", dir.resolve("r.json").toString())).isEqualTo(0);
        assertThat(Files.readString(dir.resolve("r.json"))).contains("\"status\" : \"Completed\"");
        assertThat(cluster.client().configMaps().inNamespace("shop").withName("web-config").get().getData())
                .containsEntry("LOG_LEVEL", "info");

        assertThat(run("verify", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-namespaces", "shop,shop-data", "--timeout", "20s")).isEqualTo(0);
        assertThat(out.toString()).contains("pass");
    }

    @Test
    void aHooksFileDumpsAtBackupAndLoadsTheDumpIntoTheClone() throws Exception {
        RunningPods.create(cluster, "shop-data", "db-0", Map.of("app", "db"), Map.of(), true, "mysql");
        List<String> dump = List.of("sh", "-c", "mysqldump --all-databases");
        List<String> load = List.of("sh", "-c", "mysql");
        cluster.exec().handler(e -> e.command().equals(dump) ? ExecSimulator.Reply.ok("-- dump of db-0\n") : ExecSimulator.Reply.ok(""));
        Path hooks = Files.writeString(dir.resolve("hooks.yaml"), """
                backup:
                  - name: dump
                    namespace: shop-data
                    podName: db-0
                    container: mysql
                    command: [sh, -c, "mysqldump --all-databases"]
                    captureOutput: true
                restore:
                  - name: load
                    namespace: shop-data
                    podName: db-0
                    container: mysql
                    command: [sh, -c, mysql]
                    stdinArtifact: artifacts/shop-data/db-0/dump.out
                    waitForReady: false
                """);

        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop-data", "--hooks", hooks.toString())).isEqualTo(0);
        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--namespace-map", "shop-data=shop-data-copy", "--hooks", hooks.toString())).as(err.toString()).isEqualTo(0);

        assertThat(cluster.exec().calls()).containsExactly(new ExecSimulator.Exec("shop-data", "db-0", "mysql", dump),
                new ExecSimulator.Exec("shop-data-copy", "db-0", "mysql", load));
        assertThat(new String(cluster.exec().stdinOf(new ExecSimulator.Exec("shop-data-copy", "db-0", "mysql", load)),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("-- dump of db-0\n");
        Files.writeString(hooks, "backup:\n  - name: dump\n    namespace: shop-data\n    command: [x]\n");
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--hooks", hooks.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("hooks.yaml").contains("needs either a pod name or a label selector");
    }

    @Test
    void verifyFailsWithExitOneWhenAWorkloadNeverBecomesReady() throws Exception {
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop")).isEqualTo(0);
        controllers.close();
        cluster.client().apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.setStatus(null);
            return d;
        });
        try (WorkloadSimulator sim = new WorkloadSimulator(cluster.client()).neverReady("shop", "web")) {
            assertThat(run("verify", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                    "--include-namespaces", "shop", "--timeout", "2s")).isEqualTo(1);
            assertThat(out.toString()).contains("shop/web");
        }
    }

    @Test
    void verifyAndDiffOfACloneUseTheBackupsNamesAndTheMappingAndNeverPassOnNothing() throws Exception {
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop")).isEqualTo(0);
        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--namespace-map", "shop=shop-staging")).as(err.toString()).isEqualTo(0);

        assertThat(run("verify", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--namespace-map", "shop=shop-staging", "--timeout", "20s", "--report", dir.resolve("v.json").toString()))
                .as(out + "\n" + err).isEqualTo(0);
        assertThat(out.toString()).contains("match            configmaps shop-staging/web-config")
                .contains("services shop-staging/web  note: spec.ports[0].nodePort 30080 -> unset: assigned by the cluster")
                .doesNotContain(" shop/");
        var report = io.jenkins.plugins.k8sbackup.util.Json.MAPPER.readTree(dir.resolve("v.json").toFile());
        assertThat(report.path("result").asText()).isEqualTo("pass");
        assertThat(report.path("objects").size()).isGreaterThan(8);

        // target names where the backup's belong: refused, with what to use instead
        assertThat(run("verify", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--namespace-map", "shop=shop-staging", "--include-namespaces", "shop-staging")).isEqualTo(2);
        assertThat(err.toString()).contains("error: namespace 'shop-staging' is where the namespace mapping puts 'shop', "
                + "not a namespace of backup b1").contains("so select 'shop' instead");
        assertThat(run("diff", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--namespace-map", "shop=shop-staging", "--include-namespaces", "shop-staging")).isEqualTo(2);
        assertThat(err.toString()).contains("so select 'shop' instead");

        // a selection that matches nothing is a failure that says what the backup has, never a pass
        assertThat(run("verify", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-namespaces", "shop-data", "--timeout", "1s")).isEqualTo(1);
        assertThat(out.toString()).contains("verify b1: fail, 0 objects").contains("nothing compared");
        assertThat(err.toString()).contains("ERROR: nothing compared: the selection (namespaces shop-data) matches no object "
                + "of backup b1, which has namespaces shop").contains("WARNING: namespace shop-data is not in backup b1");
        assertThat(run("diff", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-resources", "cronjobs.batch")).isEqualTo(1);
        assertThat(out.toString()).contains("diff b1: nothing compared, 0 compared");
    }

    @Test
    void describeShowsTheVersionOfEachTypeWhatRulesSkippedAndTheDegradations() throws Exception {
        io.jenkins.plugins.k8sbackup.testkit.MultiVersionApi.deploy(cluster.client());
        cluster.faults().breakDiscoveryOf("shop.example.com/v1");
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop,fleet")).isEqualTo(3);
        assertThat(err.toString()).contains("discovery of shop.example.com/v1 failed");

        assertThat(run("describe", "b1", "--storage", storage)).isEqualTo(3);
        String text = out.toString();
        assertThat(text).containsPattern("gadgets\\.multi\\.example\\.com +multi\\.example\\.com/v1beta1 +2 ")
                .containsPattern("dbbackups\\.ops\\.example\\.com +ops\\.example\\.com/v1alpha1 +1 ");
        assertThat(text).contains("Skipped by rule:").containsPattern("pods +1 +controlled by an owner in this backup")
                .containsPattern("events +all +never backed up");
        assertThat(text).contains("Degradations:").contains("DiscoveryStale shop.example.com/v1: discovery of shop.example.com/v1"
                + " failed (stale: its API server did not answer): its resources are not backed up (objects may be missing)");

        assertThat(run("describe", "b1", "--storage", storage, "-o", "json")).isEqualTo(3);
        assertThat(out.toString()).contains("\"skipped\" : [").contains("\"degradations\" : [").contains("\"incomplete\" : true");
    }

    @Test
    void aPodFabric8CannotModelNoLongerEndsAFinishedRestoreWithoutAReport() throws Exception {
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--name", "b1",
                "--include-namespaces", "shop")).isEqualTo(0);
        // a string where fabric8's Pod has an integer: listing the namespace's pods as typed objects threw
        cluster.createRaw("/api/v1/namespaces/shop/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"odd","namespace":"shop"},
                 "spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":"http"}]}]}}""");
        cluster.client().configMaps().inNamespace("shop").withName("web-config").delete();
        Path report = dir.resolve("report.json");

        assertThat(run("restore", "b1", "--kubeconfig", kubeconfig.toString(), "--storage", storage,
                "--include-namespaces", "shop", "--report", report.toString())).isEqualTo(0);

        assertThat(err.toString()).doesNotContain("An error has occurred");
        assertThat(Files.readString(report)).contains("\"status\" : \"Completed\"").contains("\"created\" : 1");
        assertThat(cluster.client().configMaps().inNamespace("shop").withName("web-config").get()).isNotNull();
    }

    @Test
    void usageErrorsExitTwoAndFailuresExitOne() {
        assertThat(run("backup", "--storage", storage)).isEqualTo(2);
        assertThat(err.toString()).contains("--kubeconfig");
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", "ftp://nowhere/x")).isEqualTo(2);
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage, "--ttl", "soon")).isEqualTo(2);
        assertThat(run("restore", "missing", "--kubeconfig", kubeconfig.toString(), "--storage", storage)).isEqualTo(1);
        assertThat(err.toString()).contains("no backup named 'missing'");
        assertThat(run("backup", "--kubeconfig", dir.resolve("nope").toString(), "--storage", storage)).isEqualTo(1);
        assertThat(err.toString()).contains("kubeconfig").contains("does not exist");
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unreachableClusterExitsOneWithAClearMessage() {
        int port = cluster.port();
        cluster.close();
        assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", storage)).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach the Kubernetes API at http://127.0.0.1:" + port);
        assertThat(err.toString()).doesNotContain(MockCluster.TOKEN);
    }

    @Test
    void backsUpToS3AndListsIt() throws Exception {
        try (S3ProxyFixture s3 = new S3ProxyFixture()) {
            s3.start();
            String uri = s3.uniqueUri();
            // credentials reach the CLI through the AWS default chain (system properties here, env vars in CI)
            System.setProperty("aws.accessKeyId", S3ProxyFixture.IDENTITY);
            try {
                System.setProperty("aws.secretAccessKey", S3ProxyFixture.CREDENTIAL);
                assertThat(run("backup", "--kubeconfig", kubeconfig.toString(), "--storage", uri, "--name", "s3b",
                        "--include-namespaces", "shop")).isEqualTo(0);
                assertThat(run("list", "--storage", uri)).isEqualTo(0);
                assertThat(out.toString()).contains("s3b").contains("Completed");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    @Test
    void demoTellsTheWholeStoryAndPasses() {
        assertThat(run("demo", "--dir", dir.resolve("demo").toString())).isEqualTo(0);
        assertThat(out.toString()).contains("[8] verify the clone").contains("demo: every step passed")
                .contains("transform deployments.apps shop-staging/web: /spec/replicas 2 -> 1 (scale 1)")
                .contains("transform ingresses.networking.k8s.io shop-staging/web: /spec/rules/0/host shop.example.com -> shop.staging.example.com");
        for (String secret : SampleApp.SECRET_VALUES) {
            assertThat(out.toString() + err).doesNotContain(secret);
        }
    }
}
