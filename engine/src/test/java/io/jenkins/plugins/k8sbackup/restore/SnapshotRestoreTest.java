package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.outcome.RunStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.SnapshotControllerSimulator;
import io.jenkins.plugins.k8sbackup.util.Json;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PVC backed up with a CSI snapshot comes back provisioned from it, in place or in another namespace. */
class SnapshotRestoreTest {
    @TempDir
    Path dir;
    MockCluster cluster;
    SnapshotControllerSimulator controller;
    LocalDirectoryStorage storage;
    final BackupFixture fixture = new BackupFixture();

    @BeforeEach
    void setUp() throws Exception {
        cluster = MockCluster.start();
        cluster.installVolumeSnapshotCrds();
        SampleApp.deploy(cluster.client());
        cluster.createVolumeSnapshotClass("csi-hostpath-snapclass", "hostpath.csi.k8s.io");
        controller = new SnapshotControllerSimulator(cluster.client());
        storage = new LocalDirectoryStorage(dir.resolve("store"));
        var result = fixture.backup(cluster, storage, BackupSpec.builder().name("snap").includeNamespaces(List.of("shop-data"))
                .snapshotVolumes(true).volumeSnapshotClasses(Map.of("standard", "csi-hostpath-snapclass"))
                .snapshotTimeout(Duration.ofSeconds(10)).build(), null);
        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
    }

    @AfterEach
    void tearDown() {
        controller.close();
        cluster.close();
    }

    private RestoreReport restore(RestoreSpec spec) throws Exception {
        try (KubernetesClient client = fixture.engineClient(cluster)) {
            return new RestoreRunner(client, BackupFixture.fastCaller(), BackupReader.open(storage, "snap", Optional.empty()),
                    fixture.progress).run(spec);
        }
    }

    private JsonNode pvc(String ns) {
        return Json.MAPPER.valueToTree(cluster.client().persistentVolumeClaims().inNamespace(ns).withName("data-db-0").get());
    }

    @Test
    void restoresALostClaimFromItsSnapshotInPlace() throws Exception {
        cluster.client().persistentVolumeClaims().inNamespace("shop-data").withName("data-db-0").delete();

        RestoreReport report = restore(RestoreSpec.builder("snap").includeNamespaces(List.of("shop-data"))
                .includeResources(List.of("persistentvolumeclaims")).build());

        assertThat(report.status()).isEqualTo(RunStatus.Completed);
        JsonNode restored = pvc("shop-data");
        assertThat(restored.at("/spec/dataSource/kind").asText()).isEqualTo("VolumeSnapshot");
        assertThat(restored.at("/spec/dataSource/apiGroup").asText()).isEqualTo(SnapshotApi.GROUP);
        assertThat(restored.at("/spec/dataSource/name").asText()).startsWith("k8sb-snap-");
        assertThat(restored.at("/spec/volumeName").isMissingNode()).isTrue();
        assertThat(report.items()).anySatisfy(i -> assertThat(i.message()).contains("provisioned from VolumeSnapshot"));
    }

    @Test
    void clonesAClaimIntoAnotherNamespaceThroughAPreProvisionedSnapshot() throws Exception {
        RestoreReport report = restore(RestoreSpec.builder("snap").includeNamespaces(List.of("shop-data"))
                .includeResources(List.of("persistentvolumeclaims")).namespaceMapping(Map.of("shop-data", "shop-data-copy")).build());

        assertThat(report.status()).isEqualTo(RunStatus.Completed);
        JsonNode clone = pvc("shop-data-copy");
        String snapshotName = clone.at("/spec/dataSource/name").asText();
        GenericKubernetesResource snapshot = cluster.client().genericKubernetesResources(SnapshotApi.SNAPSHOTS)
                .inNamespace("shop-data-copy").withName(snapshotName).get();
        assertThat(snapshot).as("VolumeSnapshot in the target namespace").isNotNull();
        String content = String.valueOf(((Map<?, ?>) snapshot.getAdditionalProperties().get("spec")).get("source"));
        assertThat(content).contains("volumeSnapshotContentName");
        assertThat(cluster.client().genericKubernetesResources(SnapshotApi.CONTENTS).list().getItems())
                .anySatisfy(c -> assertThat(c.getMetadata().getName()).startsWith("k8sb-restore-shop-data-copy"));
    }

    @Test
    void theOldVolumeOfAClaimProvisionedFromItsSnapshotIsNotRestored() throws Exception {
        cluster.client().persistentVolumeClaims().inNamespace("shop-data").withName("data-db-0").delete();
        cluster.client().persistentVolumes().withName("pv-db-0").delete();

        RestoreReport report = restore(RestoreSpec.builder("snap").includeNamespaces(List.of("shop-data")).build());

        assertThat(report.status()).as(report.errors().toString()).isEqualTo(RunStatus.Completed);
        assertThat(report.items()).filteredOn(i -> i.resource().equals("persistentvolumes")).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("pv-db-0");
            assertThat(i.action()).isEqualTo(RestoreAction.SKIP_RULE);
            assertThat(i.message()).contains("claim shop-data/data-db-0 is provisioned from VolumeSnapshot");
        });
        assertThat(cluster.client().persistentVolumes().withName("pv-db-0").get()).as("old PV").isNull();
        assertThat(pvc("shop-data").at("/spec/dataSource/kind").asText()).isEqualTo("VolumeSnapshot");
    }

    @Test
    void aVolumeIsRestoredWhenItsClaimIsNotPartOfTheRestore() throws Exception {
        cluster.client().persistentVolumes().withName("pv-db-0").delete();

        RestoreReport report = restore(RestoreSpec.builder("snap").includeResources(List.of("persistentvolumes"))
                .includeClusterResources(true).build());

        assertThat(report.items()).filteredOn(i -> i.name().equals("pv-db-0")).singleElement()
                .satisfies(i -> assertThat(i.action()).isEqualTo(RestoreAction.CREATE));
        assertThat(cluster.client().persistentVolumes().withName("pv-db-0").get()).isNotNull();
    }
}
