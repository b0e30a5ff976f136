package io.jenkins.plugins.k8sbackup.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.k8sbackup.kube.ObjectApi;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.util.Json;
import java.util.UUID;

/**
 * Finds out whether the server honours {@code ?dryRun=All} by trying it: a dry-run create of a throw-away
 * ConfigMap in "default". Refused: client-side plan. Accepted but stored (a server or proxy that ignores the
 * parameter): the probe is deleted again and the plan is client-side, since further dry-run writes would be
 * real ones. Accepted and not stored: server-side dry-run.
 */
final class DryRunProbe {
    static final ResourceType CONFIGMAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
    static final String NAMESPACE = "default";

    record Result(DryRunMode mode, String note) {}

    private DryRunProbe() {}

    static Result detect(ObjectApi api) throws InterruptedException {
        String name = "k8s-backup-dry-run-probe-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode probe = Json.MAPPER.createObjectNode();
        probe.put("apiVersion", "v1").put("kind", "ConfigMap");
        probe.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        try {
            api.create(CONFIGMAPS, NAMESPACE, probe, true);
        } catch (KubernetesClientException e) {
            return new Result(DryRunMode.client, "the server refused dryRun=All " + ObjectApi.reason(e)
                    + ": client-side plan (read and compare, no server validation)");
        }
        if (api.get(CONFIGMAPS, NAMESPACE, name) != null) {
            api.delete(CONFIGMAPS, NAMESPACE, name, false);
            return new Result(DryRunMode.client, "the server ignored dryRun=All and stored the probe ConfigMap "
                    + NAMESPACE + "/" + name + " (deleted again): client-side plan");
        }
        return new Result(DryRunMode.server, "server-side dry-run (dryRun=All): writes validated by the API server, nothing stored");
    }
}
