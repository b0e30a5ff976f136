package io.jenkins.plugins.k8sbackup.jenkins.engine;

import io.jenkins.plugins.k8sbackup.hooks.RestoreHookSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A k8sRestore as the step received it, before 'latest' is resolved on the agent. Mirrors the engine's RestoreSpec. */
public record RestoreRequest(BackupRef ref, List<String> includeNamespaces, List<String> excludeNamespaces,
                             List<String> includeResources, List<String> excludeResources, String labelSelector,
                             List<String> objects, Map<String, String> namespaceMapping, Boolean includeClusterResources,
                             String existingPolicy, boolean dryRun, int concurrency, Duration waitTimeout,
                             List<RestoreHookSpec> hooks, boolean allowPartial)
        implements Serializable {
    public RestoreRequest {
        includeNamespaces = copy(includeNamespaces);
        excludeNamespaces = copy(excludeNamespaces);
        includeResources = copy(includeResources);
        excludeResources = copy(excludeResources);
        objects = copy(objects);
        namespaceMapping = namespaceMapping == null ? Map.of() : Map.copyOf(namespaceMapping);
        hooks = hooks == null ? List.of() : List.copyOf(hooks);
    }

    private static List<String> copy(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
