package io.jenkins.plugins.k8sbackup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotApi;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotRestorePlanner;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotRecord;
import java.util.List;
import java.util.Optional;

/**
 * Restores a PVC from the CSI snapshot its backup took: the claim gets a {@code dataSource} pointing at the
 * VolumeSnapshot, which is reused when it still exists in the target namespace, or re-created from the
 * recorded snapshot handle (another namespace or cluster), see {@link SnapshotRestorePlanner}.
 */
final class SnapshotProvisioning {
    private static final ResourceType SNAPSHOTS = new ResourceType(SnapshotApi.GROUP, "v1", "volumesnapshots", "VolumeSnapshot", true);
    private static final ResourceType CONTENTS =
            new ResourceType(SnapshotApi.GROUP, "v1", "volumesnapshotcontents", "VolumeSnapshotContent", false);

    private final ObjectApi api;
    private final List<VolumeSnapshotRecord> records;
    private final boolean dryRun;

    SnapshotProvisioning(ObjectApi api, List<VolumeSnapshotRecord> records, boolean dryRun) {
        this.api = api;
        this.records = records;
        this.dryRun = dryRun;
    }

    boolean applies() {
        return !records.isEmpty();
    }

    /** Points {@code desired} (sanitised, mapped) at its snapshot; returns a note for the report, or null. */
    String apply(ObjectNode stored, String targetNamespace, ObjectNode desired) throws InterruptedException {
        Optional<VolumeSnapshotRecord> record = SnapshotRestorePlanner.recordFor(stored, records);
        if (record.isEmpty()) {
            return null;
        }
        boolean reuse = targetNamespace.equals(record.get().namespace())
                && api.get(SNAPSHOTS, targetNamespace, record.get().volumeSnapshotName()) != null;
        SnapshotRestorePlanner.Plan plan = SnapshotRestorePlanner.plan(stored, records, targetNamespace, reuse);
        if (!plan.fromSnapshot()) {
            return plan.note();
        }
        for (ObjectNode object : plan.createFirst()) {
            ResourceType type = "VolumeSnapshotContent".equals(object.path("kind").asText()) ? CONTENTS : SNAPSHOTS;
            String ns = type.namespaced() ? targetNamespace : null;
            if (api.get(type, ns, object.path("metadata").path("name").asText()) == null) {
                api.create(type, ns, object, dryRun);
            }
        }
        ObjectNode spec = desired.with("spec");
        spec.remove("volumeName");
        spec.remove("dataSourceRef");
        JsonNode planned = plan.pvc().path("spec");
        spec.set("dataSource", planned.path("dataSource").deepCopy());
        if (planned.has("resources")) {
            spec.set("resources", planned.path("resources").deepCopy());
        }
        return plan.note();
    }
}
