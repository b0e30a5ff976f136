package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever fails once a restore has written something, its report still comes back, with the real cause. */
class RestoreFailureReportTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;
    WorkloadSimulator simulator;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        simulator = new WorkloadSimulator(t.cluster.client());
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    @Test
    void aFailureAfterTheFirstWritesStillGivesTheReportOfWhatWasDone() throws Exception {
        t.backupShop("b1", null);
        t.deleteNamespaces(SampleApp.NAMESPACES);
        t.cluster.clearWriteLog();
        // Storage can no longer fail midway (the archives are checked and read from verified copies before the first
        // write), so the failure comes from elsewhere: the build log going away under an aborted build, here at the
        // first step after the ConfigMaps were written.
        io.jenkins.plugins.k8sbackup.util.ProgressListener dyingLog = message -> {
            if (message.startsWith("step: ") && t.cluster.writeLog().stream().anyMatch(w -> w.contains("/configmaps"))) {
                throw new IllegalStateException("simulated: the build log went away before " + message);
            }
        };

        RestoreReport report;
        try (KubernetesClient client = t.fixture.engineClient(t.cluster);
             BackupReader reader = BackupReader.open(t.storage, "b1", Optional.empty())) {
            report = new RestoreRunner(client, BackupFixture.fastCaller(), reader, dyingLog)
                    .run(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).build());
        }

        assertThat(report.status()).isEqualTo(RunStatus.Failed);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).startsWith("the restore stopped before it was done: ")
                .contains("simulated: the build log went away before step: "));
        // what was written before is in the report, and really in the cluster
        assertThat(report.items()).anySatisfy(i -> {
            assertThat(i.resource()).isEqualTo("configmaps");
            assertThat(i.name()).isEqualTo("web-config");
            assertThat(i.action()).isEqualTo(RestoreAction.CREATE);
        });
        assertThat(t.cluster.client().configMaps().inNamespace("shop").withName("web-config").get()).isNotNull();
        assertThat(report.items()).noneMatch(i -> i.resource().equals("deployments.apps"));
    }

    @Test
    void aRequestTheClientRefusesToSendIsReportedAsSuchNamingTheObject() throws Exception {
        // a name fabric8 cannot put in a URL path (an unrendered template): the create sends it in the body, the
        // look-up of the existing object cannot even be sent
        t.cluster.client().configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("${CLUSTER}").endMetadata().addToData("k", "v").build()).create();
        t.backupShop("b1", null);

        RestoreReport report = t.restore(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES)
                .includeResources(java.util.List.of("configmaps")).build(), null);

        RestoreItem item = report.items().stream().filter(i -> i.name().equals("${CLUSTER}")).findFirst().orElseThrow();
        assertThat(item.action()).isEqualTo(RestoreAction.FAIL);
        assertThat(item.message()).startsWith("not sent: the Kubernetes client could not build the request URL")
                .contains("Illegal character in path").contains("/namespaces/shop/configmaps/${CLUSTER}")
                .doesNotContain("An error has occurred").doesNotContain("refused by the API server");
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).startsWith("configmaps shop/${CLUSTER}: not sent: "));
        assertThat(report.status()).isEqualTo(RunStatus.PartiallyFailed);
    }
}
