package io.jenkins.plugins.k8sbackup.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every resource type the cluster serves and can list: core, named groups, CRD-defined types and
 * aggregated APIs, each at its group's preferred version. Subresources ("pods/log") and types without
 * the list verb are left out. A group whose discovery fails (a broken aggregated API, a common sight) is
 * reported, not fatal.
 */
public final class ApiDiscovery {
    private ApiDiscovery() {}

    public record Result(List<ResourceType> types, List<String> warnings) {}

    public static Result discover(KubernetesClient client, ApiCaller caller) throws InterruptedException {
        Map<String, ResourceType> byName = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        addGroupVersion(client, caller, "", "v1", byName, warnings);
        for (APIGroup group : caller.call(() -> client.getApiGroups()).getGroups()) {
            GroupVersionForDiscovery preferred = group.getPreferredVersion() != null ? group.getPreferredVersion()
                    : group.getVersions().get(0);
            addGroupVersion(client, caller, group.getName(), preferred.getVersion(), byName, warnings);
        }
        return new Result(List.copyOf(byName.values()), warnings);
    }

    private static void addGroupVersion(KubernetesClient client, ApiCaller caller, String group, String version,
                                        Map<String, ResourceType> out, List<String> warnings) throws InterruptedException {
        String gv = group.isEmpty() ? version : group + "/" + version;
        APIResourceList list;
        try {
            list = caller.call(() -> client.getApiResources(gv));
        } catch (KubernetesClientException e) {
            warnings.add("discovery of " + gv + " failed (" + e.getCode() + "): its resources are not backed up");
            return;
        }
        if (list == null || list.getResources() == null) {
            return;
        }
        for (APIResource r : list.getResources()) {
            if (r.getName().contains("/") || r.getVerbs() == null || !r.getVerbs().contains("list")) {
                continue;
            }
            ResourceType type = new ResourceType(group, version, r.getName(), r.getKind(), Boolean.TRUE.equals(r.getNamespaced()));
            out.putIfAbsent(type.qualifiedName(), type);
        }
    }
}
