package io.jenkins.plugins.k8sbackup.selection;

import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a backup's {@link Selection} takes from a live cluster: the namespaces it selects there, the types it lists,
 * and the cluster-scoped objects it needs. The automatic cluster-scoped rule: everything when no namespace filter is
 * set, otherwise the Namespaces, CRDs and PVs the selected namespaces need (taken whatever the label selector says).
 */
public final class BackupScope {
    private final Selection selection;
    private final Set<String> namespaces;

    private BackupScope(Selection selection, Set<String> namespaces) {
        this.selection = selection;
        this.namespaces = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
    }

    /** Selects among the cluster's namespaces; a namespace named without a glob that does not exist is a warning. */
    public static BackupScope of(Selection selection, Collection<String> clusterNamespaces, Consumer<String> warn) {
        Set<String> selected = new TreeSet<>();
        for (String ns : clusterNamespaces) {
            if (selection.namespaces.matches(ns)) {
                selected.add(ns);
            }
        }
        for (String wanted : selection.includeNamespaces()) {
            if (!wanted.contains("*") && !wanted.contains("?") && !selected.contains(wanted)) {
                warn.accept("namespace '" + wanted + "' does not exist");
            }
        }
        return new BackupScope(selection, selected);
    }

    /** The cluster's namespaces the selection takes, sorted. */
    public Set<String> namespaces() {
        return namespaces;
    }

    public boolean wholeCluster() {
        return selection.allNamespaces();
    }

    /** Namespaced types to list: those the resource filter accepts, when some namespace is selected. */
    public List<ResourceType> namespacedTypes(List<ResourceType> served) {
        return namespaces.isEmpty() ? List.of()
                : served.stream().filter(ResourceType::namespaced).filter(selection.resources::accepts).toList();
    }

    /** Whether a cluster-scoped type is listed at all. */
    public boolean takesClusterType(ResourceType type) {
        if (!selection.resources.accepts(type)) {
            return false;
        }
        Boolean include = selection.includeClusterResources;
        if (include != null) {
            return include;
        }
        if (wholeCluster() || selection.resources.explicitlyIncludes(type)) {
            return true;
        }
        return switch (type.qualifiedName()) {
            case WellKnownTypes.NAMESPACES, WellKnownTypes.CRDS, WellKnownTypes.PVS -> true;
            default -> false;
        };
    }

    /** A cluster-scoped type listed only for the objects the selected namespaces need (the automatic rule). */
    public boolean dependencyType(ResourceType type) {
        return !type.namespaced() && selection.includeClusterResources == null && !wholeCluster()
                && !selection.resources.explicitlyIncludes(type);
    }

    /** The label selector a type's list takes: none for dependency types, which are taken whatever their labels. */
    public String labelSelectorFor(ResourceType type) {
        return dependencyType(type) ? null : selection.labelSelector();
    }

    /**
     * Whether one cluster-scoped object is taken: all are, but for a dependency type, only the selected Namespaces,
     * the CRDs of the custom types captured and the PVs bound to captured claims.
     */
    public boolean takesClusterObject(ResourceType type, String name, Set<String> capturedTypes, Set<String> boundVolumes) {
        if (wholeCluster() || Boolean.TRUE.equals(selection.includeClusterResources) || selection.resources.explicitlyIncludes(type)) {
            return true;
        }
        return switch (type.qualifiedName()) {
            case WellKnownTypes.NAMESPACES -> namespaces.contains(name);
            case WellKnownTypes.CRDS -> capturedTypes.contains(name);
            case WellKnownTypes.PVS -> boundVolumes.contains(name);
            default -> false;
        };
    }

    /** Why a type the selection would have taken is never backed up (a fixed rule), or null. */
    public String neverBackedUp(ResourceType type) {
        String reason = ResourceFilter.neverReason(type);
        boolean inScope = type.namespaced() ? !namespaces.isEmpty()
                : Boolean.TRUE.equals(selection.includeClusterResources) || wholeCluster();
        return reason != null && inScope && selection.resources.named(type) ? reason : null;
    }

    /** Whether some type of a group whose discovery failed could have been selected (the backup is then incomplete). */
    public boolean mayTakeGroup(String group) {
        boolean nothingSelected = namespaces.isEmpty() && !wholeCluster() && !Boolean.TRUE.equals(selection.includeClusterResources);
        return !nothingSelected && selection.resources.mayAcceptGroup(group);
    }
}
