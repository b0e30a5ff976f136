package io.jenkins.plugins.k8sbackup.selection;

import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resource types a backup takes. A type answers to its plural, its qualified name and its kind
 * ("deployments", "deployments.apps", "Deployment"), so "*.example.com" picks a whole group. Some types
 * are never backed up: they are recreated by the cluster, or read-only views; a backup records them as skipped
 * with the reason given here.
 */
public final class ResourceFilter implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Types never backed up, with the reason a backup records for them. */
    public static final Map<String, String> NEVER = Map.of(
            "nodes", "registered by their kubelets",
            "events", "records of what happened, not state; they expire within hours",
            "events.events.k8s.io", "records of what happened, not state; they expire within hours",
            "leases.coordination.k8s.io", "held and renewed by the components that use them",
            "componentstatuses", "a read-only view of the control plane's health",
            "bindings", "create-only: a pod's binding to its node");
    /** Groups whose every type is a read-only view of live figures, not stored objects. */
    public static final Map<String, String> NEVER_GROUPS = Map.of(
            "metrics.k8s.io", "live usage figures served by metrics-server, not stored objects",
            "custom.metrics.k8s.io", "live metrics served by a metrics adapter, not stored objects",
            "external.metrics.k8s.io", "live metrics served by a metrics adapter, not stored objects");

    private final List<String> include;
    private final List<String> exclude;
    private final NameFilter names;

    public ResourceFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(String::toLowerCase).toList();
        this.exclude = exclude.stream().map(String::toLowerCase).toList();
        this.names = new NameFilter(this.include, this.exclude);
    }

    public boolean accepts(ResourceType type) {
        return neverReason(type) == null && named(type);
    }

    /** Whether the include and exclude lists take the type, never-rules aside. */
    public boolean named(ResourceType type) {
        return names.matches(List.of(type.plural(), type.qualifiedName(), type.kind().toLowerCase()));
    }

    /** Why the type is never backed up, or null. */
    public static String neverReason(ResourceType type) {
        String reason = NEVER.get(type.qualifiedName());
        return reason != null ? reason : NEVER_GROUPS.get(type.group());
    }

    public boolean explicitlyIncludes(ResourceType type) {
        return !names.includesEverything() && accepts(type);
    }

    /**
     * Whether some type of {@code group} could be selected, when its types are not known (its discovery failed).
     * An include pattern without a dot may name a plural or a kind of any group; one with a dot names a group.
     */
    public boolean mayAcceptGroup(String group) {
        if (NEVER_GROUPS.containsKey(group) || !group.isEmpty() && exclude.stream().anyMatch(p -> takesWholeGroup(p, group))) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(p -> !p.contains(".") || takesWholeGroup(p, group)
                || !group.isEmpty() && p.endsWith("." + group));
    }

    /** A pattern that takes every type of the group, e.g. "*.example.com" ("\0" stands for any plural). */
    private static boolean takesWholeGroup(String pattern, String group) {
        return NameFilter.glob(pattern).matcher("\u0000." + group).matches();
    }
}
