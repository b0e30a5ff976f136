package io.jenkins.plugins.k8sbackup.volumes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import io.jenkins.plugins.k8sbackup.util.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Takes a CSI VolumeSnapshot of each captured PVC: {@link #create} starts them all, {@link #awaitCut} waits
 * until each snapshot is taken (so post hooks may unfreeze the application), {@link #awaitReady} until each
 * is readyToUse, then reads the bound VolumeSnapshotContent's handle and driver. One deadline covers both
 * waits. Failures and timeouts become records with an error, never exceptions: the backup goes on.
 */
public final class VolumeSnapshotter {
    private static final Duration MAX_POLL = Duration.ofSeconds(2);
    private static final String NOT_SERVED = "the cluster does not serve " + SnapshotApi.API_VERSION
            + " VolumeSnapshots: install the CSI snapshot CRDs and controller";

    private final KubernetesClient client;
    private final ApiCaller caller;
    private final ProgressListener progress;

    public VolumeSnapshotter(KubernetesClient client, ApiCaller caller, ProgressListener progress) {
        this.client = client;
        this.caller = caller;
        this.progress = progress;
    }

    /** Snapshots being taken; {@link #records()} is final after {@link #awaitReady}. */
    public static final class Batch {
        private final Instant deadline;
        private final Map<String, VolumeSnapshotRecord> records = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        Batch(Instant deadline) {
            this.deadline = deadline;
        }

        public List<VolumeSnapshotRecord> records() {
            return List.copyOf(records.values());
        }

        public List<String> warnings() {
            return List.copyOf(warnings);
        }

        public List<VolumeSnapshotRecord> failed() {
            return records.values().stream().filter(r -> r.error() != null).toList();
        }

        private List<VolumeSnapshotRecord> pending() {
            return records.values().stream().filter(r -> r.error() == null && !r.readyToUse()).toList();
        }

        private void put(VolumeSnapshotRecord r) {
            records.put(r.namespace() + "/" + r.pvcName(), r);
        }
    }

    /**
     * @param apiServed whether discovery lists VolumeSnapshots; when not, every claim fails with what to
     *                  install (rather than one 404 each)
     */
    public Batch create(String backup, List<CapturedClaim> claims, VolumeSnapshotSettings settings, boolean apiServed)
            throws InterruptedException {
        Batch batch = new Batch(Instant.now().plus(settings.timeout()));
        for (CapturedClaim claim : claims) {
            if (!apiServed && claim.volumeName() != null) {
                batch.put(new VolumeSnapshotRecord(claim.namespace(), claim.name(), claim.storageClassName(), claim.volumeName(),
                        null, null, null, null, null, null, false, NOT_SERVED));
                continue;
            }
            if (claim.volumeName() == null) {
                batch.warnings.add("PVC " + claim.namespace() + "/" + claim.name() + " is not bound: no volume to snapshot");
                continue;
            }
            String storageClass = claim.storageClassName() != null ? claim.storageClassName() : defaultStorageClass();
            String snapshotClass = settings.classFor(storageClass);
            String name = SnapshotApi.snapshotName(backup, claim.name());
            VolumeSnapshotRecord record = new VolumeSnapshotRecord(claim.namespace(), claim.name(), storageClass,
                    claim.volumeName(), name, snapshotClass, null, null, null, null, false, null);
            try {
                GenericKubernetesResource vs = volumeSnapshot(backup, claim, name, snapshotClass);
                caller.call(() -> client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(claim.namespace())
                        .resource(vs).create());
                progress.info("  volume snapshot " + claim.namespace() + "/" + name + " of PVC " + claim.name()
                        + (snapshotClass == null ? "" : " (class " + snapshotClass + ")"));
            } catch (KubernetesClientException e) {
                String reason = e.getCode() == 404 ? NOT_SERVED : "cannot create VolumeSnapshot " + name + " (" + e.getCode() + "): " + message(e);
                // Nothing was created unless it already existed, and then it is not ours to record or delete.
                record = withError(new VolumeSnapshotRecord(claim.namespace(), claim.name(), storageClass,
                        claim.volumeName(), null, snapshotClass, null, null, null, null, false, null), reason);
            }
            batch.put(record);
        }
        return batch;
    }

    /** Waits until every snapshot is cut (creationTime set) or failed, or the deadline passes. */
    public void awaitCut(Batch batch) throws InterruptedException {
        await(batch, status -> status.get("creationTime") != null || Boolean.TRUE.equals(status.get("readyToUse")), false);
    }

    /** Waits until every snapshot is readyToUse or failed; what is still pending at the deadline fails. */
    public void awaitReady(Batch batch) throws InterruptedException {
        await(batch, status -> Boolean.TRUE.equals(status.get("readyToUse")) && status.get("boundVolumeSnapshotContentName") != null, true);
    }

    @SuppressWarnings("unchecked")
    private void await(Batch batch, Predicate<Map<String, Object>> done, boolean complete) throws InterruptedException {
        long pollMillis = 100;
        List<String> finished = new ArrayList<>();
        while (true) {
            for (VolumeSnapshotRecord r : batch.pending()) {
                String key = r.namespace() + "/" + r.pvcName();
                if (finished.contains(key)) {
                    continue;
                }
                GenericKubernetesResource vs;
                try {
                    vs = caller.call(() -> client.genericKubernetesResources(SnapshotApi.SNAPSHOTS)
                            .inNamespace(r.namespace()).withName(r.volumeSnapshotName()).get());
                } catch (KubernetesClientException e) {
                    continue; // transient: the deadline decides
                }
                if (vs == null) {
                    batch.put(withError(r, "VolumeSnapshot " + r.volumeSnapshotName() + " disappeared before it was ready"));
                    continue;
                }
                Map<String, Object> status = vs.getAdditionalProperties().get("status") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of();
                if (status.get("error") instanceof Map<?, ?> error) {
                    batch.put(withError(r, "snapshot failed: " + error.get("message")));
                } else if (done.test(status)) {
                    finished.add(key);
                    if (complete) {
                        batch.put(ready(r, status));
                    }
                }
            }
            boolean allDone = batch.pending().stream().allMatch(r -> finished.contains(r.namespace() + "/" + r.pvcName()));
            if (allDone) {
                return;
            }
            if (!Instant.now().isBefore(batch.deadline)) {
                for (VolumeSnapshotRecord r : batch.pending()) {
                    if (complete || !finished.contains(r.namespace() + "/" + r.pvcName())) {
                        batch.put(withError(r, "not " + (complete ? "readyToUse" : "taken") + " within the snapshot timeout"));
                    }
                }
                return;
            }
            Thread.sleep(Math.min(pollMillis, Math.max(1, Duration.between(Instant.now(), batch.deadline).toMillis())));
            pollMillis = Math.min(MAX_POLL.toMillis(), pollMillis * 2);
        }
    }

    @SuppressWarnings("unchecked")
    private VolumeSnapshotRecord ready(VolumeSnapshotRecord r, Map<String, Object> status) throws InterruptedException {
        String contentName = (String) status.get("boundVolumeSnapshotContentName");
        String restoreSize = status.get("restoreSize") == null ? null : String.valueOf(status.get("restoreSize"));
        GenericKubernetesResource content;
        try {
            content = caller.call(() -> client.genericKubernetesResources(SnapshotApi.CONTENTS).withName(contentName).get());
        } catch (KubernetesClientException e) {
            content = null;
        }
        if (content == null) {
            return withError(new VolumeSnapshotRecord(r.namespace(), r.pvcName(), r.storageClassName(), r.volumeName(),
                    r.volumeSnapshotName(), r.volumeSnapshotClassName(), contentName, null, null, restoreSize, true, null),
                    "cannot read VolumeSnapshotContent " + contentName + ": the snapshot handle is not recorded");
        }
        Map<String, Object> spec = content.getAdditionalProperties().get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        retain(contentName, spec);
        Map<String, Object> cstatus = content.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new VolumeSnapshotRecord(r.namespace(), r.pvcName(), r.storageClassName(), r.volumeName(),
                r.volumeSnapshotName(), r.volumeSnapshotClassName(), contentName, (String) cstatus.get("snapshotHandle"),
                (String) spec.get("driver"), restoreSize, true, null);
    }

    /**
     * Deleting a namespace deletes its VolumeSnapshots, and with deletionPolicy Delete the storage snapshots
     * too: exactly the disaster a backup is for. So the content is switched to Retain, as Velero does;
     * {@link SnapshotRetention} switches it back to Delete when the backup is pruned.
     */
    private void retain(String contentName, Map<String, Object> spec) throws InterruptedException {
        if ("Retain".equals(spec.get("deletionPolicy"))) {
            return;
        }
        try {
            caller.call(() -> client.genericKubernetesResources(SnapshotApi.CONTENTS).withName(contentName)
                    .edit(c -> setDeletionPolicy(c, "Retain")));
        } catch (KubernetesClientException e) {
            progress.warn("cannot set deletionPolicy Retain on VolumeSnapshotContent " + contentName + " (" + e.getCode()
                    + "): deleting its namespace would delete the snapshot");
        }
    }

    @SuppressWarnings("unchecked")
    static GenericKubernetesResource setDeletionPolicy(GenericKubernetesResource content, String policy) {
        Object spec = content.getAdditionalProperties().get("spec");
        Map<String, Object> copy = spec instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        copy.put("deletionPolicy", policy);
        content.getAdditionalProperties().put("spec", copy);
        return content;
    }

    private GenericKubernetesResource volumeSnapshot(String backup, CapturedClaim claim, String name, String snapshotClass) {
        GenericKubernetesResource vs = new GenericKubernetesResource();
        vs.setApiVersion(SnapshotApi.API_VERSION);
        vs.setKind("VolumeSnapshot");
        vs.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(claim.namespace())
                .addToLabels(SnapshotApi.BACKUP_LABEL, SnapshotApi.labelValue(backup))
                .addToAnnotations(SnapshotApi.BACKUP_ANNOTATION, backup).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("source", Map.of("persistentVolumeClaimName", claim.name()));
        if (snapshotClass != null) {
            spec.put("volumeSnapshotClassName", snapshotClass);
        }
        vs.getAdditionalProperties().put("spec", spec);
        return vs;
    }

    /** The class a PVC without storageClassName got: the one annotated as default, if readable. */
    private String defaultStorageClass() throws InterruptedException {
        try {
            for (StorageClass sc : caller.call(() -> client.storage().v1().storageClasses().list()).getItems()) {
                Map<String, String> a = sc.getMetadata().getAnnotations();
                if (a != null && "true".equals(a.get("storageclass.kubernetes.io/is-default-class"))) {
                    return sc.getMetadata().getName();
                }
            }
        } catch (KubernetesClientException e) {
            progress.warn("cannot list storage classes (" + e.getCode() + "): the default VolumeSnapshotClass is used");
        }
        return null;
    }

    private static VolumeSnapshotRecord withError(VolumeSnapshotRecord r, String error) {
        return new VolumeSnapshotRecord(r.namespace(), r.pvcName(), r.storageClassName(), r.volumeName(),
                r.volumeSnapshotName(), r.volumeSnapshotClassName(), r.volumeSnapshotContentName(), r.snapshotHandle(),
                r.driver(), r.restoreSize(), r.readyToUse(), error);
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}
