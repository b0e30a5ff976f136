package io.jenkins.plugins.k8sbackup.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.restore.RestoreSpec;
import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
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
                .isEqualTo(RunStatus.Completed);
        endpoints("shop", "web");

        VerifyReport r = verify(shop().checks(List.of(VerifyCheck.parse("serviceHasEndpoints:shop/web"))).build());

        assertThat(r.result()).as(r.table().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.exitCode()).isZero();
        assertThat(r.objects()).hasSizeGreaterThan(15).allMatch(v -> v.verdict().equals("match"));
        assertThat(r.readiness()).extracting(VerifyReport.Verdict::name).contains("web", "db", "data-db-0");
        assertThat(r.checks()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo("pass"));

        Map<String, String> map = Map.of("shop", "shop-staging", "shop-data", "shop-data-staging");
        assertThat(t.restore(RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).namespaceMapping(map).build(), null)
                .status()).isEqualTo(RunStatus.Completed);
        // prod's PV stays prod's: the clone's claim binds afresh, and verify says so
        VerifyReport withPv = verify(shop().namespaceMapping(map).build());
        assertThat(withPv.result()).isEqualTo(RunStatus.Failed);
        assertThat(withPv.objects()).filteredOn(v -> v.outcome() == VerifyReport.Outcome.fail).singleElement()
                .satisfies(v -> assertThat(v.name() + " " + v.detail()).isEqualTo("pv-db-0 /spec/claimRef/namespace"));
        VerifyReport clone = verify(shop().namespaceMapping(map).excludeResources(List.of("persistentvolumes")).build());
        assertThat(clone.result()).as(clone.table().toString()).isEqualTo(RunStatus.Completed);
        assertThat(clone.objects()).extracting(VerifyReport.Verdict::namespace).contains("shop-staging", "shop-data-staging")
                .doesNotContain("shop", "shop-data");
    }

    @Test
    void failsOnAPlantedMismatchAndWarnsOnMetadataOnly() throws Exception {
        admin.configMaps().inNamespace("shop").withName("web-config").edit(c -> { c.getData().put("LOG_LEVEL", "debug"); return c; });
        admin.configMaps().inNamespace("shop-data").withName("db-config").edit(c -> { c.getMetadata().getLabels().put("x", "y"); return c; });
        admin.secrets().inNamespace("shop").withName("web-secrets").delete();

        VerifyReport r = verify(shop().build());

        assertThat(r.result()).isEqualTo(RunStatus.Failed);
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
        assertThat(r.result()).as(r.table().toString()).isEqualTo(RunStatus.PartiallyFailed);
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void failsOnAWorkloadThatNeverBecomesReadyAndAServiceWithoutEndpoints() throws Exception {
        simulator.unreadyDeployment("shop", "web");
        long start = System.nanoTime();

        VerifyReport r = verify(shop().timeout(Duration.ofMillis(1500)).checks(List.of(VerifyCheck.parse("serviceHasEndpoints:shop/web")))
                .build());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.result()).isEqualTo(RunStatus.Failed);
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
    void verifiesAMappedCloneAndNotesWhatTheRestoreChangedOnPurpose() throws Exception {
        Map<String, String> map = Map.of("shop", "shop-staging", "shop-data", "shop-data-staging");
        RestoreSpec clone = RestoreSpec.builder("b1").includeNamespaces(SampleApp.NAMESPACES).namespaceMapping(map)
                .excludeResources(List.of("persistentvolumes")).build();
        assertThat(t.restore(clone, null).status()).isEqualTo(RunStatus.Completed);
        // the cluster assigns the restored Service a node port of its own
        admin.services().inNamespace("shop-staging").withName("web").edit(s -> {
            s.getSpec().getPorts().get(0).setNodePort(31234);
            return s;
        });

        VerifyReport r = verify(shop().namespaceMapping(map).excludeResources(List.of("persistentvolumes")).build());

        assertThat(r.result()).as(r.table().toString()).isEqualTo(RunStatus.Completed);
        assertThat(r.compared()).isGreaterThan(15);
        assertThat(r.errors()).isEmpty();
        assertThat(r.objects()).extracting(VerifyReport.Verdict::namespace).contains("shop-staging", "shop-data-staging")
                .doesNotContain("shop", "shop-data");
        assertThat(r.objects()).filteredOn(v -> v.resource().equals("services") && v.name().equals("web")).singleElement()
                .satisfies(v -> {
                    assertThat(v.verdict()).isEqualTo("match");
                    assertThat(v.notes()).containsExactly("spec.ports[0].nodePort 30080 -> 31234: assigned by the cluster: "
                            + "node ports are not preserved (restore --preserve-node-ports keeps them)");
                });
        // prod's PV is not part of the clone: the claim binds afresh, which is said, not hidden
        assertThat(r.objects()).filteredOn(v -> v.name().equals("data-db-0")).singleElement()
                .satisfies(v -> assertThat(v.notes()).singleElement().asString().startsWith("spec.volumeName pv-db-0 -> unset: "));
        assertThat(r.attention()).anyMatch(l -> l.contains("shop-staging/web") && l.contains("nodePort 30080 -> 31234"));
        assertThat(t.fixture.log).anyMatch(l -> l.contains("nodePort 30080 -> 31234"));

        // a restore that kept node ports is held to them: the same difference now fails
        VerifyReport kept = verify(shop().namespaceMapping(map).excludeResources(List.of("persistentvolumes"))
                .preserveNodePorts(true).build());
        assertThat(kept.result()).isEqualTo(RunStatus.Failed);
        assertThat(kept.objects()).filteredOn(v -> v.outcome() == VerifyReport.Outcome.fail).singleElement()
                .satisfies(v -> assertThat(v.name() + " " + v.detail()).isEqualTo("web /spec/ports/0/nodePort"));
    }

    @Test
    void anEmptyComparisonFailsAndSaysWhatTheBackupHas() throws Exception {
        VerifyReport r = verify(shop().includeNamespaces(List.of("nothere")).build());

        assertThat(r.result()).isEqualTo(RunStatus.Failed);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.objects()).isEmpty();
        assertThat(r.errors()).singleElement().asString().startsWith("nothing compared: the selection (namespaces nothere)")
                .contains("matches no object of backup b1, which has namespaces default, kube-system, shop, shop-data, unrelated and types configmaps (2), ");
        assertThat(r.warnings()).containsExactly("namespace nothere is not in backup b1");
        assertThat(r.summaryLine()).startsWith("verify b1: fail, 0 objects").contains("nothing compared");

        VerifyReport noType = verify(shop().includeResources(List.of("cronjobs.batch")).labelSelector("app=nobody").build());
        assertThat(noType.result()).isEqualTo(RunStatus.Failed);
        assertThat(noType.errors()).singleElement().asString().contains("resources cronjobs.batch; labels app=nobody");
    }

    @Test
    void refusesTargetNamespacesGivenAsTheSelection() {
        Map<String, String> map = Map.of("shop", "shop-staging");
        assertThatThrownBy(() -> verify(shop().includeNamespaces(List.of("shop-staging")).namespaceMapping(map).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace 'shop-staging' is where the namespace mapping puts 'shop', not a namespace of backup b1: "
                        + "a selection names the backup's namespaces and the mapping applies after it, so select 'shop' instead");
        assertThatThrownBy(() -> verify(shop().includeNamespaces(List.of()).objects(List.of("configmaps/shop-staging/web-config"))
                .namespaceMapping(map).build())).hasMessageContaining("select 'shop' instead");
    }

    @Test
    void rejectsBadChecks() {
        assertThatThrownBy(() -> VerifyCheck.parse("serviceHasEndpoints:web")).hasMessageContaining("expected kind:namespace/name");
        assertThatThrownBy(() -> VerifyCheck.parse("httpGet:shop/web")).hasMessageContaining("unknown check kind");
    }
}
