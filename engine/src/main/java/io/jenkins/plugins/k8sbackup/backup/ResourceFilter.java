package io.jenkins.plugins.k8sbackup.backup;

import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * Which resource types a backup takes. A type answers to its plural, its qualified name and its kind
 * ("deployments", "deployments.apps", "Deployment"), so "*.example.com" picks a whole group. Some types
 * are never backed up: they are rebuilt by the cluster, or read-only views.
 */
public final class ResourceFilter {
    /** Rebuilt by the cluster (nodes, events, leases, endpoint slices) or not storable (metrics). */
    public static final Set<String> NEVER = Set.of("nodes", "events", "events.events.k8s.io",
            "pods.metrics.k8s.io", "nodes.metrics.k8s.io", "leases.coordination.k8s.io",
            "endpointslices.discovery.k8s.io", "componentstatuses", "bindings");

    private final NameFilter names;

    public ResourceFilter(List<String> include, List<String> exclude) {
        this.names = new NameFilter(include.stream().map(String::toLowerCase).toList(),
                exclude.stream().map(String::toLowerCase).toList());
    }

    public boolean accepts(ResourceType type) {
        if (NEVER.contains(type.qualifiedName())) {
            return false;
        }
        return names.matches(List.of(type.plural(), type.qualifiedName(), type.kind().toLowerCase()));
    }

    public boolean explicitlyIncludes(ResourceType type) {
        return !names.includesEverything() && accepts(type);
    }
}
