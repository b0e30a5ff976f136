package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.testkit.MultiVersionApi;
import io.jenkins.plugins.k8sbackup.testkit.WorkloadSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinds served only at versions their group does not prefer are backed up, recorded at the version they were read
 * at, and restored at that version: before, only the preferred version was read and they were silently missing.
 */
class MultiVersionBackupRestoreTest {
    private static final ResourceDefinitionContext GADGETS = context("multi.example.com", "v1beta1", "gadgets", "Gadget", true);
    private static final ResourceDefinitionContext GIZMOS = context("multi.example.com", "v1beta1", "gizmos", "Gizmo", false);
    private static final ResourceDefinitionContext DB_BACKUPS = context("ops.example.com", "v1alpha1", "dbbackups", "DbBackup", true);

    @TempDir
    Path dir;
    RestoreTestSupport support;
    WorkloadSimulator simulator;

    @BeforeEach
    void setUp() throws Exception {
        support = new RestoreTestSupport(dir);
        simulator = new WorkloadSimulator(support.cluster.client()); // CRDs become Established
        MultiVersionApi.deploy(support.cluster.client());
    }

    @AfterEach
    void tearDown() {
        simulator.close();
        support.close();
    }

    private static ResourceDefinitionContext context(String group, String version, String plural, String kind, boolean namespaced) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural).withKind(kind)
                .withNamespaced(namespaced).build();
    }

    @ParameterizedTest(name = "legacy discovery: {0}")
    @ValueSource(booleans = {false, true})
    void kindsOnlyAtNonPreferredVersionsAreBackedUpAndRestoredAtTheirVersion(boolean legacy) throws Exception {
        support.cluster.faults().legacyDiscoveryOnly(legacy);
        BackupResult backup = support.fixture.backup(support.cluster, support.storage, BackupSpec.builder().name("fleet")
                .includeNamespaces(List.of(MultiVersionApi.NAMESPACE)).includeClusterResources(true).build(), null);

        assertThat(backup.status()).isEqualTo(BackupStatus.Completed);
        BackupReader reader = BackupReader.open(support.storage, "fleet", Optional.empty());
        Map<String, String> versions = reader.manifest().types().stream().filter(t -> t.resource().contains(".example.com"))
                .collect(Collectors.toMap(BackupManifest.TypeSummary::resource, BackupManifest.TypeSummary::apiVersion));
        assertThat(versions).isEqualTo(Map.of(
                "widgets.multi.example.com", "multi.example.com/v1beta2",
                "gadgets.multi.example.com", "multi.example.com/v1beta1",
                "gizmos.multi.example.com", "multi.example.com/v1beta1",
                "dbclusters.ops.example.com", "ops.example.com/v1",
                "dbbackups.ops.example.com", "ops.example.com/v1alpha1",
                "schedules.ops.example.com", "ops.example.com/v1beta1"));
        assertThat(backup.countsByType()).containsEntry("gadgets.multi.example.com", 2L).containsEntry("gizmos.multi.example.com", 1L)
                .containsEntry("dbbackups.ops.example.com", 1L);

        KubernetesClient c = support.cluster.client();
        c.genericKubernetesResources(GADGETS).inNamespace(MultiVersionApi.NAMESPACE).delete();
        c.genericKubernetesResources(DB_BACKUPS).inNamespace(MultiVersionApi.NAMESPACE).delete();
        c.genericKubernetesResources(GIZMOS).withName("z1").delete();
        assertThat(c.genericKubernetesResources(GADGETS).inNamespace(MultiVersionApi.NAMESPACE).list().getItems()).isEmpty();
        support.cluster.clearWriteLog();

        RestoreReport report = support.restore(RestoreSpec.builder("fleet").waitTimeout(java.time.Duration.ofSeconds(20)).build(), null);

        assertThat(report.status()).as(report.errors().toString()).isEqualTo(RunStatus.Completed);
        List<GenericKubernetesResource> gadgets = c.genericKubernetesResources(GADGETS).inNamespace(MultiVersionApi.NAMESPACE)
                .list().getItems();
        assertThat(gadgets).extracting(g -> g.getMetadata().getName()).containsExactlyInAnyOrder("g1", "g2");
        assertThat(gadgets).extracting(g -> g.getAdditionalProperties().get("spec")).containsExactlyInAnyOrder(
                Map.of("colour", "red"), Map.of("colour", "blue"));
        assertThat(c.genericKubernetesResources(DB_BACKUPS).inNamespace(MultiVersionApi.NAMESPACE).withName("nightly-1").get())
                .isNotNull();
        assertThat(c.genericKubernetesResources(GIZMOS).withName("z1").get()).isNotNull();
        // written at the version they were read at
        assertThat(support.cluster.writeLog()).contains(
                "POST /apis/multi.example.com/v1beta1/namespaces/fleet/gadgets -> 201",
                "POST /apis/multi.example.com/v1beta1/gizmos -> 201",
                "POST /apis/ops.example.com/v1alpha1/namespaces/fleet/dbbackups -> 201");
    }
}
