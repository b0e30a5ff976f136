package io.jenkins.plugins.k8sbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.restore.RestoreStatus;
import io.jenkins.plugins.k8sbackup.restore.RestoreTestSupport;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyRunnerTest {
    @TempDir
    Path dir;
    RestoreTestSupport t;
    KubernetesClient admin;
    WorkloadSimulator simulator;

    @BeforeEach
    void setUp() throws Exception {
        t = new RestoreTestSupport(dir);
        admin = t.cluster.client();
        simulator = new WorkloadSimulator(admin);
        t.backupShop("b1", null);
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        t.close();
    }

    private VerifyReport verify(VerifySpec spec) throws Exception {
        try (KubernetesClient client = t.fixture.engineClient(t.cluster)) {
            return new VerifyRunner(client, BackupFixture.fastCaller(), BackupReader.open(t.storage, "b1", Optional.empty()),
                    t.fixture.progress).run(spec);
        }
    }

    private VerifySpec.Builder shop() {
        return VerifySpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).timeout(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100));
    }

    private void endpoints(String ns, String name) {
        admin.endpoints().inNamespace(ns).resource(new EndpointsBuilder().withNewMetadata().withName(name).endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.7").endAddress().addNewPort().withPort(8080).endPort().endSubset()
                .build()).create();
    }

    @Test
    void passesAfterARestoreIncludingAClone() throws Exception {
        t.deleteNamespaces(SampleApp.NAMESPACES);
        assertThat(t.restore(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).build(), null).status())
                .isEqualTo(RestoreStatus.Completed);
        endpoints("shop", "web");

        VerifyReport r = verify(shop().checks(List.of(VerifyCheck.parse("serviceHasEndpoints:shop/web"))).build());

        assertThat(r.result()).as(r.table().toString()).isEqualTo(VerifyReport.Result.pass);
        assertThat(r.exitCode()).isZero();
        assertThat(r.objects()).hasSizeGreaterThan(15).allMatch(v -> v.verdict().equals("match"));
        assertThat(r.readiness()).extracting(VerifyReport.Verdict::name).contains("web", "db", "data-db-0");
        assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo("pass"));

        Map<String, String> map = Map.of("shop", "shop-staging", "shop-data", "shop-data-staging");
        assertThat(t.restore(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).namespaceMapping(map).build(), null)
                .status()).isEqualTo(RestoreStatus.Completed);
        // prod's PV stays prod's: the clone's claim binds afresh, and verify says so
        VerifyReport withPv = verify(shop().namespaceMapping(map).build());
        assertThat(withPv.result()).isEqualTo(VerifyReport.Result.fail);
        assertThat(withPv.objects()).filteredOn(v -> v.outcome() == VerifyReport.Outcome.fail).singleElement()
                .satisfies(v -> assertThat(v.name() + " " + v.detail()).isEqualTo("pv-db-0 /spec/claimRef/namespace"));
        VerifyReport clone = verify(shop().namespaceMapping(map).excludeResources(List.of("persistentvolumes")).build());
        assertThat(clone.result()).as(clone.table().toString()).isEqualTo(VerifyReport.Result.pass);
        assertThat(clone.objects()).extracting(VerifyReport.Verdict::namespace).contains("shop-staging", "shop-data-staging")
                .doesNotContain("shop", "shop-data");
    }

    @Test
    void failsOnAPlantedMismatchAndWarnsOnMetadataOnly() throws Exception {
        admin.configMaps().inNamespace("shop").withName("web-config").edit(c -> { c.getData().put("LOG_LEVEL", "debug"); return c; });
        admin.configMaps().inNamespace("shop-data").withName("db-config").edit(c -> { c.getMetadata().getLabels().put("x", "y"); return c; });
        admin.secrets().inNamespace("shop").withName("web-secrets").delete();

        VerifyReport r = verify(shop().build());

        assertThat(r.result()).isEqualTo(VerifyReport.Result.fail);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.objects()).filteredOn(v -> v.name().equals("web-config")).singleElement()
                .satisfies(v -> {
                    assertThat(v.verdict()).isEqualTo("spec-differs");
                    assertThat(v.detail()).isEqualTo("/data/LOG_LEVEL");
                });
        assertThat(r.objects()).filteredOn(v -> v.name().equals("db-config")).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo("metadata-differs"));
        assertThat(r.objects()).filteredOn(v -> v.name().equals("web-secrets")).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo("missing"));
        assertThat(r.table().get(0)).startsWith("fail");
    }

    @Test
    void metadataOnlyDifferencesPassWithWarnings() throws Exception {
        admin.configMaps().inNamespace("shop-data").withName("db-config").edit(c -> { c.getMetadata().getLabels().put("x", "y"); return c; });
        VerifyReport r = verify(shop().build());
        assertThat(r.result()).as(r.table().toString()).isEqualTo(VerifyReport.Result.passedWithWarnings);
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void failsOnAWorkloadThatNeverBecomesReadyAndAServiceWithoutEndpoints() throws Exception {
        simulator.unreadyDeployment("shop", "web");
        long start = System.nanoTime();

        VerifyReport r = verify(shop().timeout(Duration.ofMillis(1500)).checks(List.of(VerifyCheck.parse("serviceHasEndpoints:shop/web")))
                .build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.result()).isEqualTo(VerifyReport.Result.fail);
        assertThat(r.readiness()).filteredOn(v -> v.name().equals("web")).singleElement().satisfies(v -> {
            assertThat(v.verdict()).isEqualTo("not-ready");
            assertThat(v.detail()).contains("0/2 available").contains("after 1s");
        });
        assertThat(r.readiness()).filteredOn(v -> v.name().equals("db")).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo("ready"));
        assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.detail()).contains("no Endpoints object"));
        assertThat(t.fixture.log.get(t.fixture.log.size() - 1)).startsWith("verify b1: fail");
    }

    @Test
    void rejectsBadChecks() {
        assertThatThrownBy(() -> VerifyCheck.parse("serviceHasEndpoints:web")).hasMessageContaining("expected kind:namespace/name");
        assertThatThrownBy(() -> VerifyCheck.parse("httpGet:shop/web")).hasMessageContaining("unknown check kind");
    }
}
