package io.jenkins.plugins.k8sbackup.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ApiCaller;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the snapshots a backup recorded, when the backup itself is pruned. The backup switched each
 * VolumeSnapshotContent to deletionPolicy Retain; this switches it back to Delete, then deletes the
 * VolumeSnapshot and the content, so the CSI driver deletes the storage snapshot. Objects already gone
 * count as deleted.
 */
public final class SnapshotRetention {
    private final KubernetesClient client;
    private final ApiCaller caller;

    public SnapshotRetention(KubernetesClient client, ApiCaller caller) {
        this.client = client;
        this.caller = caller;
    }

    /** What could not be deleted; empty when all of the backup's snapshots are gone. */
    public record Result(int deleted, List<String> failures) {
        public boolean complete() {
            return failures.isEmpty();
        }
    }

    /** @param manifest the pruned backup's manifest.json; backups without {@code volumeSnapshots} have nothing to delete */
    public Result deleteSnapshotsOf(JsonNode manifest) throws InterruptedException {
        int deleted = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode r : manifest.path("volumeSnapshots")) {
            String ns = r.path("namespace").asText(null);
            String name = r.path("volumeSnapshotName").asText(null);
            String content = r.path("volumeSnapshotContentName").asText(null);
            if (ns == null || name == null) {
                continue;
            }
            try {
                if (content != null && caller.call(() -> client.genericKubernetesResources(SnapshotApi.CONTENTS).withName(content).get()) != null) {
                    caller.call(() -> client.genericKubernetesResources(SnapshotApi.CONTENTS).withName(content)
                            .edit(c -> VolumeSnapshotter.setDeletionPolicy(c, "Delete")));
                }
                caller.call(() -> client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inNamespace(ns).withName(name).delete());
                if (content != null) {
                    caller.call(() -> client.genericKubernetesResources(SnapshotApi.CONTENTS).withName(content).delete());
                }
                deleted++;
            } catch (KubernetesClientException e) {
                failures.add("VolumeSnapshot " + ns + "/" + name + " (" + e.getCode() + "): " + e.getMessage());
            }
        }
        return new Result(deleted, List.copyOf(failures));
    }
}
