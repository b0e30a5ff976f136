package io.jenkins.plugins.k8sbackup.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.k8sbackup.archive.BackupReader;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.backup.BackupResult;
import io.jenkins.plugins.k8sbackup.backup.BackupRunner;
import io.jenkins.plugins.k8sbackup.backup.BackupSpec;
import io.jenkins.plugins.k8sbackup.catalog.BackupCatalog;
import io.jenkins.plugins.k8sbackup.catalog.BackupKind;
import io.jenkins.plugins.k8sbackup.catalog.BackupStatus;
import io.jenkins.plugins.k8sbackup.catalog.RetentionPolicy;
import io.jenkins.plugins.k8sbackup.storage.LocalDirectoryStorage;
import io.jenkins.plugins.k8sbackup.testing.BackupFixture;
import io.jenkins.plugins.k8sbackup.testkit.MockCluster;
import io.jenkins.plugins.k8sbackup.testkit.SampleApp;
import io.jenkins.plugins.k8sbackup.testkit.SnapshotControllerSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeSnapshotBackupTest {
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
    }

    @AfterEach
    void tearDown() {
        controller.close();
        cluster.close();
    }

    private BackupSpec.Builder shop(String name) {
        return BackupSpec.builder().name(name).includeNamespaces(SampleApp.NAMESPACES).snapshotVolumes(true)
                .volumeSnapshotClasses(Map.of("standard", "csi-hostpath-snapclass")).snapshotTimeout(Duration.ofSeconds(10));
    }

    private BackupResult backup(BackupSpec spec, RetentionPolicy retention, Instant now) throws Exception {
        try (KubernetesClient client = fixture.engineClient(cluster)) {
            return new BackupRunner(client, BackupFixture.fastCaller(), storage, Optional.empty(), fixture.progress,
                    Clock.fixed(now, ZoneOffset.UTC)).run(spec, retention);
        }
    }

    private GenericKubernetesResource snapshot(String ns, String name) {
        return cluster.client().genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).withName(name).get();
    }

    private GenericKubernetesResource content(String name) {
        return cluster.client().genericKubernetesResources(SnapshotApi.CONTENTS).withName(name).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void snapshotsEveryCapturedPvcAndRecordsTheHandle() throws Exception {
        BackupResult result = fixture.backup(cluster, storage, shop("b1").build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
        GenericKubernetesResource vs = snapshot("shop-data", "k8sb-b1-data-db-0");
        assertThat(vs).isNotNull();
        assertThat(vs.getMetadata().getLabels()).containsEntry(SnapshotApi.BACKUP_LABEL, "b1");
        Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("volumeSnapshotClassName", "csi-hostpath-snapclass")
                .containsEntry("source", Map.of("persistentVolumeClaimName", "data-db-0"));

        BackupManifest manifest = BackupReader.open(storage, "b1", Optional.empty()).manifest();
        assertThat(manifest.volumeSnapshots()).hasSize(1);
        VolumeSnapshotRecord r = manifest.volumeSnapshots().get(0);
        assertThat(r.namespace()).isEqualTo("shop-data");
        assertThat(r.pvcName()).isEqualTo("data-db-0");
        assertThat(r.storageClassName()).isEqualTo("standard");
        assertThat(r.volumeName()).isEqualTo("pv-db-0");
        assertThat(r.volumeSnapshotName()).isEqualTo("k8sb-b1-data-db-0");
        assertThat(r.volumeSnapshotContentName()).isEqualTo("snapcontent-" + vs.getMetadata().getUid());
        assertThat(r.snapshotHandle()).isEqualTo(SnapshotControllerSimulator.handleFor(vs.getMetadata().getUid()));
        assertThat(r.driver()).isEqualTo("hostpath.csi.k8s.io");
        assertThat(r.readyToUse()).isTrue();
        assertThat(r.error()).isNull();
        // so that deleting the namespace in a disaster does not delete the snapshot with it
        Map<String, Object> contentSpec = (Map<String, Object>) content(r.volumeSnapshotContentName()).getAdditionalProperties().get("spec");
        assertThat(contentSpec).containsEntry("deletionPolicy", "Retain");
        // the catalog's header reader still understands the manifest
        assertThat(new BackupCatalog(storage, BackupKind.KUBERNETES).summarise("b1").status()).isEqualTo(BackupStatus.Completed);
    }

    @Test
    void aSnapshotNotReadyInTimeIsAnItemErrorAndStillRecorded() throws Exception {
        controller.neverReady("shop-data", "data-db-0");
        long t0 = System.nanoTime();
        BackupResult result = fixture.backup(cluster, storage, shop("slow").snapshotTimeout(Duration.ofMillis(800)).build(), null);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
        assertThat(result.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.resource()).isEqualTo("volumesnapshots.snapshot.storage.k8s.io");
            assertThat(e.namespace()).isEqualTo("shop-data");
            assertThat(e.name()).isEqualTo("data-db-0");
            assertThat(e.reason()).contains("within the snapshot timeout");
        });
        VolumeSnapshotRecord r = BackupReader.open(storage, "slow", Optional.empty()).manifest().volumeSnapshots().get(0);
        assertThat(r.readyToUse()).isFalse();
        assertThat(r.snapshotHandle()).isNull();
        assertThat(r.volumeSnapshotName()).isEqualTo("k8sb-slow-data-db-0"); // recorded, so retention can delete it
        assertThat(r.usable()).isFalse();
        // the objects themselves were still backed up
        assertThat(result.objectCount()).isGreaterThan(5);
    }

    @Test
    void aDriverErrorFailsTheSnapshotWithItsMessage() throws Exception {
        controller.failWith("shop-data", "data-db-0", "rpc error: code = Internal desc = disk busy");
        BackupResult result = fixture.backup(cluster, storage, shop("err").build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("disk busy"));
    }

    @Test
    void withoutTheSnapshotApiTheErrorSaysWhatToInstall() throws Exception {
        for (String crd : List.of("volumesnapshots", "volumesnapshotcontents", "volumesnapshotclasses")) {
            cluster.client().apiextensions().v1().customResourceDefinitions().withName(crd + ".snapshot.storage.k8s.io").delete();
        }
        BackupResult result = fixture.backup(cluster, storage, shop("nocrd").build(), null);

        assertThat(result.status()).isEqualTo(BackupStatus.PartiallyFailed);
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("install the CSI snapshot CRDs"));
    }

    @Test
    void unboundClaimsAreSkippedWithAWarningAndNoSnapshotIsTakenWhenTheOptionIsOff() throws Exception {
        cluster.client().persistentVolumeClaims().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("pending").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources()
                .endSpec().build()).create();
        BackupResult result = fixture.backup(cluster, storage, shop("b2").build(), null);
        assertThat(result.status()).isEqualTo(BackupStatus.Completed);
        assertThat(result.warnings()).anyMatch(w -> w.contains("PVC shop/pending is not bound"));
        assertThat(BackupReader.open(storage, "b2", Optional.empty()).manifest().volumeSnapshots())
                .extracting(VolumeSnapshotRecord::pvcName).containsExactly("data-db-0");

        fixture.backup(cluster, storage, shop("off").snapshotVolumes(false).build(), null);
        assertThat(snapshot("shop-data", "k8sb-off-data-db-0")).isNull();
        assertThat(BackupReader.open(storage, "off", Optional.empty()).manifest().volumeSnapshots()).isEmpty();
    }

    @Test
    void retentionDeletesTheSnapshotsOfThePrunedBackupOnly() throws Exception {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        backup(shop("old").build(), new RetentionPolicy(Duration.ofMinutes(30), null), t); // its own ttl: expired at "new"
        VolumeSnapshotRecord old = BackupReader.open(storage, "old", Optional.empty()).manifest().volumeSnapshots().get(0);
        assertThat(snapshot("shop-data", old.volumeSnapshotName())).isNotNull();

        BackupResult result = backup(shop("new").build(), new RetentionPolicy(Duration.ofMinutes(30), null), t.plusSeconds(3600));

        assertThat(result.pruned()).isEqualTo(1);
        assertThat(snapshot("shop-data", old.volumeSnapshotName())).isNull();
        assertThat(content(old.volumeSnapshotContentName())).isNull();
        assertThat(snapshot("shop-data", "k8sb-new-data-db-0")).isNotNull();
        assertThat(new BackupCatalog(storage, BackupKind.KUBERNETES).list()).extracting(s -> s.name()).containsExactly("new");
        // the old backup's VolumeSnapshot existed while "new" was listed, but is not captured as workload state
        assertThat(BackupReader.open(storage, "new", Optional.empty()).readAll())
                .noneMatch(i -> i.record().resource().equals(SnapshotApi.SNAPSHOTS_RESOURCE));
        assertThat(fixture.log).anyMatch(l -> l.contains("retention: deleted 1 volume snapshots of backup old"));
    }
}
