package io.jenkins.plugins.k8sbackup.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotApi;
import io.jenkins.plugins.k8sbackup.volumes.SnapshotRestorePlanner;
import io.jenkins.plugins.k8sbackup.volumes.VolumeSnapshotRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

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

    /**
     * Why the PV {@code pvName} is not restored, or null: its claim is restored and provisioned from a snapshot,
     * so it gets a new volume, and the old PV (pointing at the original disk) would only be left over or, in a
     * clone, steal the original's volume.
     */
    String replacedVolume(String pvName, Predicate<VolumeSnapshotRecord> claimRestored, Function<String, String> targetNamespace)
            throws InterruptedException {
        for (VolumeSnapshotRecord r : records) {
            if (!pvName.equals(r.volumeName()) || !r.usable() || !claimRestored.test(r)) {
                continue;
            }
            String ns = targetNamespace.apply(r.namespace());
            if (SnapshotRestorePlanner.provisionable(r, reusable(r, ns))) {
                return "its claim " + r.namespace() + "/" + r.pvcName() + " is provisioned from VolumeSnapshot "
                        + r.volumeSnapshotName() + " and gets a new volume";
            }
        }
        return null;
    }

    private boolean reusable(VolumeSnapshotRecord r, String targetNamespace) throws InterruptedException {
        return targetNamespace.equals(r.namespace()) && api.get(SNAPSHOTS, targetNamespace, r.volumeSnapshotName()) != null;
    }

    /** Points {@code desired} (sanitised, mapped) at its snapshot; returns a note for the report, or null. */
    String apply(ObjectNode stored, String targetNamespace, ObjectNode desired) throws InterruptedException {
        Optional<VolumeSnapshotRecord> record = SnapshotRestorePlanner.recordFor(stored, records);
        if (record.isEmpty()) {
            return null;
        }
        SnapshotRestorePlanner.Plan plan = SnapshotRestorePlanner.plan(stored, records, targetNamespace, reusable(record.get(), targetNamespace));
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
