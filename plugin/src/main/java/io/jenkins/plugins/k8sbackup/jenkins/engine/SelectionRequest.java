package io.jenkins.plugins.k8sbackup.jenkins.engine;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Which objects of a backup a k8sRestore or verifyRestore takes, as the step received them: namespaces of the backup,
 * resources, label selector, single objects, the cluster-scoped switch, and the mapping applied after them.
 */
public record SelectionRequest(List<String> includeNamespaces, List<String> excludeNamespaces, List<String> includeResources,
                               List<String> excludeResources, String labelSelector, List<String> objects,
                               Map<String, String> namespaceMapping, Boolean includeClusterResources) implements Serializable {
    public SelectionRequest {
        includeNamespaces = copy(includeNamespaces);
        excludeNamespaces = copy(excludeNamespaces);
        includeResources = copy(includeResources);
        excludeResources = copy(excludeResources);
        objects = copy(objects);
        namespaceMapping = namespaceMapping == null ? Map.of() : Map.copyOf(namespaceMapping);
    }

    private static List<String> copy(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
