package io.jenkins.plugins.k8sbackup.selection;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.k8sbackup.archive.ObjectRecord;
import io.jenkins.plugins.k8sbackup.backup.BackupManifest;
import io.jenkins.plugins.k8sbackup.kube.ResourceType;
import io.jenkins.plugins.k8sbackup.kube.WellKnownTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which objects of one backup a selection takes, decided on the index before anything is decrypted.
 * Namespaces and CRDs that selected objects need are taken as dependencies: created when missing, never
 * compared or changed when present, whatever the label selector says.
 */
public final class SelectionPlan {
    private final Selection selection;
    private final List<ResourceType> types = new ArrayList<>();
    private final Set<String> neededNamespaces = new HashSet<>();
    private final Set<String> neededCrds = new HashSet<>();
    private final Set<String> ownerKeys = new HashSet<>();
    private final Set<String> targetNamespaces = new TreeSet<>();
    private final Set<Selection.ObjectRef> matchedObjects = new HashSet<>();

    private SelectionPlan(Selection selection) {
        this.selection = selection;
    }

    /** The backup's types as API types (the archive keeps group, version, plural, kind and scope). */
    public static ResourceType typeOf(BackupManifest.TypeSummary t) {
        String resource = t.resource();
        int dot = resource.indexOf('.');
        String plural = dot < 0 ? resource : resource.substring(0, dot);
        String group = dot < 0 ? "" : resource.substring(dot + 1);
        String apiVersion = t.apiVersion();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return new ResourceType(group, version, plural, t.kindName(), t.namespaced());
    }

    public static SelectionPlan build(Selection selection, BackupManifest manifest, Collection<ObjectRecord> index) {
        SelectionPlan plan = new SelectionPlan(selection);
        Map<String, ResourceType> byName = new java.util.LinkedHashMap<>();
        for (BackupManifest.TypeSummary t : manifest.types()) {
            byName.put(t.resource(), typeOf(t));
        }
        Set<String> present = new HashSet<>();
        for (ObjectRecord r : index) {
            ResourceType type = byName.get(r.resource());
            if (type == null || !plan.direct(type, r)) {
                continue;
            }
            for (Selection.ObjectRef o : selection.objects) {
                if (o.matches(type, r)) {
                    plan.matchedObjects.add(o);
                }
            }
            present.add(r.resource());
            if (type.namespaced()) {
                plan.neededNamespaces.add(r.namespace());
                plan.targetNamespaces.add(selection.mapping.target(r.namespace()));
                if (type.isCustom()) {
                    plan.neededCrds.add(type.qualifiedName());
                }
            }
            plan.ownerKeys.add(ownerKey(r.kind(), r.namespace(), r.name()));
        }
        for (ResourceType type : byName.values()) {
            // read only when the selection needs some of their objects (an archive read is an archive checked first)
            boolean dependencyType = (type.qualifiedName().equals(WellKnownTypes.NAMESPACES) && !plan.neededNamespaces.isEmpty())
                    || (type.qualifiedName().equals(WellKnownTypes.CRDS) && !plan.neededCrds.isEmpty());
            if (present.contains(type.qualifiedName()) || dependencyType) {
                plan.types.add(type);
            }
        }
        return plan;
    }

    /**
     * Why a stored object cannot be trusted to be the one its index record names (path checked, SHA-256 verified),
     * or null: the selection and every target are decided on the record, so the JSON must agree with it.
     */
    public static String mismatch(ObjectRecord r, JsonNode o) {
        if (!(o instanceof com.fasterxml.jackson.databind.node.ObjectNode) || !o.path("metadata").isObject()) {
            return "not a Kubernetes object";
        }
        String name = o.path("metadata").path("name").asText("");
        String ns = o.path("metadata").path("namespace").asText(null);
        if (!name.equals(r.name()) || (r.namespace() != null && !r.namespace().equals(ns))) {
            return "its metadata names " + (ns == null ? "" : ns + "/") + name + ", not the object its archive path names";
        }
        return null;
    }

    static String ownerKey(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    /** Types with something selected (plus Namespaces and CRDs, when selected objects need some as dependencies). */
    public List<ResourceType> types() {
        return types;
    }

    /** Leaves these types out (their archives are damaged): nothing of them is read. */
    public void excludeTypes(Collection<String> resources) {
        types.removeIf(t -> resources.contains(t.qualifiedName()));
    }

    /** The single objects the selection names that the backup does not hold, as the user wrote them. */
    public List<String> unmatchedObjects() {
        return selection.objects.stream().filter(o -> !matchedObjects.contains(o))
                .map(Selection.ObjectRef::toString).toList();
    }

    /** Record-level test: taken directly or as a dependency. */
    public boolean wanted(ResourceType type, ObjectRecord r) {
        return direct(type, r) || dependency(type, r);
    }

    /** Object-level test after decoding: the label selector, and PVs by the claim they serve. */
    public boolean wantedObject(ResourceType type, ObjectRecord r, JsonNode o) {
        if (dependency(type, r) && !direct(type, r)) {
            return true;
        }
        String name = type.qualifiedName();
        if (name.equals(WellKnownTypes.NAMESPACES) || name.equals(WellKnownTypes.CRDS)) {
            return true;
        }
        if (name.equals(WellKnownTypes.PVS) && pvByClaim()) {
            String claimNs = o.path("spec").path("claimRef").path("namespace").asText(null);
            return claimNs != null && selection.namespaces.matches(claimNs);
        }
        return selection.labels == null || selection.labels.matches(o);
    }

    /** Present in the cluster already: left alone, not compared. */
    public boolean dependency(ResourceType type, ObjectRecord r) {
        if (direct(type, r)) {
            return false;
        }
        return switch (type.qualifiedName()) {
            case WellKnownTypes.NAMESPACES -> neededNamespaces.contains(r.name());
            case WellKnownTypes.CRDS -> neededCrds.contains(r.name());
            default -> false;
        };
    }

    /** Whether an owner (kind, namespace of the dependent, name) is recreated by this restore. */
    public boolean ownerSelected(String kind, String namespace, String name) {
        return ownerKeys.contains(ownerKey(kind, namespace, name))
                || (namespace != null && ownerKeys.contains(ownerKey(kind, null, name)));
    }

    /** The live namespaces the selection covers (after mapping). */
    public Set<String> targetNamespaces() {
        return targetNamespaces;
    }

    public Selection selection() {
        return selection;
    }

    private boolean pvByClaim() {
        return !selection.allNamespaces() && !Boolean.TRUE.equals(selection.includeClusterResources);
    }

    private boolean direct(ResourceType type, ObjectRecord r) {
        if (!selection.resources.accepts(type)) {
            return false;
        }
        if (!selection.objects.isEmpty()) {
            return selection.objects.stream().anyMatch(o -> o.matches(type, r));
        }
        if (type.namespaced()) {
            return selection.namespaces.matches(r.namespace());
        }
        String name = type.qualifiedName();
        if (name.equals(WellKnownTypes.NAMESPACES)) {
            return selection.namespaces.matches(r.name());
        }
        Boolean all = selection.includeClusterResources;
        if (Boolean.FALSE.equals(all)) {
            return false;
        }
        if (Boolean.TRUE.equals(all) || !selection.narrowed() || selection.resources.explicitlyIncludes(type)) {
            return true;
        }
        return name.equals(WellKnownTypes.PVS);
    }
}
