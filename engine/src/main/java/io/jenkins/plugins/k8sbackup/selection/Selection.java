package io.jenkins.plugins.k8sbackup.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which objects a backup, restore, diff or verify takes: namespaces and resources (include/exclude lists with '*'
 * globs), a label selector, single objects, the namespace mapping applied after the selection, and the cluster-scoped
 * choice ({@code includeClusterResources}: null = what the selection needs, true = all, false = none but those
 * dependencies). Built once from raw input by {@link SelectionBuilder}, the one place that checks it, then carried as
 * is: no consumer parses its strings again. Serializable with JDK types only (the plugin sends it to its agents).
 */
public final class Selection implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Nothing narrows it: every object (a backup of the whole cluster, a restore of the whole backup). */
    public static final Selection EVERYTHING = builder().build();

    /** One object named by the user: "resource/namespace/name" or "resource/name" (cluster-scoped). */
    public record ObjectRef(String resource, String namespace, String name) implements Serializable {
        boolean matches(ResourceType type, ObjectRecord r) {
            boolean resourceMatches = resource.equals(type.plural()) || resource.equals(type.qualifiedName())
                    || resource.equals(type.kind().toLowerCase());
            return resourceMatches && name.equals(r.name())
                    && (namespace == null ? r.namespace() == null : namespace.equals(r.namespace()));
        }

        /** As the user wrote it. */
        @Override
        public String toString() {
            return resource + "/" + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    private final List<String> includeNamespaces;
    private final List<String> excludeNamespaces;
    private final List<String> includeResources;
    private final List<String> excludeResources;
    final NameFilter namespaces;
    final ResourceFilter resources;
    final LabelSelector labels;
    final List<ObjectRef> objects;
    final NamespaceMapping mapping;
    final Boolean includeClusterResources;

    Selection(List<String> includeNamespaces, List<String> excludeNamespaces, List<String> includeResources,
              List<String> excludeResources, LabelSelector labels, List<ObjectRef> objects, NamespaceMapping mapping,
              Boolean includeClusterResources) {
        this.includeNamespaces = List.copyOf(includeNamespaces);
        this.excludeNamespaces = List.copyOf(excludeNamespaces);
        this.includeResources = List.copyOf(includeResources);
        this.excludeResources = List.copyOf(excludeResources);
        this.namespaces = new NameFilter(this.includeNamespaces, this.excludeNamespaces);
        this.resources = new ResourceFilter(this.includeResources, this.excludeResources);
        this.labels = labels;
        this.objects = List.copyOf(objects);
        this.mapping = mapping;
        this.includeClusterResources = includeClusterResources;
    }

    /** Checks raw input (CLI options, step parameters) and builds the value: see {@link SelectionBuilder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The builder of a bare selection. */
    public static final class Builder extends SelectionBuilder<Builder> {
        public Selection build() {
            return selection();
        }
    }

    public List<String> includeNamespaces() {
        return includeNamespaces;
    }

    public List<String> excludeNamespaces() {
        return excludeNamespaces;
    }

    public List<String> includeResources() {
        return includeResources;
    }

    public List<String> excludeResources() {
        return excludeResources;
    }

    /** The label selector as the user wrote it (for the API server's list calls), or null. */
    public String labelSelector() {
        return labels == null ? null : labels.text();
    }

    public List<ObjectRef> objects() {
        return objects;
    }

    public NamespaceMapping mapping() {
        return mapping;
    }

    public Boolean includeClusterResources() {
        return includeClusterResources;
    }

    public NameFilter namespaceFilter() {
        return namespaces;
    }

    public ResourceFilter resourceFilter() {
        return resources;
    }

    /** Whether an object's labels pass the label selector (true without one). */
    public boolean labelsMatch(JsonNode object) {
        return labels == null || labels.matches(object);
    }

    /** No namespace filter: all namespaces of the cluster (backup) or the backup (restore). */
    public boolean allNamespaces() {
        return includeNamespaces.isEmpty() && excludeNamespaces.isEmpty();
    }

    /** Narrowed to some namespaces or objects: cluster-scoped objects then come only as dependencies. */
    boolean narrowed() {
        return !allNamespaces() || !objects.isEmpty();
    }

    /** The selection as the user gave it, in words ("everything" when nothing narrows it). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!includeNamespaces.isEmpty()) {
            parts.add("namespaces " + String.join(", ", includeNamespaces));
        }
        if (!excludeNamespaces.isEmpty()) {
            parts.add("excluding namespaces " + String.join(", ", excludeNamespaces));
        }
        if (!includeResources.isEmpty()) {
            parts.add("resources " + String.join(", ", includeResources));
        }
        if (!excludeResources.isEmpty()) {
            parts.add("excluding resources " + String.join(", ", excludeResources));
        }
        if (labels != null) {
            parts.add("labels " + labels.text());
        }
        if (!objects.isEmpty()) {
            parts.add("objects " + String.join(", ", objects.stream().map(ObjectRef::toString).toList()));
        }
        if (includeClusterResources != null) {
            parts.add("cluster resources " + includeClusterResources);
        }
        if (!mapping.isEmpty()) {
            parts.add("namespace mapping " + new TreeMap<>(mapping.pairs()));
        }
        return parts.isEmpty() ? "everything" : String.join("; ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selection s && s.describe().equals(describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }
}
