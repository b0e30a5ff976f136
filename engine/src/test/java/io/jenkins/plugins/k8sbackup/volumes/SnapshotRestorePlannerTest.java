package io.jenkins.plugins.k8sbackup.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotRestorePlannerTest {
    static final VolumeSnapshotRecord READY = new VolumeSnapshotRecord("shop-data", "data-db-0", "standard", "pv-db-0",
            "k8sb-b1-data-db-0", "csi-snapclass", "snapcontent-1", "snap-123", "hostpath.csi.k8s.io", "1Gi", true, null);

    static ObjectNode pvc() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("""
                {"apiVersion":"v1","kind":"PersistentVolumeClaim",
                 "metadata":{"name":"data-db-0","namespace":"shop-data","uid":"u1","resourceVersion":"7",
                   "annotations":{"pv.kubernetes.io/bind-completed":"yes","volume.kubernetes.io/selected-node":"n1","team":"db"}},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"standard","volumeName":"pv-db-0",
                   "resources":{"requests":{"storage":"1Gi"}}},
                 "status":{"phase":"Bound"}}""");
    }

    @Test
    void intoAnotherNamespacePreProvisionsTheContentFromTheHandle() throws Exception {
        ObjectNode original = pvc();
        SnapshotRestorePlanner.Plan plan = SnapshotRestorePlanner.plan(original, List.of(READY), "shop-data-copy", false);

        assertThat(plan.fromSnapshot()).isTrue();
        assertThat(plan.skippedVolumeName()).isEqualTo("pv-db-0");
        ObjectNode p = plan.pvc();
        assertThat(p.at("/metadata/namespace").asText()).isEqualTo("shop-data-copy");
        assertThat(p.at("/spec/volumeName").isMissingNode()).isTrue();
        assertThat(p.has("status")).isFalse();
        assertThat(p.at("/metadata/uid").isMissingNode()).isTrue();
        assertThat(p.at("/metadata/annotations").has("pv.kubernetes.io/bind-completed")).isFalse();
        assertThat(p.at("/metadata/annotations").has("volume.kubernetes.io/selected-node")).isFalse();
        assertThat(p.at("/metadata/annotations/team").asText()).isEqualTo("db");
        assertThat(p.at("/spec/dataSource").toString())
                .isEqualTo("{\"apiGroup\":\"snapshot.storage.k8s.io\",\"kind\":\"VolumeSnapshot\",\"name\":\"k8sb-b1-data-db-0\"}");
        // the backed-up object is left alone
        assertThat(original.at("/spec/volumeName").asText()).isEqualTo("pv-db-0");

        assertThat(plan.createFirst()).hasSize(2);
        ObjectNode content = plan.createFirst().get(0);
        ObjectNode snapshot = plan.createFirst().get(1);
        assertThat(content.at("/kind").asText()).isEqualTo("VolumeSnapshotContent");
        assertThat(content.at("/spec/deletionPolicy").asText()).isEqualTo("Retain");
        assertThat(content.at("/spec/driver").asText()).isEqualTo("hostpath.csi.k8s.io");
        assertThat(content.at("/spec/source/snapshotHandle").asText()).isEqualTo("snap-123");
        assertThat(content.at("/spec/volumeSnapshotRef/namespace").asText()).isEqualTo("shop-data-copy");
        assertThat(content.at("/spec/volumeSnapshotRef/name").asText()).isEqualTo("k8sb-b1-data-db-0");
        assertThat(snapshot.at("/kind").asText()).isEqualTo("VolumeSnapshot");
        assertThat(snapshot.at("/metadata/namespace").asText()).isEqualTo("shop-data-copy");
        assertThat(snapshot.at("/spec/source/volumeSnapshotContentName").asText()).isEqualTo(content.at("/metadata/name").asText());
    }

    @Test
    void inPlaceItReusesTheOriginalSnapshotWhenTheCallerFoundIt() throws Exception {
        SnapshotRestorePlanner.Plan reuse = SnapshotRestorePlanner.plan(pvc(), List.of(READY), null, true);
        assertThat(reuse.fromSnapshot()).isTrue();
        assertThat(reuse.createFirst()).isEmpty();
        assertThat(reuse.pvc().at("/metadata/namespace").asText()).isEqualTo("shop-data");
        assertThat(reuse.pvc().at("/spec/dataSource/name").asText()).isEqualTo("k8sb-b1-data-db-0");

        // same namespace but the snapshot is gone (namespace deleted): re-created from the handle
        SnapshotRestorePlanner.Plan recreate = SnapshotRestorePlanner.plan(pvc(), List.of(READY), "shop-data", false);
        assertThat(recreate.createFirst()).hasSize(2);
        // "reuse" is ignored across namespaces: the original lives in shop-data
        assertThat(SnapshotRestorePlanner.plan(pvc(), List.of(READY), "other", true).createFirst()).hasSize(2);
    }

    @Test
    void withoutAUsableSnapshotThePvcIsRestoredAsIs() throws Exception {
        VolumeSnapshotRecord failed = new VolumeSnapshotRecord("shop-data", "data-db-0", "standard", "pv-db-0",
                "k8sb-b1-data-db-0", null, null, null, null, null, false, "not readyToUse within the snapshot timeout");
        SnapshotRestorePlanner.Plan plan = SnapshotRestorePlanner.plan(pvc(), List.of(failed), null, false);
        assertThat(plan.fromSnapshot()).isFalse();
        assertThat(plan.createFirst()).isEmpty();
        assertThat(plan.pvc().at("/spec/volumeName").asText()).isEqualTo("pv-db-0");
        assertThat(plan.note()).contains("not readyToUse");

        SnapshotRestorePlanner.Plan none = SnapshotRestorePlanner.plan(pvc(), List.of(), "copy", false);
        assertThat(none.fromSnapshot()).isFalse();
        assertThat(none.pvc().at("/metadata/namespace").asText()).isEqualTo("copy");
        assertThat(none.note()).contains("no snapshot in the backup");
    }

    @Test
    void theRequestGrowsToTheSnapshotsRestoreSize() throws Exception {
        VolumeSnapshotRecord bigger = new VolumeSnapshotRecord("shop-data", "data-db-0", "standard", "pv-db-0",
                "k8sb-b1-data-db-0", null, "c", "snap-1", "d", "2Gi", true, null);
        assertThat(SnapshotRestorePlanner.plan(pvc(), List.of(bigger), null, false).pvc().at("/spec/resources/requests/storage").asText())
                .isEqualTo("2Gi");
        assertThat(SnapshotRestorePlanner.plan(pvc(), List.of(READY), null, false).pvc().at("/spec/resources/requests/storage").asText())
                .isEqualTo("1Gi");
    }

    @Test
    void readsTheRecordsOfAManifest() throws Exception {
        var manifest = Json.MAPPER.readTree("{\"volumeSnapshots\":[" + Json.MAPPER.writeValueAsString(READY) + "]}");
        assertThat(SnapshotRestorePlanner.recordsOf(manifest)).containsExactly(READY);
        assertThat(SnapshotRestorePlanner.recordsOf(Json.MAPPER.readTree("{}"))).isEmpty();
    }

    @Test
    void longNamesStayValidAndDistinct() {
        String a = SnapshotApi.snapshotName("b".repeat(200), "data-" + "x".repeat(100) + "-0");
        String b = SnapshotApi.snapshotName("b".repeat(200), "data-" + "x".repeat(100) + "-1");
        assertThat(a).hasSizeLessThanOrEqualTo(253).matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?").isNotEqualTo(b);
        assertThat(SnapshotApi.labelValue("Nightly_Backup")).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
        assertThat(SnapshotApi.snapshotName("b1", "data-db-0")).isEqualTo("k8sb-b1-data-db-0");
    }
}
