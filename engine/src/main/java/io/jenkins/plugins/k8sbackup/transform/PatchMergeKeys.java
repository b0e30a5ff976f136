package io.jenkins.plugins.k8sbackup.transform;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The patch merge keys of the built-in kinds (the Kubernetes API's x-kubernetes-patch-merge-key), by the path of
 * field names to the list: a strategic merge patch merges those lists element by element on the key and replaces
 * every other list, as the API server does. Only built-in kinds have them; custom resources have no strategic
 * merge (the API server refuses it too).
 */
final class PatchMergeKeys {
    /** API groups served by Kubernetes itself (gateway.networking.k8s.io and snapshot.storage.k8s.io are CRDs). */
    static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io",
            "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "certificates.k8s.io", "node.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "apiregistration.k8s.io", "resource.k8s.io");
    /** Lists of scalars the API merges as sets. */
    private static final Set<String> SET_LISTS = Set.of("metadata/finalizers");
    private static final Map<String, String> POD_SPEC = Map.of("volumes", "name", "imagePullSecrets", "name",
            "hostAliases", "ip", "topologySpreadConstraints", "topologyKey", "resourceClaims", "name", "schedulingGates", "name");
    private static final Map<String, String> CONTAINER = Map.of("env", "name", "ports", "containerPort",
            "volumeMounts", "mountPath", "volumeDevices", "devicePath");

    private final Map<String, String> keys = new HashMap<>();

    private PatchMergeKeys(String resource) {
        keys.put("metadata/ownerReferences", "uid");
        switch (resource) {
            case "services" -> keys.put("spec/ports", "port");
            case "serviceaccounts" -> keys.put("secrets", "name");
            default -> { }
        }
        String podSpec = PodSpecPaths.BY_RESOURCE.get(resource);
        if (podSpec != null) {
            POD_SPEC.forEach((list, key) -> keys.put(podSpec + "/" + list, key));
            for (String containers : PodSpecPaths.CONTAINER_LISTS) {
                keys.put(podSpec + "/" + containers, "name");
                CONTAINER.forEach((list, key) -> keys.put(podSpec + "/" + containers + "/" + list, key));
            }
        }
    }

    /** The keys for objects of {@code resource}, or an error saying why a strategic merge is refused for it. */
    static PatchMergeKeys of(String resource) {
        int dot = resource.indexOf('.');
        String group = dot < 0 ? "" : resource.substring(dot + 1);
        if (!BUILT_IN_GROUPS.contains(group)) {
            throw new TransformException("strategic merge patches are supported for built-in Kubernetes kinds only, and "
                    + resource + " is not one (custom resources have no patch merge keys): use mergePatches or patches");
        }
        return new PatchMergeKeys(resource);
    }

    /** The merge key of the list at {@code path} (field names joined by '/'), or null to replace the list whole. */
    String key(String path) {
        return keys.get(path);
    }

    boolean mergesAsSet(String path) {
        return SET_LISTS.contains(path);
    }
}
