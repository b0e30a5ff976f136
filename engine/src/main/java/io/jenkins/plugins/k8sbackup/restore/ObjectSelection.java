package io.jenkins.plugins.k8sbackup.restore;

import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.backup.NameFilter;
import io.jenkins.plugins.k8sbackup.backup.ResourceFilter;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The selection filters of a restore, diff or verify, as the user gave them. */
public final class ObjectSelection {
    /** One object named by the user: "resource/namespace/name" or "resource/name". */
    public record ObjectRef(String resource, String namespace, String name) {
        boolean matches(ResourceType type, ObjectRecord r) {
            boolean resourceMatches = resource.equals(type.plural()) || resource.equals(type.qualifiedName())
                    || resource.equals(type.kind().toLowerCase());
            return resourceMatches && name.equals(r.name())
                    && (namespace == null ? r.namespace() == null : namespace.equals(r.namespace()));
        }
    }

    final NameFilter namespaces;
    final ResourceFilter resources;
    final LabelSelector labels;
    final List<ObjectRef> objects;
    final NamespaceMapping mapping;
    final Boolean includeClusterResources;
    final List<String> includeNamespaces;
    final List<String> excludeNamespaces;
    private final boolean namespaceFiltered;
    private final String description;

    public ObjectSelection(List<String> includeNamespaces, List<String> excludeNamespaces, List<String> includeResources,
                           List<String> excludeResources, String labelSelector, List<String> objects,
                           Map<String, String> namespaceMapping, Boolean includeClusterResources) {
        this.namespaces = new NameFilter(includeNamespaces, excludeNamespaces);
        this.resources = new ResourceFilter(includeResources, excludeResources);
        this.labels = LabelSelector.parse(labelSelector);
        this.objects = parseObjects(objects);
        this.mapping = new NamespaceMapping(namespaceMapping);
        this.includeClusterResources = includeClusterResources;
        this.namespaceFiltered = !includeNamespaces.isEmpty() || !excludeNamespaces.isEmpty();
        this.includeNamespaces = List.copyOf(includeNamespaces);
        this.excludeNamespaces = List.copyOf(excludeNamespaces);
        this.description = describe(includeNamespaces, excludeNamespaces, includeResources, excludeResources, labelSelector,
                objects, namespaceMapping, includeClusterResources);
    }

    private static String describe(List<String> includeNamespaces, List<String> excludeNamespaces, List<String> includeResources,
                                   List<String> excludeResources, String labelSelector, List<String> objects,
                                   Map<String, String> namespaceMapping, Boolean includeClusterResources) {
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
        if (labelSelector != null && !labelSelector.isBlank()) {
            parts.add("labels " + labelSelector.strip());
        }
        if (!objects.isEmpty()) {
            parts.add("objects " + String.join(", ", objects));
        }
        if (includeClusterResources != null) {
            parts.add("cluster resources " + includeClusterResources);
        }
        if (!namespaceMapping.isEmpty()) {
            parts.add("namespace mapping " + new java.util.TreeMap<>(namespaceMapping));
        }
        return parts.isEmpty() ? "everything" : String.join("; ", parts);
    }

    /** The selection as the user gave it, in words ("everything" when nothing narrows it). */
    public String describe() {
        return description;
    }

    static List<ObjectRef> parseObjects(List<String> objects) {
        List<ObjectRef> out = new ArrayList<>();
        for (String o : objects) {
            String[] p = o.trim().split("/", -1);
            for (String s : p) {
                if (s.isBlank()) {
                    throw new IllegalArgumentException("invalid object '" + o + "': expected resource/namespace/name or resource/name");
                }
            }
            switch (p.length) {
                case 2 -> out.add(new ObjectRef(p[0].toLowerCase(), null, p[1]));
                case 3 -> out.add(new ObjectRef(p[0].toLowerCase(), p[1], p[2]));
                default -> throw new IllegalArgumentException("invalid object '" + o + "': expected resource/namespace/name or resource/name");
            }
        }
        return List.copyOf(out);
    }

    /** Whether an object's labels pass the label selector (true without one). */
    public boolean labelsMatch(com.fasterxml.jackson.databind.JsonNode object) {
        return labels == null || labels.matches(object);
    }

    public NamespaceMapping mapping() {
        return mapping;
    }

    /** Narrowed to some namespaces or objects: cluster-scoped objects then come only as dependencies. */
    boolean narrowed() {
        return namespaceFiltered || !objects.isEmpty();
    }

    boolean namespaceFiltered() {
        return namespaceFiltered;
    }
}
