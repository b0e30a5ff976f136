package io.jenkins.plugins.k8sbackup.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pure restore planning for PVCs that have a snapshot in the backup: the PVC is rewritten to be provisioned
 * from a VolumeSnapshot ({@code spec.dataSource}) instead of binding the old volume, and the snapshot
 * objects to create before it are returned. The original VolumeSnapshot is reused only when the caller says
 * it still exists in the target namespace; otherwise a VolumeSnapshotContent is pre-provisioned from the
 * recorded snapshot handle (deletionPolicy Retain, so deleting the restored objects never deletes the
 * backup's storage snapshot) with a VolumeSnapshot bound to it. Across clusters this works only with the same
 * CSI driver and access to the same storage snapshot.
 */
public final class SnapshotRestorePlanner {
    static final List<String> BINDING_ANNOTATIONS = List.of("pv.kubernetes.io/bind-completed",
            "pv.kubernetes.io/bound-by-controller", "volume.beta.kubernetes.io/storage-provisioner",
            "volume.kubernetes.io/storage-provisioner", "volume.kubernetes.io/selected-node");

    private SnapshotRestorePlanner() {}

    /**
     * @param pvc the PVC as restored (not modified)
     * @param createFirst objects to create, in order, before the PVC (empty when not from a snapshot or reusing)
     * @param fromSnapshot whether the PVC is provisioned from a snapshot; if so, do not restore
     *                     {@code skippedVolumeName}: a new volume is provisioned
     * @param note one line for the restore log
     */
    public record Plan(ObjectNode pvc, List<ObjectNode> createFirst, boolean fromSnapshot, String skippedVolumeName, String note) {}

    /** The records of a manifest.json; empty for backups taken without {@code snapshotVolumes}. */
    public static List<VolumeSnapshotRecord> recordsOf(JsonNode manifest) {
        List<VolumeSnapshotRecord> out = new ArrayList<>();
        for (JsonNode r : manifest.path("volumeSnapshots")) {
            out.add(Json.MAPPER.convertValue(r, VolumeSnapshotRecord.class));
        }
        return out;
    }

    public static Optional<VolumeSnapshotRecord> recordFor(JsonNode pvc, List<VolumeSnapshotRecord> records) {
        String ns = pvc.path("metadata").path("namespace").asText();
        String name = pvc.path("metadata").path("name").asText();
        return records.stream().filter(r -> r.namespace().equals(ns) && r.pvcName().equals(name)).findFirst();
    }

    /** Whether a claim can be provisioned from this snapshot: the original VolumeSnapshot, or its recorded handle. */
    public static boolean provisionable(VolumeSnapshotRecord r, boolean reuseOriginal) {
        return r.usable() && (reuseOriginal || (r.snapshotHandle() != null && r.driver() != null));
    }

    /**
     * @param reuseOriginal the caller checked that the recorded VolumeSnapshot still exists in the target
     *                      cluster and namespace (ignored when restoring into another namespace)
     */
    public static Plan plan(ObjectNode backedUpPvc, List<VolumeSnapshotRecord> records, String targetNamespace, boolean reuseOriginal) {
        ObjectNode pvc = backedUpPvc.deepCopy();
        String sourceNs = pvc.path("metadata").path("namespace").asText();
        String ns = targetNamespace == null || targetNamespace.isBlank() ? sourceNs : targetNamespace;
        String name = pvc.path("metadata").path("name").asText();
        ((ObjectNode) pvc.with("metadata")).put("namespace", ns);
        Optional<VolumeSnapshotRecord> found = recordFor(backedUpPvc, records);
        if (found.isEmpty()) {
            return new Plan(pvc, List.of(), false, null, "PVC " + ns + "/" + name + ": no snapshot in the backup, restored as is");
        }
        VolumeSnapshotRecord r = found.get();
        boolean reuse = reuseOriginal && ns.equals(r.namespace());
        if (!provisionable(r, reuse)) {
            return new Plan(pvc, List.of(), false, null, "PVC " + ns + "/" + name + ": its snapshot is not usable ("
                    + (r.error() != null ? r.error() : "no snapshot handle recorded") + "), restored as is");
        }
        List<ObjectNode> first = new ArrayList<>();
        String snapshotName = r.volumeSnapshotName();
        if (!reuse) {
            String contentName = SnapshotApi.dnsName("k8sb-restore-" + ns + "-" + snapshotName, 253);
            first.add(preProvisionedContent(r, contentName, ns, snapshotName));
            first.add(boundSnapshot(r, contentName, ns, snapshotName));
        }
        rewrite(pvc, snapshotName, r.restoreSize());
        return new Plan(pvc, List.copyOf(first), true, r.volumeName(), "PVC " + ns + "/" + name + ": provisioned from VolumeSnapshot "
                + snapshotName + (reuse ? "" : " (re-created from snapshot handle " + r.snapshotHandle() + ")"));
    }

    private static void rewrite(ObjectNode pvc, String snapshotName, String restoreSize) {
        ObjectNode meta = pvc.with("metadata");
        for (String field : new String[] {"uid", "resourceVersion", "creationTimestamp", "managedFields", "selfLink"}) {
            meta.remove(field);
        }
        if (meta.get("annotations") instanceof ObjectNode annotations) {
            BINDING_ANNOTATIONS.forEach(annotations::remove);
        }
        pvc.remove("status");
        ObjectNode spec = pvc.with("spec");
        spec.remove("volumeName");
        spec.remove("dataSourceRef"); // must equal dataSource when both are set; the API server fills it in
        ObjectNode source = spec.putObject("dataSource");
        source.put("apiGroup", SnapshotApi.GROUP).put("kind", "VolumeSnapshot").put("name", snapshotName);
        // A volume from a snapshot must be at least the snapshot's size.
        String requested = spec.path("resources").path("requests").path("storage").asText(null);
        if (restoreSize != null && (requested == null || smaller(requested, restoreSize))) {
            ((ObjectNode) spec.with("resources").with("requests")).put("storage", restoreSize);
        }
    }

    private static boolean smaller(String quantity, String than) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity)).compareTo(Quantity.getAmountInBytes(new Quantity(than))) < 0;
        } catch (IllegalArgumentException e) {
            return false; // an unparsable size is the API server's to reject, not ours to guess
        }
    }

    private static ObjectNode preProvisionedContent(VolumeSnapshotRecord r, String contentName, String ns, String snapshotName) {
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.put("apiVersion", SnapshotApi.API_VERSION).put("kind", "VolumeSnapshotContent");
        c.putObject("metadata").put("name", contentName);
        ObjectNode spec = c.putObject("spec");
        spec.put("deletionPolicy", "Retain").put("driver", r.driver());
        spec.putObject("source").put("snapshotHandle", r.snapshotHandle());
        if (r.volumeSnapshotClassName() != null) {
            spec.put("volumeSnapshotClassName", r.volumeSnapshotClassName());
        }
        spec.putObject("volumeSnapshotRef").put("kind", "VolumeSnapshot").put("apiVersion", SnapshotApi.API_VERSION)
                .put("namespace", ns).put("name", snapshotName);
        return c;
    }

    private static ObjectNode boundSnapshot(VolumeSnapshotRecord r, String contentName, String ns, String snapshotName) {
        ObjectNode vs = Json.MAPPER.createObjectNode();
        vs.put("apiVersion", SnapshotApi.API_VERSION).put("kind", "VolumeSnapshot");
        vs.putObject("metadata").put("name", snapshotName).put("namespace", ns);
        ObjectNode spec = vs.putObject("spec");
        spec.putObject("source").put("volumeSnapshotContentName", contentName);
        if (r.volumeSnapshotClassName() != null) {
            spec.put("volumeSnapshotClassName", r.volumeSnapshotClassName());
        }
        return vs;
    }
}
